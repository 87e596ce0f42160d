// One zod schema per form of the meetings' back office. Messages are i18n keys. Dates and times are
// typed in Casablanca time and become UTC instants here, so commands only see instants.
import { z } from 'zod';
import { casablancaToIso } from '../../platform/i18n/format.ts';
import { TEXT_LONG, choice, idList, isoDate, localDateTime, optionalInt, optionalText, requiredText } from '../../platform/validation.ts';
import { meetingKinds } from './tables.ts';

/** Languages a meeting may be held in (ary: Darija, zgh: Amazigh). */
export const meetingLanguages = ['ar', 'ary', 'zgh', 'fr', 'en'] as const;

/** Agenda points, linked items: enough for any real meeting, bounded for the form. */
export const MAX_AGENDA_POINTS = 30;
export const MAX_LINKS = 50;
/** A meeting lasts at most a day (it then fits the calendar's day and the home's "today"). */
export const MAX_DURATION_MINUTES = 24 * 60;
export const MAX_CAPACITY = 100_000;

const time = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'dialogue.errors.invalidTime');

const optionalTime = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'dialogue.errors.invalidTime').nullable());

/** An https address (a link a citizen follows from the page: never javascript:, never plain http). */
const httpsUrl = () =>
  z
    .string()
    .trim()
    .max(500, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)
    .refine((v) => {
      if (v === null) return true;
      try {
        const u = new URL(v);
        return u.protocol === 'https:' && u.hostname.length > 0;
      } catch {
        return false;
      }
    }, 'dialogue.errors.httpsOnly');

const optionalLocalDateTime = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(localDateTime().nullable());

/** Proposal numbers typed as "12, 15 18": any separator. */
const idText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(/[\s,،;]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d{1,9}$/, 'dialogue.errors.proposalIds')).max(MAX_LINKS, 'dialogue.errors.tooManyLinks'))
    .transform((v) => [...new Set(v.map(Number))]);

/** One point per line; empty lines are dropped. */
const lines = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(500, 'errors.tooLong')).max(MAX_AGENDA_POINTS, 'dialogue.errors.tooManyPoints'));

const box = () => z.literal('1').optional().transform((v) => v === '1');

/** When: a day, a start time, and either a duration or an end time, all in Casablanca time. */
const whenFields = {
  date: isoDate(),
  start_time: time(),
  duration_minutes: optionalInt(15, MAX_DURATION_MINUTES, 'dialogue.errors.durationRange'),
  end_time: optionalTime(),
};

type When = { date: string; start_time: string; duration_minutes: number | null; end_time: string | null };

/** The meeting's start and end in Casablanca wall-clock time ('YYYY-MM-DDTHH:mm'). */
function wallClock(v: When): { start: string; end: string | null } {
  const start = `${v.date}T${v.start_time}`;
  if (v.end_time !== null) return { start, end: `${v.date}T${v.end_time}` };
  if (v.duration_minutes === null) return { start, end: null };
  // adding minutes to a wall-clock time: done in UTC on the wall-clock digits, then converted
  const end = new Date(Date.parse(`${start}:00Z`) + v.duration_minutes * 60_000).toISOString().slice(0, 16);
  return { start, end };
}

function checkWhen(v: When, ctx: z.RefinementCtx) {
  if (v.end_time === null && v.duration_minutes === null) {
    ctx.addIssue({ code: 'custom', path: ['duration_minutes'], message: 'dialogue.errors.durationOrEnd' });
    return;
  }
  // refinements run even when a field failed: compare only times that parsed
  if (!validWhen(v)) return;
  const { start, end } = wallClock(v);
  if (end !== null && end <= start) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'dialogue.errors.endBeforeStart' });
}

const validWhen = (v: When) =>
  typeof v.date === 'string' && typeof v.start_time === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date) && /^([01]\d|2[0-3]):[0-5]\d$/.test(v.start_time) && !Number.isNaN(Date.parse(`${v.date}T${v.start_time}:00Z`));

/** Instants (UTC ISO) of a valid When. */
export function instantsOf(v: When): { startsAt: string; endsAt: string } {
  const { start, end } = wallClock(v);
  return { startsAt: casablancaToIso(start), endsAt: casablancaToIso(end!) };
}

