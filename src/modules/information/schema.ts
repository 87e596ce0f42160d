// One zod schema per form of the requests side of the module: a citizen's request, a request
// filed at the desk, each step of a request, the information office. Messages are i18n keys; the
// rules that need the stored request (dates against receipt, one extension, the complaint
// windows) are model.refusal's, applied by the commands.
import { z } from 'zod';
import { TEXT_LONG, choice, isoDate, optionalText, requiredText } from '../../platform/validation.ts';
import { complaintOutcomes, deliveries, exceptions, outcomes, outcomesWithExceptions } from './model.ts';

export const languages = ['ar', 'fr', 'en'] as const;
/** the grounds of an urgent request (art. 17) */
export const urgentGrounds = ['life', 'safety', 'freedom'] as const;
/** the channels staff file a request through (online requests are the citizens' own) */
export const deskChannels = ['desk', 'mail', 'email', 'chafafiya'] as const;

export const SUBJECT_MAX = 200;
export const ANSWER_MAX = 10_000;

/** a checkbox: ticked posts '1', unticked posts nothing (or '' from a script) */
const box = () => z.enum(['1', ''], { error: 'errors.invalidChoice' }).optional().transform((v) => v === '1');

const email = () =>
  z
    .string()
    .trim()
    .max(254, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'information.request.errors.email').nullable());

/** A date of the past or today (Casablanca), as the back office types it. */
const pastDate = (today: string) => isoDate().refine((d) => d <= today, 'information.refused.future');

const requestFields = {
  subject: requiredText(SUBJECT_MAX),
  details: requiredText(TEXT_LONG),
  delivery: choice(deliveries),
  language: choice(languages),
  urgent: box(),
  urgent_ground: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.enum(urgentGrounds, { error: 'errors.invalidChoice' }).nullable()),
};

const urgentNeedsGround = (v: { urgent: boolean; urgent_ground: string | null }, ctx: z.RefinementCtx) => {
  if (v.urgent && v.urgent_ground === null) ctx.addIssue({ code: 'custom', path: ['urgent_ground'], message: 'information.request.errors.urgentGround' });
};

export const citizenRequestForm = z.object(requestFields).superRefine(urgentNeedsGround);
export type CitizenRequestInput = z.infer<typeof citizenRequestForm>;

export const deskRequestForm = (today: string) =>
  z
    .object({
      channel: choice(deskChannels),
      received_on: pastDate(today),
      requester_name: requiredText(200),
      requester_contact: optionalText(300),
      requester_email: email(),
      ...requestFields,
    })
    .superRefine(urgentNeedsGround);
export type DeskRequestInput = z.infer<ReturnType<typeof deskRequestForm>>;

/** The steps staff take from a request's page (the first, `received`, is the filing). */
export const staffSteps = ['clarification_asked', 'clarified', 'processing', 'extended', 'answered', 'complaint', 'complaint_decided', 'cdai'] as const;
export type StaffStep = (typeof staffSteps)[number];

const list = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(exceptions, { error: 'errors.invalidChoice' })));

/** One schema for every step's form: each step's own requirements are checked by kind. */
export const stepForm = (kind: StaffStep, today: string) =>
  z
    .object({
      on_date: pastDate(today),
      note: optionalText(2000),
      outcome: z.string().optional().transform((v) => v || null).pipe(z.enum(outcomes, { error: 'errors.invalidChoice' }).nullable()),
      exceptions: list(),
      transferred_to: optionalText(300),
      answer: optionalText(ANSWER_MAX),
      publish: box(),
      private_reason: optionalText(1000),
      complaint_outcome: z.string().optional().transform((v) => v || null).pipe(z.enum(complaintOutcomes, { error: 'errors.invalidChoice' }).nullable()),
    })
    .superRefine((v, ctx) => {
      const need = (path: string, message = 'errors.required') => ctx.addIssue({ code: 'custom', path: [path], message });
      // the question asked, the extension's public reason: the law wants them said
      if ((kind === 'clarification_asked' || kind === 'extended') && v.note === null) need('note');
      if (kind === 'answered') {
        if (v.outcome === null) need('outcome');
        if (v.answer === null) need('answer');
        if (v.outcome && outcomesWithExceptions.includes(v.outcome) && v.exceptions.length === 0) need('exceptions', 'information.refused.exceptionsRequired');
        if (v.outcome === 'transferred' && v.transferred_to === null) need('transferred_to');
        if (!v.publish && v.private_reason === null) need('private_reason', 'information.admin.errors.privateReason');
      }
      if (kind === 'complaint_decided' && v.complaint_outcome === null) need('complaint_outcome');
    });
export type StepInput = z.infer<ReturnType<typeof stepForm>>;

/** The requester's own complaint (art. 19): dated today. It asks for no text: a step's note is
 *  public, and what the requester would write may name them. */
export const complaintForm = z.object({});

export const officeForm = z.object({
  officer_user_id: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int('errors.invalidChoice').positive('errors.invalidChoice').nullable()),
  officer_name: optionalText(200),
  officer_title_ar: optionalText(200),
  officer_title_fr: optionalText(200),
  officer_title_en: optionalText(200),
  address_ar: optionalText(500),
  address_fr: optionalText(500),
  address_en: optionalText(500),
  hours_ar: optionalText(300),
  hours_fr: optionalText(300),
  hours_en: optionalText(300),
  email: email(),
  phone: z.string().trim().max(40, 'errors.tooLong').optional().transform((v) => v || null).pipe(z.string().regex(/^[+0-9 ().-]{6,40}$/, 'information.office.errors.phone').nullable()),
});
export type OfficeInput = z.infer<typeof officeForm>;

/** The back-office worklist's query string. */
export const worklistQuery = z.object({
  status: z.enum(['received', 'clarification', 'processing', 'extended', 'answered', 'complaint', 'complaint_decided', 'cdai', 'overdue']).optional().catch(undefined),
  after: z.string().regex(/^\d{4}-\d{2}-\d{2}\|\d{1,9}$/).optional().catch(undefined),
});
