// One zod schema per form of the participatory budget. Messages are i18n keys.
import { z } from 'zod';
import { TEXT_LONG, choice, idList, isoDate, localDateTime, optionalInt, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';
import { phases, rules } from './model.ts';

/** Amounts in whole dirhams; PostgreSQL's integer holds them. */
export const MAX_MAD = 2_000_000_000;

const cin = z
  .string({ error: 'errors.required' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().min(1, 'errors.required').regex(/^[A-Z]{1,2}\d{1,7}$/, 'budget.errors.cinFormat'));

export const roundForm = z
  .object({
    title_ar: requiredText(),
    title_fr: optionalText(),
    title_en: optionalText(),
    envelope_mad: requiredInt(1, MAX_MAD, 'budget.errors.amountRange'),
    rule: choice(rules),
    min_choices: optionalInt(1, 100, 'budget.errors.choicesRange'),
    max_choices: optionalInt(1, 100, 'budget.errors.choicesRange'),
    changeable: z.literal('1').optional().transform((v) => v === '1'),
    information_at: localDateTime(),
    submission_at: localDateTime(),
    review_at: localDateTime(),
    voting_at: localDateTime(),
    results_at: localDateTime(),
    implementation_at: localDateTime(),
  })
  .superRefine((v, ctx) => {
    if (v.rule === 'approval' && v.max_choices === null) ctx.addIssue({ code: 'custom', path: ['max_choices'], message: 'budget.errors.maxRequired' });
    if (v.min_choices !== null && v.max_choices !== null && v.min_choices > v.max_choices) {
      ctx.addIssue({ code: 'custom', path: ['max_choices'], message: 'budget.errors.minOverMax' });
    }
    // each phase starts after the previous one (wall-clock strings of one format compare in order)
    for (let i = 1; i < phases.length; i++) {
      if (v[`${phases[i]}_at`] <= v[`${phases[i - 1]}_at`]) {
        ctx.addIssue({ code: 'custom', path: [`${phases[i]}_at`], message: 'budget.errors.phaseOrder' });
      }
    }
  });
export type RoundInput = z.infer<typeof roundForm>;

export const projectForm = z.object({
  title: requiredText(),
  description: requiredText(TEXT_LONG),
  neighbourhood: requiredText(),
  estimated_cost_mad: requiredInt(1, MAX_MAD, 'budget.errors.amountRange'),
  district_id: optionalInt(1, 2_147_483_647, 'errors.invalidChoice'),
});
export type ProjectInput = z.infer<typeof projectForm>;

export const reviewForm = z
  .object({
    status: choice(['feasible', 'infeasible', 'merged'] as const),
    review_reason: optionalText(TEXT_LONG),
    staff_cost_mad: optionalInt(1, MAX_MAD, 'budget.errors.amountRange'),
    merged_into_id: optionalInt(1, 2_147_483_647, 'errors.invalidChoice'),
  })
  .superRefine((v, ctx) => {
    if (v.status !== 'feasible' && !v.review_reason) ctx.addIssue({ code: 'custom', path: ['review_reason'], message: 'budget.errors.reasonRequired' });
    if (v.status === 'merged' && v.merged_into_id === null) ctx.addIssue({ code: 'custom', path: ['merged_into_id'], message: 'budget.errors.mergeTarget' });
  });

/** A citizen's project: the first post ('check') shows similar projects, the second publishes. */
export const submitProjectForm = projectForm.extend({ step: z.enum(['check', 'publish']).catch('check') });

export const districtForm = z.object({
  name: requiredText(),
  envelope_mad: requiredInt(1, MAX_MAD, 'budget.errors.amountRange'),
});
export type DistrictInput = z.infer<typeof districtForm>;

export const inPersonForm = z.object({
  cin,
  birth_date: isoDate(),
  gender: z.enum(['', 'f', 'm']).catch('').transform((g) => g || null),
});
export type ReviewInput = z.infer<typeof reviewForm>;

export const identityForm = z.object({ cin, birth_date: isoDate() });
export type IdentityInput = z.infer<typeof identityForm>;

export const ballotForm = z.object({
  projects: idList(),
  district_id: optionalInt(1, 2_147_483_647, 'errors.invalidChoice'),
  action: z.enum(['check', 'cast']).catch('check'),
});

export const paperBallotForm = z.object({ cin, birth_date: isoDate(), projects: idList(), district_id: optionalInt(1, 2_147_483_647, 'errors.invalidChoice') });

/** The programme's project the round's winners become activities of. */
export const planForm = z.object({ project_id: requiredInt(1, 2_147_483_647, 'errors.invalidChoice') });
