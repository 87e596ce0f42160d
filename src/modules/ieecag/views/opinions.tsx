// Public pages of the advisory opinions: the register (newest first, filtered by the council's
// response and the year) and an opinion's page with its text, PDF, linked items and its trail
// (requested → adopted → transmitted → the council's response). Cached pages: links only (GET).
// The presenter at the top turns rows into the view models the pages receive.
import type { ComponentChildren } from 'preact';
import { formatDate, todayInCasablanca } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { pick, pickField } from '../../../platform/tenancy.ts';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/manifest.ts';
import { responseFilters } from '../opinion-schema.ts';
import type { OpinionListRow } from '../opinions.ts';
import type { OpinionOrigin, OpinionRow, OpinionStatus, ResponseStatus } from '../tables.ts';

export interface Place {
  name: Text;
  /** the collectivity's public home in the page's language */
  href: string;
}

// ---- presenter ---------------------------------------------------------------------------------

export interface OpinionView {
  id: number;
  /** "3/2025" */
  number: string;
  subject: Text;
  origin: OpinionOrigin;
  status: OpinionStatus;
  /** formatted calendar days, or null */
  requestedOn: string | null;
  adoptedOn: string | null;
  publishedOn: string | null;
  transmittedOn: string | null;
  responseOn: string | null;
  response: ResponseStatus;
  overdue: boolean;
  example: boolean;
  /** the same days as YYYY-MM-DD, for <time datetime> */
  iso: { requested: string | null; adopted: string | null; published: string | null; transmitted: string | null; response: string | null };
}

export function presentOpinion(o: OpinionListRow, locale: Locale, overdue: boolean): OpinionView {
  const day = (d: string | null) => (d === null ? null : formatDate(locale, d));
  return {
    id: o.id,
    number: `${o.number}/${o.year}`,
    subject: pick({ ar: o.subject_ar, fr: o.subject_fr, en: o.subject_en }, locale),
    origin: o.origin as OpinionOrigin,
    status: o.status as OpinionStatus,
    requestedOn: day(o.requested_on),
    adoptedOn: day(o.adopted_on),
    publishedOn: o.published_at ? formatDate(locale, todayInCasablanca(new Date(o.published_at))) : null,
    transmittedOn: day(o.transmitted_on),
    responseOn: day(o.response_on),
    response: o.response_status as ResponseStatus,
    overdue,
    example: o.is_example === 1,
    iso: {
      requested: o.requested_on,
      adopted: o.adopted_on,
      published: o.published_at ? todayInCasablanca(new Date(o.published_at)) : null,
      transmitted: o.transmitted_on,
      response: o.response_on,
    },
  };
}

export interface OpinionDetails {
  councilSession: Text | null;
  body: Text | null;
  reason: Text | null;
  decision: Text | null;
  /** the PDF's public address and size, or null */
  file: { href: string; name: string; kb: number } | null;
  links: LinkView[];
  delayDays: number;
}

export function presentDetails(o: OpinionRow, locale: Locale, file: OpinionDetails['file'], links: LinkView[], delayDays: number): OpinionDetails {
  return {
    councilSession: pickField(o, 'council_session', locale),
    body: pickField(o, 'body', locale),
    reason: pickField(o, 'response_reason', locale),
    decision: pickField(o, 'response_decision', locale),
    file,
    links,
    delayDays,
  };
}

export interface LinkView {
  label: string;
  /** a title in a known language, or a citizen's own words (a budget project's title) */
  title: Text | string | null;
  href: string;
}

// ---- parts -------------------------------------------------------------------------------------

