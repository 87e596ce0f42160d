// The requester's mails: the receipt, then one at every step, in the requester's language (their
// account's, or the language of a desk request). Plain text and the same words as simple HTML.
// A staff note (the question asked, the extension's reason, the answer) may be quoted: the
// requester gave their address to this collectivity to be answered, and staff wrote the text —
// nothing the requester typed is ever put in a mail.
import type { Db } from '../../platform/db/database.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, intlLocale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { type OutgoingMail, mayMailTo, queueMail } from '../../platform/mail/index.ts';
import { pick } from '../../platform/tenancy.ts';
import type { StepKind } from './model.ts';
import './tables.ts';
import { mailHtml } from '../../platform/mail/html.tsx';

/** Who the request's mails go to, and in which language; null when nobody can be written to. */
export async function requesterAddress(trx: Db, r: { requester_user_id: number | null; requester_email: string | null; language: string }): Promise<{ to: string; locale: Locale; account: boolean } | null> {
  if (r.requester_user_id !== null) {
    const u = await trx.selectFrom('app_user').select(['email', 'locale', 'deleted_at']).where('id', '=', r.requester_user_id).executeTakeFirst();
    if (!u || u.deleted_at) return null;
    return { to: u.email, locale: isLocale(u.locale) ? u.locale : 'ar', account: true };
  }
  if (r.requester_email) return { to: r.requester_email, locale: isLocale(r.language) ? r.language : 'ar', account: false };
  return null;
}

export interface StepMail {
  collectivityId: number;
  baseUrl: string;
  request: { id: number; subject: string; received_on: string; due_on: string; requester_user_id: number | null; requester_email: string | null; language: string };
  step: { kind: StepKind; on_date: string; note: string | null; due_on: string | null };
  answer?: { outcome: string | null; exceptions: string[]; text: string | null; transferredTo: string | null; complaintOutcome?: string | null } | null;
}

/** Queues the mail of a step in the caller's transaction, unless the address had its hour's share. */
export async function queueStepMail(trx: Db, m: StepMail): Promise<boolean> {
  const address = await requesterAddress(trx, m.request);
  if (!address || !(await mayMailTo(trx, address.to))) return false;
  const c = await trx.selectFrom('collectivity').select(['slug', 'name_ar', 'name_fr', 'name_en']).where('id', '=', m.collectivityId).executeTakeFirstOrThrow();
  await queueMail(trx, render(m, address, c));
  return true;
}

function render(m: StepMail, address: { to: string; locale: Locale; account: boolean }, c: { slug: string; name_ar: string; name_fr: string | null; name_en: string | null }): OutgoingMail {
  const locale = address.locale;
  const t = translator(locale);
  const date = (d: string) => formatDate(locale, d);
  const k = (key: string, values?: Record<string, string | number>) => t(`information.mail.${key}`, values);
  const values = { subject: m.request.subject, date: date(m.step.on_date), received: date(m.request.received_on), due: m.step.due_on ? date(m.step.due_on) : '' };
  const paragraphs = [k(`${m.step.kind}.intro`, values)];
  if (m.step.due_on) paragraphs.push(k('due', values));
  // "label: value", and a label over a block of text, with each language's punctuation
  const line = (label: string, value: string) => t('information.request.line', { label: k(label), value });
  const block = (label: string, text: string) => `${t('information.request.labelEnd', { label: k(label) })}\n${text}`;
  const a = m.answer;
  if (a?.outcome) paragraphs.push(line('outcome', t(`information.outcome.${a.outcome}`)));
  if (a && a.exceptions.length > 0) paragraphs.push(line('exceptions', listOf(locale, a.exceptions.map((e) => t(`information.exception.${e}`)))));
  if (a?.transferredTo) paragraphs.push(line('transferredTo', a.transferredTo));
  if (a?.complaintOutcome) paragraphs.push(t(`information.complaintOutcome.${a.complaintOutcome}`));
  if (a?.text) paragraphs.push(block('answer', a.text));
  if (m.step.note) paragraphs.push(block('note', m.step.note));
  // an account follows the request on its page; a desk requester has no page of their own
  const page = address.account ? `${m.baseUrl}/${locale}/c/${c.slug}/information/${m.request.id}/mine` : null;
  const signature = pick({ ar: c.name_ar, fr: c.name_fr, en: c.name_en }, locale).text;
  const subject = k('subject', { step: t(`information.step.${m.step.kind}`), subject: m.request.subject });
  const text = [...paragraphs, ...(page ? [block('page', page)] : []), `— ${signature}`].join('\n\n');
  const html = mailHtml(
    locale,
    subject,
    <>
      {paragraphs.map((p) => <p>{p}</p>)}
      {page && <p><a href={page}>{k('page')}</a></p>}
      <p>— {signature}</p>
    </>,
  );
  return { to: address.to, subject, text, html, collectivityId: m.collectivityId };
}

/** Items as a sentence lists them in the language ("a, b et c", "أ و ب و ج"). */
export const listOf = (locale: Locale, items: string[]) => new Intl.ListFormat(intlLocale[locale], { style: 'long', type: 'conjunction' }).format(items);
