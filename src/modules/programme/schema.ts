// One zod schema per back-office form. They validate on the server and give the HTML
// constraints of the same forms (htmlConstraints). Messages are i18n keys.
import { z } from 'zod';
import {
  TEXT_LONG,
  choice,
  idList,
  isoDate,
  optionalInt,
  optionalNumber,
  optionalText,
  requiredInt,
  requiredText,
} from '../../platform/validation.ts';
import { activityStatuses, programmeStatuses } from './progress.ts';

export const partnerKinds = ['ministry_directorate', 'cooperation_agency', 'university', 'association', 'media', 'collectivity', 'other'] as const;
export const costKinds = ['amount', 'none', 'tbd'] as const;
export const fundingKinds = ['own', 'partner'] as const;
export const indicatorKinds = ['monitoring', 'impact'] as const;

const l10n = (name: string, required: boolean, max?: number) => ({
  [`${name}_ar`]: required ? requiredText(max) : optionalText(max),
  [`${name}_fr`]: optionalText(max),
  [`${name}_en`]: optionalText(max),
});

const number = requiredInt(1, 999);

// theme_id: the network's theme (optional); the command checks it is offered
export const axisForm = z.object({ number, ...l10n('title', true), theme_id: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice') });

export const projectForm = z.object({
  axis_id: requiredInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
  number,
  ...l10n('title', true),
  ...l10n('objectives', false, TEXT_LONG),
  ...l10n('expected_results', false, TEXT_LONG),
  ...l10n('partners_contribution', false, TEXT_LONG),
  duration_months: optionalInt(1, 120, 'errors.durationRange'),
  partners: idList(),
});

export const activityForm = z
  .object({
    project_id: requiredInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
    number,
    ...l10n('title', true),
    partners: idList(),
    cost_kind: choice(costKinds),
    cost_amount_mad: optionalInt(0, 1e12, 'errors.negative'),
    ...l10n('cost_note', false),
    funding_kind: choice(fundingKinds),
    funding_partner_id: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
    start_date: isoDate(),
    end_date: isoDate(),
    status: choice(activityStatuses),
    progress: requiredInt(0, 100, 'errors.progressRange'),
    weight: requiredInt(1, 100),
  })
  .superRefine((v, ctx) => {
    if (v.start_date && v.end_date && v.end_date < v.start_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'errors.endBeforeStart' });
    }
    if (v.cost_kind === 'amount' && v.cost_amount_mad === null) {
      ctx.addIssue({ code: 'custom', path: ['cost_amount_mad'], message: 'errors.amountRequired' });
    }
    if (v.funding_kind === 'partner' && v.funding_partner_id === null) {
      ctx.addIssue({ code: 'custom', path: ['funding_partner_id'], message: 'errors.partnerRequired' });
    }
  })
  .transform((v) => ({
    ...v,
    cost_amount_mad: v.cost_kind === 'amount' ? v.cost_amount_mad : null,
    funding_partner_id: v.funding_kind === 'partner' ? v.funding_partner_id : null,
  }));

export const partnerForm = z.object({ ...l10n('name', true), kind: choice(partnerKinds) });

export const indicatorForm = z.object({
  project_id: requiredInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
  kind: choice(indicatorKinds),
  ...l10n('statement', true, TEXT_LONG),
  ...l10n('unit', false, 50),
  baseline: optionalNumber(),
  target: optionalNumber(),
});

export const programmeForm = z
  .object({
    ...l10n('title', true),
    start_year: requiredInt(2000, 2100, 'errors.yearRange'),
    end_year: requiredInt(2000, 2100, 'errors.yearRange'),
    status: choice(programmeStatuses),
    ...l10n('adoption_session', false),
    adoption_date: z.union([z.literal(''), isoDate()]).optional().transform((v) => v || null),
    ...l10n('adoption_reference', false),
  })
  .superRefine((v, ctx) => {
    if (v.end_year < v.start_year) ctx.addIssue({ code: 'custom', path: ['end_year'], message: 'errors.endBeforeStart' });
  });

export type AxisInput = z.output<typeof axisForm>;
export type ProjectInput = z.output<typeof projectForm>;
export type ActivityInput = z.output<typeof activityForm>;
export type PartnerInput = z.output<typeof partnerForm>;
export type IndicatorInput = z.output<typeof indicatorForm>;
export type ProgrammeInput = z.output<typeof programmeForm>;

/** Optional texts in the three locales, typed by name (l10n above loses the keys' names). */
const optionalL10n = <N extends string>(name: N) =>
  ({ [`${name}_ar`]: optionalText(), [`${name}_fr`]: optionalText(), [`${name}_en`]: optionalText() }) as Record<`${N}_${'ar' | 'fr' | 'en'}`, ReturnType<typeof optionalText>>;

/** Why a change is made, shown with it in the public history (asked once the plan is adopted). */
export const reasonForm = z.object({ reason: optionalText(500) });

/** Adopting a draft: the council's session and date (the decision's reference if known). */
export const adoptionForm = z.object({
  ...optionalL10n('adoption_session'),
  adoption_date: isoDate(),
  ...optionalL10n('adoption_reference'),
  reason: optionalText(500),
}).superRefine((v, ctx) => {
  if (!v.adoption_session_ar && !v.adoption_session_fr && !v.adoption_session_en) {
    ctx.addIssue({ code: 'custom', path: ['adoption_session_ar'], message: 'programme.cycles.sessionRequired' });
  }
});

/** The next programme, started from the current one. */
export const nextProgrammeForm = z
  .object({
    ...optionalL10n('title'),
    start_year: requiredInt(2000, 2100, 'errors.yearRange'),
    end_year: requiredInt(2000, 2100, 'errors.yearRange'),
  })
  .superRefine((v, ctx) => {
    if (v.end_year < v.start_year) ctx.addIssue({ code: 'custom', path: ['end_year'], message: 'errors.endBeforeStart' });
  });

export type AdoptionInput = z.output<typeof adoptionForm>;
export type NextProgrammeInput = z.output<typeof nextProgrammeForm>;
