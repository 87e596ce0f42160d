// One zod schema per form of the advisory opinions (the register's back office), and the public
// register's query. Messages are i18n keys; dates are calendar days (YYYY-MM-DD, Casablanca).
// What needs the opinion's row or today (an adoption before the request, a date in the future)
// is checked by the commands, in their transaction.
import { z } from 'zod';
import { TEXT_LONG, choice, idList, isoDate, optionalText, requiredText } from '../../platform/validation.ts';
import { opinionOrigins } from './tables.ts';

/** An opinion's text per language: long enough for a real opinion, bounded for the form. */
export const TEXT_OPINION = 20_000;
/** Linked items of each kind: enough for any opinion, bounded for the form. */
export const MAX_OPINION_LINKS = 50;

/** The responses the council gives (pending is the absence of one). */
export const councilResponses = ['followed', 'partly', 'not_followed'] as const;
/** The register's filters: a response, a transmitted opinion still waiting, or one waiting too long. */
export const responseFilters = ['followed', 'partly', 'not_followed', 'pending', 'overdue'] as const;
export type ResponseFilter = (typeof responseFilters)[number];

const optionalDate = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(isoDate().nullable());

/** Numbers typed as "12, 15 18": any separator. */
const idText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(/[\s,،;]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d{1,9}$/, 'ieecag.opinions.errors.ids')).max(MAX_OPINION_LINKS, 'ieecag.opinions.errors.tooManyLinks'))
    .transform((v) => [...new Set(v.map(Number))]);

const ids = () => idList().pipe(z.array(z.number()).max(MAX_OPINION_LINKS, 'ieecag.opinions.errors.tooManyLinks'));

/** Drafting or editing an opinion (a draft only). */
export const opinionForm = z
  .object({
    subject_ar: requiredText(),
    subject_fr: optionalText(),
    subject_en: optionalText(),
    origin: choice(opinionOrigins),
    requested_on: optionalDate(),
    council_session_ar: optionalText(),
    council_session_fr: optionalText(),
    council_session_en: optionalText(),
    body_ar: optionalText(TEXT_OPINION),
    body_fr: optionalText(TEXT_OPINION),
    body_en: optionalText(TEXT_OPINION),
    axis_ids: ids(),
    project_ids: ids(),
    activity_ids: ids(),
    proposal_ids: idText(),
    budget_project_ids: idText(),
  })
  .superRefine((v, ctx) => {
    // asked by the council or its president: the day it was asked is part of the trail
    if ((v.origin === 'council' || v.origin === 'president') && v.requested_on === null) {
      ctx.addIssue({ code: 'custom', path: ['requested_on'], message: 'ieecag.opinions.errors.requestedOnRequired' });
    }
  });
export type OpinionInput = z.infer<typeof opinionForm>;

/** The commission adopts the opinion (the day of its deliberation). */
export const adoptForm = z.object({ adopted_on: isoDate() });
export type AdoptInput = z.infer<typeof adoptForm>;

/** The focal point transmits the adopted opinion to the council. */
export const transmitForm = z.object({ transmitted_on: isoDate() });
export type TransmitInput = z.infer<typeof transmitForm>;

/** The council's response: followed, partly followed (why) or not followed (why), and what it decided. */
export const responseForm = z
  .object({
    response_status: choice(councilResponses),
    response_on: isoDate(),
    response_reason_ar: optionalText(TEXT_LONG),
    response_reason_fr: optionalText(TEXT_LONG),
    response_reason_en: optionalText(TEXT_LONG),
    response_decision_ar: optionalText(TEXT_LONG),
    response_decision_fr: optionalText(TEXT_LONG),
    response_decision_en: optionalText(TEXT_LONG),
  })
  .superRefine((v, ctx) => {
    const reason = v.response_reason_ar || v.response_reason_fr || v.response_reason_en;
    if ((v.response_status === 'partly' || v.response_status === 'not_followed') && !reason) {
      ctx.addIssue({ code: 'custom', path: ['response_reason_ar'], message: 'ieecag.opinions.errors.reasonRequired' });
    }
  });
export type ResponseInput = z.infer<typeof responseForm>;

/** The public register's filters and cursor (anything else is ignored, never an error page). */
export const registerQuery = z.object({
  response: z.enum(responseFilters).optional().catch(undefined),
  year: z.string().regex(/^\d{4}$/).optional().catch(undefined),
  after: z.string().regex(/^\d{4}-\d{1,9}$/).optional().catch(undefined),
});
export type RegisterQuery = z.infer<typeof registerQuery>;
