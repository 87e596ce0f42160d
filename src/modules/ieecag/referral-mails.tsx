// Mails about citizens' referrals, through the outbox (queued in the command's transaction):
// to the author when the referral is received and when the commission answers (publicly or
// privately: the answer is in the mail either way), and to the commission's contact address
// when a referral arrives. The commission's mail carries what the author typed (subject, what
// it concerns) and the back-office link, never the author's name or address.
import type { Db } from '../../platform/db/database.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { pick } from '../../platform/tenancy.ts';
import type { ReferralRow } from './tables.ts';
import { mailHtml } from '../../platform/mail/html.tsx';

/** From the app's configuration: links in mails are absolute. */
export interface ReferralMailSettings {
  baseUrl: string;
}

/** The collectivity the mails are about. */
export interface ReferralMailPlace extends ReferralMailSettings {
  collectivityId: number;
  slug: string;
  name: { ar: string; fr: string | null; en: string | null };
}

export async function referralMailPlace(db: Db, collectivityId: number, settings: ReferralMailSettings): Promise<ReferralMailPlace> {
  const c = await db.selectFrom('collectivity').select(['slug', 'name_ar', 'name_fr', 'name_en']).where('id', '=', collectivityId).executeTakeFirstOrThrow();
  return { ...settings, collectivityId, slug: c.slug, name: { ar: c.name_ar, fr: c.name_fr, en: c.name_en } };
}

/** The author's page of a referral (status and answer), which needs their session. */
export const referralPath = (locale: string, slug: string, id: number) => `/${locale}/c/${slug}/ieecag/referrals/${id}`;

/** A mail subject is one line: what the author typed is folded onto it. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function compose(place: ReferralMailPlace, to: string, locale: Locale, subject: string, paragraphs: string[], link: { label: string; href: string }): OutgoingMail {
  const signature = pick(place.name, locale).text;
  const text = [...paragraphs, `${link.label}:\n${link.href}`, `— ${signature}`].join('\n\n');
  const html = mailHtml(
    locale,
    subject,
    <>
      {paragraphs.map((p) => <p style="white-space:pre-line">{p}</p>)}
      <p><a href={link.href}>{link.label}</a></p>
      <p>— {signature}</p>
    </>,
  );
  return { to, subject, text, html, collectivityId: place.collectivityId };
}

const localeOf = (l: string): Locale => (isLocale(l) ? l : 'ar');

/** To the author, after submitting: what they sent, and where to follow it. */
export function receivedMail(place: ReferralMailPlace, r: Pick<ReferralRow, 'id' | 'subject' | 'concerns'>, person: { email: string; locale: string }): OutgoingMail {
  const locale = localeOf(person.locale);
  const t = translator(locale);
  const k = (key: string, values?: Record<string, string | number>) => t(`ieecag.referralMail.${key}`, values);
  const paragraphs = [k('received.intro', { name: pick(place.name, locale).text }), k('subjectLine', { subject: oneLine(r.subject) })];
  if (r.concerns) paragraphs.push(k('concernsLine', { concerns: r.concerns }));
  paragraphs.push(k('received.next'));
  return compose(place, person.email, locale, k('received.subject', { subject: oneLine(r.subject) }), paragraphs, { label: k('follow'), href: `${place.baseUrl}${referralPath(locale, place.slug, r.id)}` });
}

/** To the commission's contact address: a referral arrived (in Arabic, the platform's first
 *  language; the back office has the rest). */
export function commissionMail(place: ReferralMailPlace, r: Pick<ReferralRow, 'id' | 'subject' | 'concerns'>, to: string): OutgoingMail {
  const locale: Locale = 'ar';
  const t = translator(locale);
  const k = (key: string, values?: Record<string, string | number>) => t(`ieecag.referralMail.${key}`, values);
  const paragraphs = [k('commission.intro', { name: pick(place.name, locale).text }), k('subjectLine', { subject: oneLine(r.subject) })];
  if (r.concerns) paragraphs.push(k('concernsLine', { concerns: r.concerns }));
  return compose(place, to, locale, k('commission.subject', { subject: oneLine(r.subject) }), paragraphs, {
    label: k('commission.open'),
    href: `${place.baseUrl}/admin/c/${place.slug}/ieecag/referrals/${r.id}`,
  });
}

/** To the author, when the commission answers: the answer itself, and whether it is published. */
export function answerMail(place: ReferralMailPlace, r: Pick<ReferralRow, 'id' | 'subject' | 'answer' | 'answered_on' | 'answer_public'>, person: { email: string; locale: string }): OutgoingMail {
  const locale = localeOf(person.locale);
  const t = translator(locale);
  const k = (key: string, values?: Record<string, string | number>) => t(`ieecag.referralMail.${key}`, values);
  const paragraphs = [
    k('answered.intro', { subject: oneLine(r.subject), date: r.answered_on ? formatDate(locale, r.answered_on) : '' }),
    r.answer ?? '',
    k(r.answer_public === 1 ? 'answered.public' : 'answered.private'),
  ];
  return compose(place, person.email, locale, k('answered.subject', { subject: oneLine(r.subject) }), paragraphs, { label: k('follow'), href: `${place.baseUrl}${referralPath(locale, place.slug, r.id)}` });
}
