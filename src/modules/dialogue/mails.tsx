// The dialogue module's mails to registrants, each in the registrant's language: confirmation
// (a seat, or a place on the waiting list), promotion from the waiting list, the reminder the day
// before, and the meeting's cancellation. Plain text and the same words as simple HTML. Each
// carries the meeting's .ics (calendar.ts) and a signed link that cancels the registration
// without logging in. The meeting's texts were written by staff; nothing a registrant typed is
// ever put in a mail.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { pick } from '../../platform/tenancy.ts';
import { meetingsCalendar } from './calendar.ts';
import type { MeetingRow } from './tables.ts';
import { mailHtml } from '../../platform/mail/html.tsx';

/** From the app's configuration: links are absolute (BASE_URL) and signed (SESSION_SECRET). */
export interface MailSettings {
  baseUrl: string;
  secret: string;
}

/** The collectivity the mails are about, with the settings of their links. */
export interface MailPlace extends MailSettings {
  collectivityId: number;
  slug: string;
  name: { ar: string; fr: string | null; en: string | null };
}

export interface MailPerson {
  id: number;
  email: string;
  /** app_user.locale: the mail's language */
  locale: string;
}

export async function mailPlace(db: Db, collectivityId: number, settings: MailSettings): Promise<MailPlace> {
  const c = await db.selectFrom('collectivity').select(['slug', 'name_ar', 'name_fr', 'name_en']).where('id', '=', collectivityId).executeTakeFirstOrThrow();
  return { ...settings, collectivityId, slug: c.slug, name: { ar: c.name_ar, fr: c.name_fr, en: c.name_en } };
}

// The cancellation link is signed like the proposals' unsubscribe links (cocreation/notify.ts):
// HMAC-SHA256 under a key derived from the session secret, with a label of its own, so that a
// signature made for one purpose is never valid for another (a proposal and a meeting may share
// an id).
const cancelKey = (secret: string) => createHmac('sha256', secret).update('infitah/dialogue/cancel-registration/v1').digest();

/** The signature of "this person cancels their registration for this meeting". */
export const cancelSignature = (secret: string, meetingId: number, userId: number) =>
  createHmac('sha256', cancelKey(secret)).update(`${meetingId}|${userId}`).digest('base64url');

export function validCancelSignature(secret: string, meetingId: number, userId: number, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length > 100) return false;
  const expected = Buffer.from(cancelSignature(secret, meetingId, userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const cancelLinkPath = (locale: string, slug: string, meetingId: number) => `/${locale}/c/${slug}/meetings/${meetingId}/cancel-registration`;

export const cancelLink = (place: MailPlace, locale: string, meetingId: number, userId: number) =>
  `${place.baseUrl}${cancelLinkPath(locale, place.slug, meetingId)}?user=${userId}&token=${cancelSignature(place.secret, meetingId, userId)}`;

type Kind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'cancelled';

interface Content {
  kind: Kind;
  place: MailPlace;
  meeting: MeetingRow;
  person: MailPerson;
  values?: Record<string, string | number>;
  /** the meeting was cancelled: no link to cancel the registration, the reason instead */
  reason?: string | null;
}

async function meetingMail(c: Content): Promise<OutgoingMail> {
  const locale: Locale = isLocale(c.person.locale) ? c.person.locale : 'ar';
  const t = translator(locale);
  const m = c.meeting;
  const title = pick({ ar: m.title_ar, fr: m.title_fr, en: m.title_en }, locale).text;
  const placeText = pick({ ar: m.place_ar, fr: m.place_fr, en: m.place_en }, locale).text || m.online_url || '';
  const page = `${c.place.baseUrl}/${locale}/c/${c.place.slug}/meetings/${m.id}`;
  const k = (key: string, values?: Record<string, string | number>) => t(`dialogue.registration.mail.${key}`, values);
  const values = { title, date: formatDateTime(locale, m.starts_at), ...c.values };
  const paragraphs = [k(`${c.kind}.intro`, values)];
  if (placeText) paragraphs.push(k('where', { place: placeText }));
  if (c.reason) paragraphs.push(k('reason', { reason: c.reason }));
  paragraphs.push(k(c.kind === 'cancelled' ? 'calendarRemove' : 'calendar'));
  const cancel = c.kind === 'cancelled' ? null : cancelLink(c.place, locale, m.id, c.person.id);
  const subject = k(`${c.kind}.subject`, values);
  const signature = pick(c.place.name, locale).text;
  const text = [
    ...paragraphs,
    `${k('page')}:\n${page}`,
    ...(cancel ? [`${k('cancel')}:\n${cancel}`] : []),
    `— ${signature}`,
  ].join('\n\n');
  const html = mailHtml(
    locale,
    subject,
    <>
      {paragraphs.map((p) => <p>{p}</p>)}
      <p><a href={page}>{k('page')}</a></p>
      {cancel && <p><a href={cancel}>{k('cancel')}</a></p>}
      <p>— {signature}</p>
    </>,
  );
  const ics = await meetingsCalendar([m], { name: title, baseUrl: c.place.baseUrl, slug: c.place.slug, locale });
  return {
    to: c.person.email,
    subject,
    text,
    html,
    collectivityId: c.place.collectivityId,
    attachment: { filename: `meeting-${m.id}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics },
  };
}

/** After registering: a seat (confirmed), or a place on the waiting list (with its number). */
export function confirmationMail(place: MailPlace, meeting: MeetingRow, person: MailPerson, r: { status: 'confirmed' | 'waitlisted'; seats: number; position: number | null }) {
  return meetingMail({ kind: r.status, place, meeting, person, values: { seats: r.seats, position: r.position ?? 0 } });
}

/** A seat freed up and went to this wait-listed registration. */
export function promotionMail(place: MailPlace, meeting: MeetingRow, person: MailPerson, seats: number) {
  return meetingMail({ kind: 'promoted', place, meeting, person, values: { seats } });
}

/** The day before, to each confirmed registration. */
export function reminderMail(place: MailPlace, meeting: MeetingRow, person: MailPerson, seats: number) {
  return meetingMail({ kind: 'reminder', place, meeting, person, values: { seats } });
}

/**
 * The meeting is cancelled (for the meeting's cancel command, to each registration not already
 * cancelled). The .ics attached says STATUS:CANCELLED when the meeting row passed in does, so a
 * calendar that imported the first one removes the event.
 */
export function cancellationMail(place: MailPlace, meeting: MeetingRow, person: MailPerson) {
  const locale: Locale = isLocale(person.locale) ? person.locale : 'ar';
  const reason = pick({ ar: meeting.cancel_reason_ar, fr: meeting.cancel_reason_fr, en: meeting.cancel_reason_en }, locale).text || null;
  return meetingMail({ kind: 'cancelled', place, meeting, person, reason });
}
