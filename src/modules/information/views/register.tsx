// The public register of access-to-information requests (law 31.13) and a request's page. The
// requester is never named: the view models carry no identity. Dates and numbers are isolated
// (<bdi>) so that they read the same in Arabic. Works without script at 360 px.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { PlacePage, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import { channels, outcomes, statuses } from '../model.ts';
import { FilterSelect } from '../../../platform/ui/form.tsx';

export type Text = { text: string; lang: Locale };

export interface Place {
  name: Text;
  href: string;
}

export interface OfficeView {
  officerName: string | null;
  officerTitle: Text | null;
  address: Text | null;
  hours: Text | null;
  email: string | null;
  phone: string | null;
}

export interface RequestLine {
  id: number;
  href: string;
  subject: string;
  lang: Locale;
  channel: string;
  receivedOn: string;
  /** the deadline that runs now (or the answer's, once answered) */
  dueOn: string;
  status: string;
  overdue: boolean;
  answeredOn: string | null;
  /** working days from the complete request to the answer */
  days: number | null;
  onTime: boolean | null;
  outcome: string | null;
  exceptions: string[];
  example: boolean;
}

export interface StepView {
  kind: string;
  /** YYYY-MM-DD, and as words */
  date: string;
  on: string;
  /** who took the step, as a role: never a person's name */
  by: 'collectivity' | 'requester' | null;
  note: string | null;
}

export interface RequestView extends RequestLine {
  urgent: boolean;
  delivery: string;
  answerDue: string;
  originalDue: string | null;
  extended: boolean;
  extensionReason: string | null;
  complaintDue: string | null;
  complaintOutcome: string | null;
  transferredTo: string | null;
  answered: boolean;
  answerPublic: boolean;
  answer: string | null;
  privateReason: string | null;
  files: { name: string; size: number; href: string }[];
  steps: StepView[];
}

export interface RegisterFiltersView {
  status: string;
  outcome: string;
  year: string;
  channel: string;
  overdue: boolean;
  q: string;
}


function Office(props: { office: OfficeView | null }) {
  const { t } = usePage();
  const o = props.office;
  if (!o) return <p class="muted">{t('information.register.noOffice')}</p>;
  return (
    <dl class="facts">
      {o.officerName && (
        <>
          <dt>{t('information.register.officer')}</dt>
          <dd>{o.officerName}{o.officerTitle && <>, <T value={o.officerTitle} /></>}</dd>
        </>
      )}
      {o.address && <><dt>{t('information.register.address')}</dt><dd><T value={o.address} /></dd></>}
      {o.hours && <><dt>{t('information.register.hours')}</dt><dd><T value={o.hours} /></dd></>}
      {o.email && <><dt>{t('information.register.email')}</dt><dd><bdi><a href={`mailto:${o.email}`}>{o.email}</a></bdi></dd></>}
      {o.phone && <><dt>{t('information.register.phone')}</dt><dd><bdi dir="ltr">{o.phone}</bdi></dd></>}
    </dl>
  );
}

/** Status, lateness and the outcome with its exceptions: the same on the list and the page. */
function StatusLine(props: { r: RequestLine }) {
  const { t } = usePage();
  const r = props.r;
  return (
    <>
      <span class="status">{t(`information.status.${r.status}`)}</span>
      {r.overdue && <> <span class="status late">{t('information.overdue')}</span></>}
      {r.outcome && <> · {t(`information.outcome.${r.outcome}`)}</>}
      {r.exceptions.length > 0 && <> ({r.exceptions.map((e) => t(`information.exception.${e}`)).join('، ')})</>}
      {r.example && <> <span class="status">{t('information.exampleTag')}</span></>}
    </>
  );
}

function Timing(props: { r: RequestLine }) {
  const { t } = usePage();
  const r = props.r;
  return (
    <>
      {t('information.register.received')} <bdi>{r.receivedOn}</bdi>
      {r.answeredOn ? (
        <> · {t('information.register.answeredOn')} <bdi>{r.answeredOn}</bdi>
          {r.days !== null && <> · <bdi>{t('information.register.days', { count: r.days })}</bdi></>}
          {r.onTime !== null && <> · {t(r.onTime ? 'information.register.onTime' : 'information.register.late')}</>}
        </>
      ) : (
        <> · {t('information.register.due')} <bdi>{r.dueOn}</bdi></>
      )}
    </>
  );
}

