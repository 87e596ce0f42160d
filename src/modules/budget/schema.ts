// One zod schema per form of the participatory budget. Messages are i18n keys.
import { z } from 'zod';
import { TEXT_LONG, choice, idList, isoDate, localDateTime, optionalInt, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';
import { phases, rules } from './model.ts';

/** Amounts in whole dirhams; PostgreSQL's integer holds them. */
export const MAX_MAD = 2_000_000_000;

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
});
export type ProjectInput = z.infer<typeof projectForm>;

export const reviewForm = z
  .object({
    status: choice(['feasible', 'infeasible'] as const),
    review_reason: optionalText(TEXT_LONG),
    staff_cost_mad: optionalInt(1, MAX_MAD, 'budget.errors.amountRange'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'infeasible' && !v.review_reason) ctx.addIssue({ code: 'custom', path: ['review_reason'], message: 'budget.errors.reasonRequired' });
  });
export type ReviewInput = z.infer<typeof reviewForm>;

const cin = z
  .string({ error: 'errors.required' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().min(1, 'errors.required').regex(/^[A-Z]{1,2}\d{1,7}$/, 'budget.errors.cinFormat'));

export const identityForm = z.object({ cin, birth_date: isoDate() });
export type IdentityInput = z.infer<typeof identityForm>;

export const ballotForm = z.object({
  projects: idList(),
  action: z.enum(['check', 'cast']).catch('check'),
});

export const paperBallotForm = z.object({ cin, birth_date: isoDate(), projects: idList() });
