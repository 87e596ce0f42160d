// Rows → view models for one locale: the register's lines, a request's page, the office.
// Deadlines and lateness come from model.ts; time taken from the calendar (working days).
import { formatDate } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pickField } from '../../platform/tenancy.ts';
import { type Rules, workingDaysBetween } from './calendar.ts';
import { datesOf, isOverdue, onTime, runningDeadline } from './model.ts';
import { type PublicRequest, parseExceptions } from './repository.ts';
import type { InformationOfficeRow } from './tables.ts';
import type { OfficeView, RequestLine, RequestView, StepView } from './views/register.tsx';


/** Working days from the complete request's receipt to the answer (null while unanswered). */
export const daysTaken = (rules: Rules, r: Pick<PublicRequest, 'clock_from' | 'answered_on'>) =>
  r.answered_on ? workingDaysBetween(rules.calendar, r.clock_from, r.answered_on) : null;

export function presentLine(r: PublicRequest, rules: Rules, today: string, locale: Locale, base: string): RequestLine {
  const d = datesOf(r);
  const due = runningDeadline(d) ?? r.due_on;
  return {
    id: r.id,
    href: `${base}/information/${r.id}`,
    subject: r.subject,
    lang: (['ar', 'fr', 'en'].includes(r.language) ? r.language : 'ar') as Locale,
    channel: r.channel,
    receivedOn: formatDate(locale, r.received_on),
    dueOn: formatDate(locale, due),
    status: r.status,
    overdue: isOverdue(d, today),
    answeredOn: r.answered_on ? formatDate(locale, r.answered_on) : null,
    days: daysTaken(rules, r),
    onTime: onTime(d, today),
    outcome: r.outcome,
    exceptions: parseExceptions(r.exceptions),
    example: r.is_example === 1,
  };
}

export function presentRequest(
  r: PublicRequest,
  steps: { id: number; kind: string; on_date: string; actor_role: string | null; note: string | null; due_on: string | null }[],
  answer: string | null,
  files: { id: number; original_name: string; size: number; mime: string }[],
  rules: Rules,
  today: string,
  locale: Locale,
  base: string,
): RequestView {
  // the deadline first set: the due date of the earliest step that carries one
  const firstDue = steps.find((s) => s.due_on)?.due_on ?? null;
  return {
    ...presentLine(r, rules, today, locale, base),
    urgent: r.urgent === 1,
    delivery: r.delivery,
    answerDue: formatDate(locale, r.due_on),
    originalDue: r.extended === 1 && firstDue && firstDue !== r.due_on ? formatDate(locale, firstDue) : null,
    extended: r.extended === 1,
    extensionReason: r.extension_reason,
    complaintDue: r.complaint_due_on ? formatDate(locale, r.complaint_due_on) : null,
    complaintOutcome: r.complaint_outcome,
    transferredTo: r.transferred_to,
    answered: r.answered_on !== null,
    answerPublic: r.answer_public === 1,
    answer,
    privateReason: r.answer_public === 1 ? null : r.answer_private_reason,
    files: files.map((f) => ({ name: f.original_name, size: f.size, href: `${base.slice(base.indexOf('/c/'))}/information/${r.id}/files/${f.id}` })),
    steps: steps.map(
      (s): StepView => ({
        kind: s.kind,
        date: s.on_date,
        on: formatDate(locale, s.on_date),
        by: s.actor_role === 'requester' ? 'requester' : s.actor_role ? 'collectivity' : null,
        note: s.note,
      }),
    ),
  };
}

export function presentOffice(o: InformationOfficeRow | undefined, locale: Locale): OfficeView | null {
  if (!o) return null;
  return {
    officerName: o.officer_name,
    officerTitle: pickField(o, 'officer_title', locale),
    address: pickField(o, 'address', locale),
    hours: pickField(o, 'hours', locale),
    email: o.email,
    phone: o.phone,
  };
}