function Page(props: { place: Place; title: string; heading?: Text; trail?: [string, string][]; children: ComponentChildren }) {
  return (
    <Layout title={props.title}>
      <PlaceCrumbs place={props.place} trail={props.trail} here={props.title} />
      <h1>{props.heading ? <T value={props.heading} /> : props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** Where the opinion stands with the council: its response, waiting (overdue), or not sent yet. */
export function ResponseBadge(props: { o: OpinionView }) {
  const { t } = usePage();
  const o = props.o;
  const key = o.transmittedOn === null ? 'notTransmitted' : o.response;
  const tone = o.response === 'followed' ? 'done' : o.response === 'not_followed' || o.response === 'partly' ? 'delayed' : '';
  return (
    <>
      <span class={`status ${tone}`.trim()}>{t(`ieecag.opinions.response.${key}`)}</span>
      {o.overdue && <> <span class="status late">{t('ieecag.opinions.overdue')}</span></>}
      {o.example && <> <span class="status">{t('ieecag.opinions.example')}</span></>}
    </>
  );
}

export const linkText = (title: LinkView['title']) => (title === null ? null : typeof title === 'string' ? <bdi>{title}</bdi> : <T value={title} />);

function OpinionCard(props: { o: OpinionView; href: string }) {
  const { t } = usePage();
  const o = props.o;
  return (
    <li>
      <h2>
        <a href={props.href}>
          {t('ieecag.opinions.numberLabel')} <bdi dir="ltr">{o.number}</bdi>: <T value={o.subject} />
        </a>
      </h2>
      <p class="muted">
        {t(`ieecag.opinions.origin.${o.origin}`)}
        {o.adoptedOn && <> · {t('ieecag.opinions.adoptedOnShort')} <bdi>{o.adoptedOn}</bdi></>}
        {o.transmittedOn && <> · {t('ieecag.opinions.transmittedOnShort')} <bdi>{o.transmittedOn}</bdi></>}
      </p>
      <p><ResponseBadge o={o} /></p>
    </li>
  );
}

// ---- the register ------------------------------------------------------------------------------

export interface RegisterSection {
  opinions: OpinionView[];
  firstHref: string | null;
  nextHref: string | null;
}

export function RegisterPage(props: {
  place: Place;
  base: string;
  filters: { response: string; year: string };
  section: RegisterSection;
  figures: { published: number; transmitted: number; followed: number; overdue: number; delayDays: number };
  apiHref: string;
}) {
  const { t } = usePage();
  const filtered = props.filters.response !== '' || props.filters.year !== '';
  const f = props.figures;
  return (
    <Page place={props.place} title={t('ieecag.opinions.title')} trail={[[t('ieecag.opinions.space'), `${props.base}/ieecag`]]}>
      <p>{t('ieecag.opinions.intro')}</p>
      <p>
        {t('ieecag.opinions.figures', { published: f.published, transmitted: f.transmitted, followed: f.followed })}{' '}
        {f.overdue > 0 && <strong>{t('ieecag.opinions.figuresOverdue', { count: f.overdue, days: f.delayDays })}</strong>}
      </p>
      <form method="get" action={`${props.base}/ieecag/opinions`} class="filters">
        <div class="field">
          <label for="f-response">{t('ieecag.opinions.filterResponse')}</label>
          <select id="f-response" name="response">
            <option value="">{t('ieecag.opinions.allResponses')}</option>
            {responseFilters.map((r) => <option value={r} selected={props.filters.response === r}>{t(`ieecag.opinions.filter.${r}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-year">{t('ieecag.opinions.year')}</label>
          <input id="f-year" name="year" type="number" min={2000} max={2100} inputmode="numeric" value={props.filters.year} />
        </div>
        <p class="actions">
          <button type="submit">{t('ieecag.opinions.filterButton')}</button>
          {filtered && <> <a href={`${props.base}/ieecag/opinions`}>{t('ieecag.opinions.clearFilters')}</a></>}
        </p>
      </form>
      {props.section.opinions.length === 0 ? (
        <p class="muted">{t(filtered ? 'ieecag.opinions.noneMatching' : 'ieecag.opinions.none')}</p>
      ) : (
        <ul class="cards">{props.section.opinions.map((o) => <OpinionCard o={o} href={`${props.base}/ieecag/opinions/${o.id}`} />)}</ul>
      )}
      <Pager firstHref={props.section.firstHref} nextHref={props.section.nextHref} />
      <p><a href={props.apiHref} type="application/json">{t('ieecag.opinions.openData')}</a></p>
    </Page>
  );
}

// ---- an opinion --------------------------------------------------------------------------------

/** The dated steps of an opinion, from the request to the council's response. */
export function Trail(props: { o: OpinionView; delayDays: number }) {
  const { t } = usePage();
  const o = props.o;
  const stage = (label: string, day: string | null, iso: string | null, extra?: ComponentChildren) => (
    <li class="stage">
      <strong>{label}</strong>
      {day && iso ? <bdi><time datetime={iso}>{day}</time></bdi> : null}
      {extra}
    </li>
  );
  return (
    <ol class="timeline">
      {o.requestedOn && stage(t(`ieecag.opinions.trail.requested.${o.origin === 'president' ? 'president' : 'council'}`), o.requestedOn, o.iso.requested)}
      {o.origin === 'self' && stage(t('ieecag.opinions.trail.selfInitiated'), null, null)}
      {o.adoptedOn ? stage(t('ieecag.opinions.trail.adopted'), o.adoptedOn, o.iso.adopted) : stage(t('ieecag.opinions.trail.notAdopted'), null, null)}
      {o.publishedOn && stage(t('ieecag.opinions.trail.published'), o.publishedOn, o.iso.published)}
      {o.transmittedOn ? stage(t('ieecag.opinions.trail.transmitted'), o.transmittedOn, o.iso.transmitted) : o.adoptedOn && stage(t('ieecag.opinions.trail.notTransmitted'), null, null)}
      {o.transmittedOn &&
        (o.response === 'pending'
          ? stage(t('ieecag.opinions.trail.waiting'), null, null, o.overdue ? <span><span class="status late">{t('ieecag.opinions.overdue')}</span> {t('ieecag.opinions.overdueHint', { days: props.delayDays })}</span> : null)
          : stage(t(`ieecag.opinions.trail.response.${o.response}`), o.responseOn, o.iso.response))}
    </ol>
  );
}

export function OpinionPage(props: { place: Place; base: string; opinion: OpinionView; details: OpinionDetails }) {
  const { t } = usePage();
  const o = props.opinion;
  const d = props.details;
  const title = `${t('ieecag.opinions.numberLabel')} ${o.number}`;
  return (
    <Page place={props.place} title={`${title}: ${o.subject.text}`} heading={o.subject} trail={[[t('ieecag.opinions.space'), `${props.base}/ieecag`], [t('ieecag.opinions.title'), `${props.base}/ieecag/opinions`]]}>
      {o.example && <p class="notice">{t('ieecag.opinions.exampleNotice')}</p>}
      <p>{t('ieecag.opinions.numberLabel')} <bdi dir="ltr">{o.number}</bdi> · <ResponseBadge o={o} /></p>
      <dl class="facts">
        <dt>{t('ieecag.opinions.fields.origin')}</dt>
        <dd>{t(`ieecag.opinions.origin.${o.origin}`)}</dd>
        {d.councilSession && <><dt>{t('ieecag.opinions.fields.councilSession')}</dt><dd><T value={d.councilSession} /></dd></>}
      </dl>

      <section aria-labelledby="trail">
        <h2 id="trail">{t('ieecag.opinions.trailTitle')}</h2>
        <Trail o={o} delayDays={d.delayDays} />
      </section>

      <section aria-labelledby="text">
        <h2 id="text">{t('ieecag.opinions.textTitle')}</h2>
        {d.body ? <p class="body"><T value={d.body} /></p> : !d.file && <p class="muted">{t('ieecag.opinions.noText')}</p>}
        {d.file && (
          <p>
            <a href={d.file.href} type="application/pdf" download>{t('ieecag.opinions.downloadPdf')}</a> <span class="muted">(PDF, <bdi>{t('ieecag.opinions.kb', { count: d.file.kb })}</bdi>)</span>
          </p>
        )}
      </section>

      {o.response !== 'pending' && (
        <section aria-labelledby="response">
          <h2 id="response">{t('ieecag.opinions.responseTitle')}</h2>
          <p><span class={`status ${o.response === 'followed' ? 'done' : 'delayed'}`}>{t(`ieecag.opinions.response.${o.response}`)}</span> <bdi>{o.responseOn}</bdi></p>
          {d.reason && <><h3>{t('ieecag.opinions.fields.reason')}</h3><p class="body"><T value={d.reason} /></p></>}
          {d.decision && <><h3>{t('ieecag.opinions.fields.decision')}</h3><p class="body"><T value={d.decision} /></p></>}
        </section>
      )}

      {d.links.length > 0 && (
        <section aria-labelledby="links">
          <h2 id="links">{t('ieecag.opinions.linkedItems', { count: d.links.length })}</h2>
          <ul>
            {d.links.map((l) => (
              <li>{l.label}{l.title !== null && <>: </>}<a href={l.href}>{l.title !== null ? linkText(l.title) : l.href}</a></li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