export function RegisterPage(props: {
  place: Place;
  base: string;
  office: OfficeView | null;
  items: RequestLine[];
  filters: RegisterFiltersView;
  years: number[];
  pager: { firstHref: string | null; nextHref: string | null };
}) {
  const { t } = usePage();
  const f = props.filters;
  const here = `${props.base}/information`;
  return (
    <PlacePage place={props.place} title={t('information.title')}>
      <p>{t('information.register.intro')}</p>
      <p class="muted">{t('information.law')}</p>
      <section aria-labelledby="s-office">
        <h2 id="s-office">{t('information.register.office')}</h2>
        <Office office={props.office} />
      </section>
      <ul class="plain">
        <li><a href={`${here}/request`}><strong>{t('information.register.makeRequest')}</strong></a></li>
        <li><a href={`${here}/published`}>{t('information.register.published')}</a></li>
        <li><a href={`${here}/figures`}>{t('information.register.figures')}</a></li>
      </ul>

      <h2 id="s-requests">{t('information.register.requests')}</h2>
      <form method="get" action={here} class="filters" role="search" aria-labelledby="s-requests">
        <div class="field">
          <label for="filter-q">{t('information.register.search')}</label>
          <input id="filter-q" type="search" name="q" value={f.q} maxLength={200} />
        </div>
        <FilterSelect all={t('information.register.all')} name="status" label={t('information.register.status')} value={f.status} options={STATUSES.map((s) => [s, t(`information.status.${s}`)])} />
        <FilterSelect all={t('information.register.all')} name="outcome" label={t('information.register.outcome')} value={f.outcome} options={OUTCOMES.map((o) => [o, t(`information.outcome.${o}`)])} />
        <FilterSelect all={t('information.register.all')} name="year" label={t('information.register.year')} value={f.year} options={props.years.map((y) => [String(y), String(y)])} />
        <FilterSelect all={t('information.register.all')} name="channel" label={t('information.register.channel')} value={f.channel} options={CHANNELS.map((c) => [c, t(`information.channel.${c}`)])} />
        <div class="field">
          <label><input type="checkbox" name="overdue" value="1" checked={f.overdue} /> {t('information.register.overdueOnly')}</label>
        </div>
        <p class="actions"><button type="submit">{t('information.register.filter')}</button></p>
      </form>
      {props.items.length === 0 ? (
        <p>{t('information.register.none')}</p>
      ) : (
        <ol class="proposals">
          {props.items.map((r) => (
            <li id={`request-${r.id}`}>
              <h3><a href={r.href} lang={r.lang}>{r.subject}</a></h3>
              <p><StatusLine r={r} /></p>
              <p class="muted"><Timing r={r} /> · {t(`information.channel.${r.channel}`)}</p>
            </li>
          ))}
        </ol>
      )}
      <Pager {...props.pager} />
    </PlacePage>
  );
}

// the filters' choices
const STATUSES: readonly string[] = statuses;
const OUTCOMES: readonly string[] = outcomes;
const CHANNELS: readonly string[] = channels;

export function RequestPage(props: { place: Place; base: string; request: RequestView }) {
  const { t } = usePage();
  const r = props.request;
  const title = t('information.register.requestTitle', { id: r.id });
  return (
    <PlacePage place={props.place} title={title} trail={[[t('information.title'), `${props.base}/information`]]}>
      <p class="lead" lang={r.lang}><strong>{r.subject}</strong></p>
      <p><StatusLine r={r} /></p>
      <dl class="facts">
        <dt>{t('information.register.received')}</dt>
        <dd><bdi>{r.receivedOn}</bdi> · {t(`information.channel.${r.channel}`)}</dd>
        <dt>{t('information.register.deadline')}</dt>
        <dd>
          <bdi>{r.answerDue}</bdi>
          {r.urgent && <> · {t('information.register.urgent')}</>}
          {r.originalDue && <> · {t('information.register.extendedFrom')} <bdi>{r.originalDue}</bdi></>}
        </dd>
        {r.extended && r.extensionReason && (
          <>
            <dt>{t('information.register.extensionReason')}</dt>
            <dd>{r.extensionReason}</dd>
          </>
        )}
        {r.answeredOn && (
          <>
            <dt>{t('information.register.answeredOn')}</dt>
            <dd>
              <bdi>{r.answeredOn}</bdi>
              {r.days !== null && <> · <bdi>{t('information.register.days', { count: r.days })}</bdi></>}
            </dd>
          </>
        )}
        {r.onTime !== null && (
          <>
            <dt>{t('information.register.timeliness')}</dt>
            <dd>{t(r.onTime ? (r.extended ? 'information.register.onTimeExtended' : 'information.register.onTime') : 'information.register.late')}</dd>
          </>
        )}
        {r.transferredTo && <><dt>{t('information.register.transferredTo')}</dt><dd>{r.transferredTo}</dd></>}
        {r.complaintDue && r.status === 'complaint' && <><dt>{t('information.register.complaintDue')}</dt><dd><bdi>{r.complaintDue}</bdi></dd></>}
        {r.complaintOutcome && <><dt>{t('information.register.complaint')}</dt><dd>{t(`information.complaintOutcome.${r.complaintOutcome}`)}</dd></>}
      </dl>

      <section aria-labelledby="s-answer">
        <h2 id="s-answer">{t('information.register.answer')}</h2>
        {!r.answered ? (
          <p class="muted">{t('information.register.notAnswered')}</p>
        ) : r.answerPublic ? (
          <>
            {r.answer && <div class="note-body"><p>{r.answer}</p></div>}
            {r.files.length > 0 && (
              <ul class="downloads">
                {r.files.map((f) => <li><a href={f.href} download>{f.name}</a> <span class="muted">(<bdi>{t('information.register.size', { kb: Math.max(1, Math.round(f.size / 1024)) })}</bdi>)</span></li>)}
              </ul>
            )}
          </>
        ) : (
          <p class="notice">{t('information.register.notPublished')}{r.privateReason ? <> {r.privateReason}</> : null}</p>
        )}
      </section>

      <section aria-labelledby="s-trail">
        <h2 id="s-trail">{t('information.register.trail')}</h2>
        <ol class="timeline">
          {r.steps.map((s) => (
            <li class="stage">
              <strong>{t(`information.step.${s.kind}`)}</strong>
              <span class="muted"><bdi><time datetime={s.date}>{s.on}</time></bdi>{s.by && <> · {t(`information.register.by.${s.by}`)}</>}</span>
              {s.note && <span>{s.note}</span>}
            </li>
          ))}
        </ol>
      </section>
      <p><a href={`${props.base}/information`}>{t('information.register.back')}</a></p>
    </PlacePage>
  );
}
