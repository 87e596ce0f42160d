// What the staff page and the requester's page both show of a request: its facts and deadlines,
// its trail, the answer and its files. The presenter turns rows into these view models for one
// locale; dates are written in words and isolated (<bdi>) so they read the same in Arabic.
import { formatDate, formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale, Translate } from '../../../platform/i18n/i18n.ts';
import { usePage } from '../../../platform/ui/page.tsx';
import { listOf } from '../mails.tsx';
import { type Status, isOverdue, onTime, runningDeadline } from '../model.ts';
import type { InformationRequestRow } from '../tables.ts';

export interface StepView {
  kind: string;
  label: string;
  date: string;
  note: string | null;
  due: string | null;
  /** staff only: who recorded it */
  actor: string | null;
}

export interface RequestView {
  id: number;
  subject: string;
  details: string;
  status: string;
  statusLabel: string;
  channel: string;
  delivery: string;
  language: string;
  urgent: string | null;
  received: string;
  due: string | null;
  overdue: boolean;
  onTime: boolean | null;
  extensionReason: string | null;
  answered: string | null;
  outcome: string | null;
  /** the exceptions invoked, as a sentence lists them */
  exceptions: string | null;
  transferredTo: string | null;
  answer: string | null;
  answerPublic: boolean;
  privateReason: string | null;
  complaintDue: string | null;
  complaintOutcome: string | null;
  /** staff only; account: filed from an account (its name and address, read by the route) */
  requester: { name: string | null; contact: string | null; email: string | null; account?: boolean } | null;
  files: { href: string; name: string; size: string }[];
  trail: StepView[];
}

export function presentRequest(
  t: Translate,
  locale: Locale,
  today: string,
  r: InformationRequestRow,
  trail: { kind: string; on_date: string; note: string | null; due_on: string | null; actor_name?: string | null; actor_role: string | null }[],
  files: { id: number; original_name: string; size: number }[],
  options: { filesHref: string; staff: boolean },
): RequestView {
  const date = (d: string | null) => (d ? formatDate(locale, d) : null);
  const status = r.status as Status;
  const due = runningDeadline({ status, due_on: r.due_on, complaint_due_on: r.complaint_due_on });
  return {
    id: r.id,
    subject: r.subject,
    details: r.details,
    status,
    statusLabel: t(`information.status.${status}`),
    channel: t(`information.channel.${r.channel}`),
    delivery: t(`information.delivery.${r.delivery}`),
    language: t(`information.request.languages.${r.language}`),
    urgent: r.urgent === 1 ? t(`information.request.grounds.${r.urgent_ground ?? 'life'}`) : null,
    received: date(r.received_on)!,
    due: date(due),
    overdue: isOverdue({ status, due_on: r.due_on, complaint_due_on: r.complaint_due_on }, today),
    onTime: onTime({ status, due_on: r.due_on, answered_on: r.answered_on }, today),
    extensionReason: r.extension_reason,
    answered: date(r.answered_on),
    outcome: r.outcome ? t(`information.outcome.${r.outcome}`) : null,
    exceptions: r.exceptions ? listOf(locale, (JSON.parse(r.exceptions) as string[]).map((e) => t(`information.exception.${e}`))) : null,
    transferredTo: r.transferred_to,
    answer: r.answer,
    answerPublic: r.answer_public === 1,
    privateReason: r.answer_private_reason,
    complaintDue: date(r.complaint_due_on),
    complaintOutcome: r.complaint_outcome ? t(`information.complaintOutcome.${r.complaint_outcome}`) : null,
    requester: options.staff ? { name: r.requester_name, contact: r.requester_contact, email: r.requester_email } : null,
    files: files.map((f) => ({ href: `${options.filesHref}/${f.id}`, name: f.original_name, size: `${formatNumber(locale, Math.max(1, Math.round(f.size / 1024)))} KB` })),
    trail: trail.map((s) => ({
      kind: s.kind,
      label: t(`information.step.${s.kind}`),
      date: date(s.on_date)!,
      note: s.note,
      due: date(s.due_on),
      actor: options.staff ? (s.actor_role === 'requester' ? t('information.admin.byRequester') : (s.actor_name ?? null)) : null,
    })),
  };
}

/** The status, with "overdue" when the running deadline passed. */
export function StatusBadge(props: { r: Pick<RequestView, 'status' | 'statusLabel' | 'overdue'> }) {
  const { t } = usePage();
  return (
    <>
      <span class={`status ${props.r.status}`}>{props.r.statusLabel}</span>
      {props.r.overdue && <> <span class="status late">{t('information.overdue')}</span></>}
    </>
  );
}

export function RequestFacts(props: { r: RequestView }) {
  const { t } = usePage();
  const r = props.r;
  const row = (label: string, value: preact.ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <dl class="facts">
      {row(t('information.request.fields.status'), <StatusBadge r={r} />)}
      {row(t('information.request.fields.received'), <bdi>{r.received}</bdi>)}
      {r.due && row(t('information.request.fields.due'), <bdi>{r.due}</bdi>)}
      {row(t('information.request.fields.channel'), r.channel)}
      {row(t('information.request.fields.delivery'), r.delivery)}
      {row(t('information.request.fields.language'), r.language)}
      {r.urgent && row(t('information.request.fields.urgent'), r.urgent)}
      {r.extensionReason && row(t('information.request.fields.extensionReason'), r.extensionReason)}
      {r.complaintDue && row(t('information.request.fields.complaintDue'), <bdi>{r.complaintDue}</bdi>)}
      {r.complaintOutcome && row(t('information.request.fields.complaintOutcome'), r.complaintOutcome)}
    </dl>
  );
}

export function Answer(props: { r: RequestView }) {
  const { t } = usePage();
  const r = props.r;
  if (!r.answered) return null;
  return (
    <section aria-labelledby="answer">
      <h2 id="answer">{t('information.request.answerTitle')}</h2>
      <p>
        <bdi>{r.answered}</bdi> · {r.outcome}
        {r.onTime !== null && <> · {t(r.onTime ? 'information.request.onTime' : 'information.request.late')}</>}
      </p>
      {r.exceptions && <p>{t('information.request.line', { label: t('information.request.fields.exceptions'), value: r.exceptions })}</p>}
      {r.transferredTo && <p>{t('information.request.line', { label: t('information.request.fields.transferredTo'), value: r.transferredTo })}</p>}
      {r.answer && <p class="body">{r.answer}</p>}
      {r.files.length > 0 && (
        <ul>
          {r.files.map((f) => (
            <li><a href={f.href}>{f.name}</a> (<bdi>{f.size}</bdi>)</li>
          ))}
        </ul>
      )}
      <p class="muted">{r.answerPublic ? t('information.request.answerPublic') : t('information.request.answerPrivate', { reason: r.privateReason ?? '' })}</p>
    </section>
  );
}

export function Trail(props: { steps: StepView[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="trail">
      <h2 id="trail">{t('information.request.trailTitle')}</h2>
      <ol class="plain">
        {props.steps.map((s) => (
          <li>
            <strong>{s.label}</strong> · <bdi>{s.date}</bdi>
            {s.actor && <> · <span class="muted">{s.actor}</span></>}
            {s.due && <> · {t('information.request.dueAfter')} <bdi>{s.due}</bdi></>}
            {s.note && <p class="body">{s.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