export const meetingForm = z
  .object({
    kind: choice(meetingKinds),
    title_ar: requiredText(),
    title_fr: optionalText(),
    title_en: optionalText(),
    description_ar: optionalText(TEXT_LONG),
    description_fr: optionalText(TEXT_LONG),
    description_en: optionalText(TEXT_LONG),
    ...whenFields,
    place_ar: optionalText(),
    place_fr: optionalText(),
    place_en: optionalText(),
    map_url: httpsUrl(),
    online_url: httpsUrl(),
    languages: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(meetingLanguages, 'errors.invalidChoice')).min(1, 'dialogue.errors.languageRequired')),
    organizer_ar: optionalText(),
    organizer_fr: optionalText(),
    organizer_en: optionalText(),
    accessibility_ar: optionalText(TEXT_LONG),
    accessibility_fr: optionalText(TEXT_LONG),
    accessibility_en: optionalText(TEXT_LONG),
    agenda_ar: lines(),
    agenda_fr: lines(),
    agenda_en: lines(),
    axis_ids: idList().pipe(z.array(z.number()).max(MAX_LINKS, 'dialogue.errors.tooManyLinks')),
    project_ids: idList().pipe(z.array(z.number()).max(MAX_LINKS, 'dialogue.errors.tooManyLinks')),
    activity_ids: idList().pipe(z.array(z.number()).max(MAX_LINKS, 'dialogue.errors.tooManyLinks')),
    proposal_ids: idText(),
    registration_enabled: box(),
    capacity: optionalInt(1, MAX_CAPACITY, 'dialogue.errors.capacityRange'),
    registration_opens_at: optionalLocalDateTime(),
    registration_closes_at: optionalLocalDateTime(),
  })
  .superRefine((v, ctx) => {
    checkWhen(v, ctx);
    if (!v.place_ar && !v.place_fr && !v.place_en && !v.online_url) ctx.addIssue({ code: 'custom', path: ['place_ar'], message: 'dialogue.errors.placeOrOnline' });
    // the agenda is typed per language: a translation has as many points as the Arabic
    const points = (l: 'ar' | 'fr' | 'en') => (Array.isArray(v[`agenda_${l}`]) ? v[`agenda_${l}`].length : 0);
    for (const l of ['fr', 'en'] as const) {
      if (points(l) > 0 && points(l) !== points('ar')) ctx.addIssue({ code: 'custom', path: [`agenda_${l}`], message: 'dialogue.errors.agendaMismatch' });
    }
    if (points('ar') === 0 && (points('fr') > 0 || points('en') > 0)) ctx.addIssue({ code: 'custom', path: ['agenda_ar'], message: 'dialogue.errors.agendaArabic' });
    // the window (wall-clock strings of one format compare in time order)
    if (!validWhen(v)) return;
    const { start } = wallClock(v);
    if (v.registration_opens_at && v.registration_closes_at && v.registration_opens_at >= v.registration_closes_at) {
      ctx.addIssue({ code: 'custom', path: ['registration_opens_at'], message: 'dialogue.errors.windowOrder' });
    }
    if (v.registration_closes_at && v.registration_closes_at > start) ctx.addIssue({ code: 'custom', path: ['registration_closes_at'], message: 'dialogue.errors.windowAfterStart' });
    if (v.registration_opens_at && v.registration_opens_at > start) ctx.addIssue({ code: 'custom', path: ['registration_opens_at'], message: 'dialogue.errors.windowAfterStart' });
  });
export type MeetingInput = z.infer<typeof meetingForm>;

/** Postponing: the new day and times (the first announced start is kept by the command). */
export const postponeForm = z.object(whenFields).superRefine((v, ctx) => checkWhen(v, ctx));
export type PostponeInput = z.infer<typeof postponeForm>;

/** Cancelling: a public reason, shown on the page and sent to those registered. */
export const cancelForm = z.object({
  cancel_reason_ar: requiredText(TEXT_LONG),
  cancel_reason_fr: optionalText(TEXT_LONG),
  cancel_reason_en: optionalText(TEXT_LONG),
});
export type CancelInput = z.infer<typeof cancelForm>;

/** The public calendar's filters and cursors (anything else is ignored, never an error page). */
export const calendarQuery = z.object({
  kind: z.enum(meetingKinds).optional().catch(undefined),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
  upcoming: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|\d{1,9}$/).optional().catch(undefined),
  past: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|\d{1,9}$/).optional().catch(undefined),
});
export type CalendarQuery = z.infer<typeof calendarQuery>;
