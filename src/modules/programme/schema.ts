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

export const axisForm = z.object({ number, ...l10n('title', true) });

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
