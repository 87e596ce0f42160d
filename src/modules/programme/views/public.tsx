// Public pages of the programme: the matrix, a project card, an activity.
import type { HistoryEntry } from '../../../platform/audit.ts';
import type { VNode } from 'preact';
import type { Translate } from '../../../platform/i18n/i18n.ts';
import type { Origin } from '../origins.ts';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { ProgressBar, T } from '../../../platform/ui/parts.tsx';
import type { ActivityView, AxisView, ProgrammeView, ProjectView, Text } from '../presenters.ts';
import type { ProgrammeUrls } from '../public-programme.ts';
import { History, type HistoryView } from './history.tsx';

export interface Place {
  name: Text;
  href: string; // the collectivity's home
}

function crumbs(t: (k: string) => string, locale: string, place: Place, more: [string, string?][]): [string, string?][] {
  return [[t('programme.network'), `/${locale}/`], [place.name.text, place.href], ...more];
}

function Status(props: { a: ActivityView }) {
  const { t } = usePage();
  const { a } = props;
  return (
    <p class="state">
      <span class={`status ${a.status}`}>{a.statusLabel}</span>{' '}
      {a.daysLate > 0 && <span class="status late">{t('programme.late', { days: a.daysLate })}</span>}{' '}
      <ProgressBar value={a.progress} label={t('programme.fields.progress')} />
    </p>
  );
}

function PartnerList(props: { partners: Text[] }) {
  if (props.partners.length === 0) return <>—</>;
  return (
    <ul class="plain">
      {props.partners.map((p) => (
        <li><T value={p} /></li>
      ))}
    </ul>
  );
}

function ActivityFacts(props: { a: ActivityView }) {
  const { t } = usePage();
  const { a } = props;
  return (
    <dl class="facts">
      <dt>{t('programme.fields.partners')}</dt>
      <dd><PartnerList partners={a.partners} /></dd>
      <dt>{t('programme.fields.cost')}</dt>
      <dd>{a.costNote ? <T value={a.costNote} /> : a.cost}</dd>
      <dt>{t('programme.fields.funding')}</dt>
      <dd><T value={a.funding} /></dd>
      <dt>{t('programme.fields.start_date')}</dt>
      <dd><time datetime={a.startIso}>{a.start}</time></dd>
      <dt>{t('programme.fields.end_date')}</dt>
      <dd><time datetime={a.endIso}>{a.end}</time></dd>
    </dl>
  );
}

