// The forms of citizens' referrals to the commission (one zod schema each): the citizen's
// submission, the commission's answer, a moderator's hiding, and the back office's list query.
// Messages are i18n keys; the HTML constraints of each form come from the same schema.
import { z } from 'zod';
import { choice, optionalText, requiredText } from '../../platform/validation.ts';
import { referralStatuses } from './tables.ts';

export const SUBJECT_MAX = 150;
export const BODY_MAX = 4000;
export const CONCERNS_MAX = 300;
export const ANSWER_MAX = 4000;
export const HIDE_REASON_MAX = 500;

/** A citizen's or association's matter for the commission. */
export const referralForm = z.object({
  subject: requiredText(SUBJECT_MAX),
  body: requiredText(BODY_MAX),
  // the service or project it is about, in the author's words
  concerns: optionalText(CONCERNS_MAX),
});
export type ReferralInput = z.output<typeof referralForm>;

export const answerVisibilities = ['public', 'private'] as const;

/** The commission's answer: published with the referral, or for the author only. */
export const answerForm = z.object({
  answer: requiredText(ANSWER_MAX),
  visibility: choice(answerVisibilities),
});
export type AnswerInput = z.output<typeof answerForm>;

/** A moderator sets a referral aside (abusive, personal data): the reason is required. */
export const hideForm = z.object({
  reason: requiredText(HIDE_REASON_MAX),
});

/** The back office's list: one status or all, and the keyset cursor (the last id shown). */
export const adminListQuery = z.object({
  status: z.enum(referralStatuses).optional().catch(undefined),
  after: z.string().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined),
});

/** The public list's cursor (the last id shown); anything else is the first page. */
export const publicListQuery = z.object({
  after: z.string().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined),
});
