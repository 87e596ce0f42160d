// Back-office forms of the co-creation: a participation event with its attendance, the
// proposals collected at a workshop, the answer to a proposal.
import { z } from 'zod';
import { TEXT_LONG, choice, isoDate, localDateTime, optionalInt, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';

export const eventKinds = ['workshop', 'consultation_workshop', 'meeting', 'information_meeting', 'committee_meeting'] as const;
export const proposalStatuses = ['submitted', 'under_review', 'retained', 'merged', 'not_retained', 'withdrawn'] as const;
/** Staff answers; withdrawing belongs to the author. */
export const answerStatuses = ['under_review', 'retained', 'merged', 'not_retained'] as const;

const count = optionalInt(0, 1_000_000, 'errors.negative');

export const eventForm = z
  .object({
    kind: choice(eventKinds),
    held_on: isoDate(),
    title_ar: requiredText(),
    title_fr: optionalText(),
    title_en: optionalText(),
    place_ar: optionalText(),
    place_fr: optionalText(),
    place_en: optionalText(),
    attendance_total: count,
    attendance_women: count,
    attendance_ieecag: count,
    associations_represented: count,
  })
  .superRefine((v, ctx) => {
    for (const part of ['attendance_women', 'attendance_ieecag'] as const) {
      if (v[part] !== null && (v.attendance_total === null || v[part]! > v.attendance_total)) {
        ctx.addIssue({ code: 'custom', path: [part], message: 'errors.partOverTotal' });
      }
    }
  });

/** Up to ten proposals typed from a workshop's sheets: a title (and optional text) and an axis each. */
export const WORKSHOP_ROWS = 10;
const row = (i: number) => ({
  [`title_${i}`]: optionalText(300),
  [`body_${i}`]: optionalText(TEXT_LONG),
  [`axis_${i}`]: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
});
export const workshopProposalsForm = z
  .object(Object.assign({}, ...Array.from({ length: WORKSHOP_ROWS }, (_, i) => row(i))))
  .superRefine((v: Record<string, unknown>, ctx) => {
    let any = false;
    for (let i = 0; i < WORKSHOP_ROWS; i++) {
      const title = v[`title_${i}`];
      const axis = v[`axis_${i}`];
      if (title) any = true;
      if (title && axis === null) ctx.addIssue({ code: 'custom', path: [`axis_${i}`], message: 'errors.required' });
      if (!title && (axis !== null || v[`body_${i}`])) ctx.addIssue({ code: 'custom', path: [`title_${i}`], message: 'errors.required' });
    }
    if (!any) ctx.addIssue({ code: 'custom', path: ['title_0'], message: 'errors.required' });
  })
  .transform((v: Record<string, unknown>) =>
    Array.from({ length: WORKSHOP_ROWS }, (_, i) => ({ title: v[`title_${i}`] as string | null, body: v[`body_${i}`] as string | null, axisId: v[`axis_${i}`] as number | null }))
      .filter((r): r is { title: string; body: string | null; axisId: number } => r.title !== null && r.axisId !== null),
  );

export const answerForm = z
  .object({
    status: choice(answerStatuses),
    answer_ar: optionalText(TEXT_LONG),
    answer_fr: optionalText(TEXT_LONG),
    answer_en: optionalText(TEXT_LONG),
    project_id: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
    activity_id: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
    merged_into_id: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
  })
  .superRefine((v, ctx) => {
    const anyAnswer = v.answer_ar || v.answer_fr || v.answer_en;
    // a proposal that is not retained always gets a public reason
    if (v.status === 'not_retained' && !anyAnswer) ctx.addIssue({ code: 'custom', path: ['answer_ar'], message: 'errors.reasonRequired' });
    if (v.status === 'retained' && v.project_id === null && v.activity_id === null) {
      ctx.addIssue({ code: 'custom', path: ['project_id'], message: 'errors.retainedNeedsTarget' });
    }
    if (v.status === 'merged' && v.merged_into_id === null) ctx.addIssue({ code: 'custom', path: ['merged_into_id'], message: 'errors.required' });
  });

export type EventInput = z.output<typeof eventForm>;
export type WorkshopProposalsInput = z.output<typeof workshopProposalsForm>;
export type AnswerInput = z.output<typeof answerForm>;


/** A citizen's proposal: checked first (similar proposals are shown), then published. */
export const submitForm = z.object({
  title: requiredText(200),
  body: requiredText(TEXT_LONG),
  axis_id: requiredInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
  step: z.enum(['check', 'publish']).optional().transform((v) => v ?? 'check'),
});


/** A call for proposals: its window is typed in Casablanca time. */
export const callForm = z
  .object({
    title_ar: requiredText(),
    title_fr: optionalText(),
    title_en: optionalText(),
    body_ar: optionalText(TEXT_LONG),
    body_fr: optionalText(TEXT_LONG),
    body_en: optionalText(TEXT_LONG),
    opens_local: localDateTime(),
    closes_local: localDateTime(),
    channels: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(['online', 'workshop', 'other'], { error: 'errors.invalidChoice' })).min(1, 'errors.required')),
  })
  .superRefine((v, ctx) => {
    if (v.opens_local && v.closes_local && v.closes_local <= v.opens_local) {
      ctx.addIssue({ code: 'custom', path: ['closes_local'], message: 'errors.endBeforeStart' });
    }
  });
export type CallInput = z.output<typeof callForm>;