function ProjectBlock(props: { p: ProjectView }) {
  const { t } = usePage();
  const { p } = props;
  return (
    <section class="project" aria-labelledby={`project-${p.number}`}>
      <header>
        <h3 id={`project-${p.number}`}>
          <a href={p.href}>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></a>
        </h3>
        <p>
          {p.duration && <>{t('programme.fields.duration')}: {p.duration} · </>}
          {t('programme.progress')}: {p.progress === null ? '—' : `${p.progress}%`}
          {p.late > 0 && <> · <span class="status late">{t('programme.lateCount', { count: p.late })}</span></>}
        </p>
      </header>
      <div class="cols" aria-hidden="true">
        <span>{t('programme.fields.activity')}</span>
        <span>{t('programme.fields.partners')}</span>
        <span>{t('programme.fields.cost')}</span>
        <span>{t('programme.fields.funding')}</span>
        <span>{t('programme.fields.start_date')}</span>
        <span>{t('programme.fields.end_date')}</span>
      </div>
      <ol class="activities">
        {p.activities.map((a) => (
          <li class="activity">
            <div>
              <h4><a href={a.href}>{t('programme.activityN', { n: a.number })}: <T value={a.title} /></a></h4>
              <Status a={a} />
            </div>
            <ActivityFacts a={a} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function AxisBlock(props: { axis: AxisView }) {
  const { t } = usePage();
  return (
    <section class="axis" aria-labelledby={`axis-${props.axis.number}`}>
      <h2 id={`axis-${props.axis.number}`}>{t('programme.axisN', { n: props.axis.number })}: <T value={props.axis.title} /></h2>
      {props.axis.projects.map((p) => <ProjectBlock p={p} />)}
    </section>
  );
}

export function Adoption(props: { programme: ProgrammeView }) {
  const { t } = usePage();
  const { adoption, statusLabel } = props.programme;
  return (
    <p class="muted">
      {adoption.reference ? <T value={adoption.reference} /> : <>{statusLabel}{adoption.session && <> · <T value={adoption.session} /></>}</>}
      {adoption.date && <> · {t('programme.adoptedOn', { date: adoption.date })}</>}
    </p>
  );
}

/** Downloads of a programme (streamed by the transfer module's open-data routes); `api` is
 *  its address without the extension (ProgrammeUrls.downloads). */
function DownloadLinks(props: { api: string }) {
  const { t, locale } = usePage();
  const api = props.api;
  return (
    <p class="downloads no-print">
      {t('transfer.links.downloads')}:{' '}
      <a href={`${api}.xlsx`} download>{t('transfer.links.xlsx')}</a>{' '}
      <a href={`${api}.csv?lang=${locale}`} download>{t('transfer.links.csv')}</a>{' '}
      <a href={`${api}.json`}>{t('transfer.links.json')}</a>{' '}
      <a href={`${api}.ics?lang=${locale}`}>{t('transfer.links.ics')}</a>
    </p>
  );
}

/** The current programme, for a visitor reading another one. */
export interface CurrentLink {
  href: string;
  title: Text;
}

/** Where a carried-over activity came from or went (programme/commands/cycle.ts). */
export interface Carried {
  period: string;
  href: string;
}

/** On a programme that is not the current one: which it is, and where the current one is.
 *  (Also on the dashboard, indicators and reports of a programme that is not current.) */
export function NotCurrent(props: { programme: Pick<ProgrammeView, 'isCurrent' | 'period' | 'statusLabel'>; current: CurrentLink | null }) {
  const { t } = usePage();
  if (props.programme.isCurrent) return null;
  return (
    <p class="notice">
      {t('programme.cycles.notCurrent', { period: props.programme.period, status: props.programme.statusLabel })}
      {props.current && <> <a href={props.current.href}>{t('programme.cycles.seeCurrent')}: <T value={props.current.title} /></a></>}
    </p>
  );
}

/** Names the item each entry of a programme's whole history is about, linked to its page. */
function historyLabels(t: Translate, pr: ProgrammeView) {
  const labels = new Map<string, { text: string; href?: string }>();
  labels.set(`programme:${pr.id}`, { text: t('programme.cycles.theProgramme') });
  for (const axis of pr.axes) {
    labels.set(`axis:${axis.id}`, { text: t('programme.axisN', { n: axis.number }) });
    for (const p of axis.projects) {
      labels.set(`project:${p.id}`, { text: t('programme.projectN', { n: p.number }), href: p.href });
      for (const a of p.activities) labels.set(`activity:${a.id}`, { text: t('programme.activityN', { n: `${p.number}.${a.number}` }), href: a.href });
      for (const i of p.indicators) labels.set(`indicator:${i.id}`, { text: t('programme.projectN', { n: p.number }), href: p.href });
    }
  }
  return (e: HistoryEntry) => labels.get(`${e.entityType}:${e.entityId}`) ?? null;
}

export function ProgrammesPage(props: {
  place: Place;
  items: { title: Text; period: string; href: string; statusLabel: string; isCurrent: boolean; adoptionDate: string | null }[];
}) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('programme.cycles.title')}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[t('programme.cycles.title')]])} />
      <h1>{t('programme.cycles.title')}</h1>
      {props.items.length === 0 ? (
        <p class="muted">{t('programme.cycles.none')}</p>
      ) : (
        <ul class="programmes">
          {props.items.map((p) => (
            <li>
              <a href={p.href}><T value={p.title} /></a> · <bdi>{p.period}</bdi> · {p.statusLabel}
              {p.isCurrent && <> · <strong>{t('programme.cycles.current')}</strong></>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function MatrixPage(props: {
  place: Place;
  programme: ProgrammeView;
  urls: ProgrammeUrls;
  history: HistoryView;
  current?: CurrentLink | null;
  /** the progress shown is the demo's invented example */
  example?: boolean;
}) {
  const { t, locale } = usePage();
  const pr = props.programme;
  return (
    <Layout title={pr.title.text}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[t('programme.matrix')]])} />
      <h1><T value={pr.title} /></h1>
      <NotCurrent programme={pr} current={props.current ?? null} />
      <Adoption programme={pr} />
      {props.example && <p class="notice">{t('programme.exampleProgress')}</p>}
      <p>
        {t('programme.summary', { axes: pr.counts.axes, projects: pr.counts.projects, activities: pr.counts.activities })}
        {pr.counts.late > 0 && <> · <span class="status late">{t('programme.lateCount', { count: pr.counts.late })}</span></>}
      </p>
      <p>{t('programme.overallProgress')}: <ProgressBar value={pr.progress} label={t('programme.overallProgress')} /></p>
      <p class="actions no-print">
        <a href={props.urls.dashboard}>{t('evaluation.links.dashboard')}</a>
        <a href={props.urls.indicators}>{t('tracking.indicators.pageTitle')}</a>
        <a href={props.urls.cards}>{t('evaluation.links.allCards')}</a>
        <a href={props.urls.reports}>{t('evaluation.links.reports')}</a>
        <a href={`${props.place.href}/programmes`}>{t('programme.cycles.all')}</a>
      </p>
      <DownloadLinks api={props.urls.downloads} />
      {pr.axes.map((axis) => <AxisBlock axis={axis} />)}
      <History history={props.history} labelOf={historyLabels(t, pr)} title={t('programme.history.latest')} more={props.urls.history} />
    </Layout>
  );
}

/** Every change to a programme since its adoption, newest first, a page at a time. */
export function ProgrammeHistoryPage(props: { place: Place; programme: ProgrammeView; urls: ProgrammeUrls; history: HistoryView; current?: CurrentLink | null }) {
  const { t, locale } = usePage();
  const pr = props.programme;
  const title = t('programme.history.title');
  return (
    <Layout title={`${title} · ${pr.title.text}`}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[t('programme.matrix'), props.urls.matrix], [title]])} />
      <h1><T value={pr.title} /></h1>
      <NotCurrent programme={pr} current={props.current ?? null} />
      <Adoption programme={pr} />
      <History history={props.history} labelOf={historyLabels(t, pr)} />
    </Layout>
  );
}

/** The citizen proposals that fed a project or an activity (traceability from idea to result). */
function Origins(props: { origins: Origin[] }) {
  const { t } = usePage();
  if (props.origins.length === 0) return null;
  return (
    <section aria-labelledby="origins">
      <h2 id="origins">{t('programme.origins', { count: props.origins.length })}</h2>
      <ul>
        {props.origins.map((o) => (
          <li><a href={o.href} lang={o.lang}>{o.title}</a></li>
        ))}
      </ul>
    </section>
  );
}

function CardRow(props: { label: string; children: preact.ComponentChildren }) {
  return (
    <div>
      <div class="label">{props.label}</div>
      <div class="value">{props.children}</div>
    </div>
  );
}

/** A project card (بطاقة المشروع), as on its page and in the printable set of all cards
 *  (headingLevel 2 there, under the programme's title). */
export function ProjectCard(props: { project: ProjectView; headingLevel?: 1 | 2 }) {
  const { t } = usePage();
  const { project: p } = props;
  const H = props.headingLevel === 2 ? 'h2' : 'h1';
  const Sub = props.headingLevel === 2 ? 'h3' : 'h2';
  const monitoring = p.indicators.filter((i) => i.kind === 'monitoring');
  const impact = p.indicators.filter((i) => i.kind === 'impact');
  const Indicators = (props: { list: typeof monitoring }) =>
    props.list.length === 0 ? <>—</> : (
      <ul class="plain">
        {props.list.map((i) => (
          <li>
            <T value={i.statement} />
            {(i.target !== null || i.baseline !== null) && (
              <small class="muted">
                {' '}({i.baseline !== null && <>{t('programme.fields.baseline')}: {i.baseline} </>}
                {i.target !== null && <>{t('programme.fields.target')}: {i.target}</>}
                {i.unit && <> <T value={i.unit} /></>})
              </small>
            )}
          </li>
        ))}
      </ul>
    );
  return (
    <article class="project-card" aria-labelledby={`card-${p.number}`}>
      <H id={`card-${p.number}`}>{t('programme.cardOf', { n: p.number })}: <T value={p.title} /></H>
      <div class="card">
        <CardRow label={t('programme.fields.objectives')}><T value={p.objectives} /></CardRow>
        <CardRow label={t('programme.fields.expected_results')}><T value={p.expectedResults} /></CardRow>
        <CardRow label={t('programme.fields.duration')}>{p.duration ?? '—'}</CardRow>
        <CardRow label={t('programme.fields.partners')}><PartnerList partners={p.partners} /></CardRow>
        <CardRow label={t('programme.fields.partners_contribution')}><T value={p.partnersContribution} /></CardRow>
      </div>
      <Sub>{t('programme.activitiesOf', { n: p.number })}</Sub>
      <p>{t('programme.progress')}: <ProgressBar value={p.progress} label={t('programme.progress')} /></p>
      <ol class="activities-list">
        {p.activities.map((a) => (
          <li>
            <a href={a.href}><T value={a.title} /></a> — <span class={`status ${a.status}`}>{a.statusLabel}</span>
            {a.daysLate > 0 && <> <span class="status late">{t('programme.late', { days: a.daysLate })}</span></>}
          </li>
        ))}
      </ol>
      <div class="card">
        <CardRow label={t('programme.indicatorKind.monitoring')}><Indicators list={monitoring} /></CardRow>
        <CardRow label={t('programme.indicatorKind.impact')}><Indicators list={impact} /></CardRow>
      </div>
    </article>
  );
}

export function ProjectCardPage(props: {
  place: Place;
  programme: ProgrammeView;
  project: ProjectView;
  history: HistoryView;
  origins: Origin[];
  sections?: VNode[];
  current?: CurrentLink | null;
}) {
  const { t, locale } = usePage();
  const { project: p, programme } = props;
  const matrix = programme.href;
  return (
    <Layout title={`${t('programme.cardOf', { n: p.number })} — ${p.title.text}`}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[`${programme.title.text} (${programme.period})`, matrix], [t('programme.projectN', { n: p.number })]])} />
      <NotCurrent programme={programme} current={props.current ?? null} />
      <ProjectCard project={p} />
      <p class="no-print"><a href={`${matrix}/cards`}>{t('evaluation.links.allCards')}</a></p>
      {props.sections}
      <Origins origins={props.origins} />
      <History history={props.history} />
    </Layout>
  );
}

export function ActivityPage(props: {
  place: Place;
  programme: ProgrammeView;
  axis: AxisView;
  project: ProjectView;
  activity: ActivityView;
  history: HistoryView;
  origins: Origin[];
  /** sections added by other modules (programme/sections.ts) */
  sections?: VNode[];
  current?: CurrentLink | null;
  carried?: { from: Carried[]; to: Carried[] };
}) {
  const { t, locale } = usePage();
  const { activity: a, project: p, programme } = props;
  return (
    <Layout title={a.title.text}>
      <Breadcrumbs
        items={crumbs(t, locale, props.place, [
          [`${programme.title.text} (${programme.period})`, programme.href],
          [t('programme.projectN', { n: p.number }), p.href],
          [t('programme.activityN', { n: a.number })],
        ])}
      />
      <h1>{t('programme.activityN', { n: a.number })}: <T value={a.title} /></h1>
      <p class="muted">
        {t('programme.axisN', { n: props.axis.number })}: <T value={props.axis.title} /> ·{' '}
        <a href={p.href}>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></a>
      </p>
      <NotCurrent programme={programme} current={props.current ?? null} />
      <Status a={a} />
      {props.carried?.from.map((c) => <p><a href={c.href}>{t('programme.cycles.carriedFrom', { period: c.period })}</a></p>)}
      {props.carried?.to.map((c) => <p><a href={c.href}>{t('programme.cycles.carriedTo', { period: c.period })}</a></p>)}
      <div class="single"><ActivityFacts a={a} /></div>
      {props.sections}
      <Origins origins={props.origins} />
      <History history={props.history} />
    </Layout>
  );
}
