// Public pages: the programme dashboard, all project cards for printing, the yearly reports.
import { formatDate, todayInCasablanca } from '../../../platform/i18n/format.ts';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { ProgressBar, T } from '../../../platform/ui/parts.tsx';
import { type CurrentLink, NotCurrent, type Place, type ProgrammeUrls, type ProgrammeView, ProjectCard } from '../../programme/manifest.ts';
import type { IndicatorReading, LateActivity, ReportContent } from '../model.ts';
import type { PublishedReport, PublishedVersion } from '../repository.ts';
import { Gantt, GanttTable } from './gantt.tsx';
import { IndicatorTable, L, ReportBody, TableWrap } from './parts.tsx';

function crumbs(t: (k: string) => string, locale: string, place: Place, more: [string, string?][]): [string, string?][] {
  return [[t('programme.network'), `/${locale}/`], [place.name.text, place.href], ...more];
}

export function DashboardPage(props: {
  place: Place;
  programme: ProgrammeView;
  urls: ProgrammeUrls;
  /** the current programme, when this one is not */
  current: CurrentLink | null;
  /** the day lateness is counted on: today, or the end of a past programme's period */
  today: string;
  atPeriodEnd: boolean;
  span: { from: string; to: string };
  late: LateActivity[];
  indicators: IndicatorReading[];
  /** the progress is the built-in demo's invented example */
  demo?: boolean;
}) {
  const { t, locale } = usePage();
  const pr = props.programme;
  const title = t('evaluation.dashboard.title');
  return (
    <Layout title={`${title} — ${pr.title.text}`}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[pr.title.text, pr.href], [title]])} />
      <h1>{title}</h1>
      <NotCurrent programme={pr} current={props.current} />
      <p><a href={pr.href}><T value={pr.title} /></a> · <bdi>{pr.period}</bdi> · {pr.statusLabel}</p>
      <p class="muted">{t('evaluation.dashboard.asOf', { date: formatDate(locale, props.today) })}</p>
      {props.demo && <p class="notice">{t('evaluation.dashboard.demoNotice')}</p>}

      <section aria-labelledby="d-progress">
        <h2 id="d-progress">{t('evaluation.dashboard.progress')}</h2>
        <p>{t('programme.overallProgress')}: <ProgressBar value={pr.progress} label={t('programme.overallProgress')} /></p>
        <p>
          {t('programme.summary', { axes: pr.counts.axes, projects: pr.counts.projects, activities: pr.counts.activities })}
          {pr.counts.late > 0 && <> · <span class="status late">{t('programme.lateCount', { count: pr.counts.late })}</span></>}
        </p>
        <TableWrap label={t('evaluation.dashboard.byAxis')}>
          <table class="axes-progress">
            <caption class="sr-only">{t('evaluation.dashboard.byAxis')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programme.fields.axis')}</th>
                <th scope="col">{t('programme.progress')}</th>
                <th scope="col">{t('evaluation.report.lateShort')}</th>
              </tr>
            </thead>
            <tbody>
              {pr.axes.map((axis) => (
                <tr>
                  <th scope="row">{t('programme.axisN', { n: axis.number })}: <T value={axis.title} /></th>
                  <td><ProgressBar value={axis.progress} label={`${t('programme.axisN', { n: axis.number })} — ${t('programme.progress')}`} /></td>
                  <td class="num">{axis.projects.reduce((n, p) => n + p.late, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="d-timeline">
        <h2 id="d-timeline">{t('evaluation.dashboard.timeline')}</h2>
        <ul class="legend">
          <li><span class="swatch done" aria-hidden="true"></span> {t('evaluation.gantt.legendProgress')}</li>
          <li><span class="swatch late" aria-hidden="true"></span> {t('evaluation.gantt.legendLate')}</li>
          <li><span class="swatch today" aria-hidden="true"></span> {t(props.atPeriodEnd ? 'evaluation.gantt.legendAsOf' : 'evaluation.gantt.legendToday', { date: formatDate(locale, props.today) })}</li>
        </ul>
        {pr.axes.flatMap((axis) => axis.projects).map((p) => (
          <section class="gantt-block" aria-labelledby={`g-project-${p.number}`}>
            <h3 id={`g-project-${p.number}`}>
              <a href={p.href}>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></a>
            </h3>
            <p class="muted">{t('programme.progress')}: {p.progress === null ? '—' : `${p.progress}%`}</p>
            {p.activities.length > 0 && <div class="gantt-svg"><Gantt project={p} from={props.span.from} to={props.span.to} today={props.today} periodEnd={props.atPeriodEnd} /></div>}
            <GanttTable project={p} />
          </section>
        ))}
      </section>

      <section aria-labelledby="d-late">
        <h2 id="d-late">{t('evaluation.dashboard.late', { count: props.late.length })}</h2>
        {props.late.length === 0 ? <p>{t('evaluation.dashboard.noLate')}</p> : (
          <TableWrap label={t('evaluation.dashboard.late', { count: props.late.length })}>
            <table class="late-table">
              <caption class="sr-only">{t('evaluation.dashboard.late', { count: props.late.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programme.fields.activity')}</th>
                  <th scope="col">{t('programme.fields.end_date')}</th>
                  <th scope="col">{t('evaluation.dashboard.daysLate')}</th>
                  <th scope="col">{t('programme.fields.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {props.late.map(({ activity: a, project: p }) => (
                  <tr>
                    <th scope="row">
                      <small class="muted">{t('programme.projectN', { n: p.number })} · {t('programme.activityN', { n: a.number })}</small>
                      <br />
                      <a href={a.href}><T value={a.title} /></a>
                    </th>
                    <td><time datetime={a.endIso}>{a.end}</time></td>
                    <td class="num">{a.daysLate}</td>
                    <td class="num">{a.progress}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="d-indicators">
        <h2 id="d-indicators">{t('evaluation.indicators.title')}</h2>
        <IndicatorTable readings={props.indicators} caption={t('evaluation.indicators.title')} />
      </section>

      <p class="actions no-print">
        <a href={props.urls.indicators}>{t('tracking.indicators.pageTitle')}</a>
        <a href={props.urls.cards}>{t('evaluation.links.allCards')}</a>
        <a href={props.urls.reports}>{t('evaluation.links.reports')}</a>
      </p>
    </Layout>
  );
}

/** Every project card of the programme, one per A4 page when printed. */
export function CardsPage(props: { place: Place; programme: ProgrammeView; current?: CurrentLink | null }) {
  const { t, locale } = usePage();
  const pr = props.programme;
  const title = t('evaluation.cards.title');
  return (
    <Layout title={`${title} — ${pr.title.text}`}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[pr.title.text, pr.href], [title]])} />
      <h1 class="no-print">{title}: <T value={pr.title} /></h1>
      <div class="no-print"><NotCurrent programme={pr} current={props.current ?? null} /></div>
      <p class="no-print muted">{t('evaluation.cards.hint')}</p>
      <div class="cards-print">
        {pr.axes.flatMap((axis) =>
          axis.projects.map((p) => (
            <div class="print-card">
              <p class="card-context">
                <T value={pr.title} /> · {t('programme.axisN', { n: axis.number })}: <T value={axis.title} />
              </p>
              <ProjectCard project={p} headingLevel={2} />
            </div>
          )),
        )}
      </div>
    </Layout>
  );
}

export function ReportPage(props: {
  place: Place;
  content: ReportContent;
  version: number;
  publishedAt: string;
  versions: PublishedVersion[];
  yearHref: string;
  /** the list the report is in: all reports, or its programme's */
  reportsHref: string;
  /** the programme the report is on, while it is public (and the current one, if another) */
  programme: { isCurrent: boolean; period: string; statusLabel: string; urls: ProgrammeUrls; current: CurrentLink | null } | null;
}) {
  const { t, locale } = usePage();
  const c = props.content;
  const title = t('evaluation.report.title', { year: String(c.year) });
  const latest = props.versions[0]?.version;
  return (
    <Layout title={`${title} — ${props.place.name.text}`}>
      <Breadcrumbs items={crumbs(t, locale, props.place, [[t('evaluation.reports.title'), props.reportsHref], [title]])} />
      <h1>{title}</h1>
      {props.programme && <NotCurrent programme={props.programme} current={props.programme.current} />}
      <p>
        {props.programme ? <a href={props.programme.urls.matrix}><L value={c.programme.title} /></a> : <L value={c.programme.title} />}{' '}
        (<bdi>{c.programme.startYear}–{c.programme.endYear}</bdi>)
      </p>
      <p class="muted">
        {t('evaluation.report.version', { n: props.version, date: formatDate(locale, todayInCasablanca(new Date(props.publishedAt))) })}
        {props.version !== latest && <> · <a href={props.yearHref}>{t('evaluation.report.seeLatest')}</a></>}
      </p>
      <ReportBody content={c} activityHref={(id) => `${props.place.href}/programmes/${c.programme.startYear}-${c.programme.endYear}/activities/${id}`} />
      {props.versions.length > 1 && (
        <section aria-labelledby="r-versions" class="no-print">
          <h2 id="r-versions">{t('evaluation.report.versions')}</h2>
          <ul>
            {props.versions.map((v) => (
              <li>
                {v.version === props.version ? (
                  <span aria-current="page">{t('evaluation.report.version', { n: v.version, date: formatDate(locale, todayInCasablanca(new Date(v.publishedAt))) })}</span>
                ) : (
                  <a href={`${props.yearHref}/versions/${v.version}`}>{t('evaluation.report.version', { n: v.version, date: formatDate(locale, todayInCasablanca(new Date(v.publishedAt))) })}</a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** Links to the published reports, for the reports page and the collectivity's home. */
export function ReportLinks(props: { reports: PublishedReport[]; base: string }) {
  const { t, locale } = usePage();
  return (
    <ul>
      {props.reports.map((r) => (
        <li>
          <a href={`${props.base}/reports/${r.year}`}>{t('evaluation.report.title', { year: String(r.year) })}</a>{' '}
          <small class="muted">{t('evaluation.report.version', { n: r.version, date: formatDate(locale, todayInCasablanca(new Date(r.publishedAt))) })}</small>
        </li>
      ))}
    </ul>
  );
}

/** Every published report, or (`programme`) the reports of one programme. */
export function ReportsPage(props: { place: Place; reports: PublishedReport[]; programme?: { view: ProgrammeView; urls: ProgrammeUrls; current: CurrentLink | null } }) {
  const { t, locale } = usePage();
  const title = t('evaluation.reports.title');
  const pr = props.programme;
  // a programme's reports are under its period's URL; all reports under the collectivity's
  const base = pr ? `${props.place.href}/programmes/${pr.view.periodKey}` : props.place.href;
  return (
    <Layout title={`${title} — ${pr ? `${pr.view.title.text} — ` : ''}${props.place.name.text}`}>
      <Breadcrumbs items={crumbs(t, locale, props.place, pr ? [[pr.view.title.text, pr.view.href], [title]] : [[title]])} />
      <h1>{title}</h1>
      {pr && (
        <>
          <NotCurrent programme={pr.view} current={pr.current} />
          <p><a href={pr.view.href}><T value={pr.view.title} /></a> · <bdi>{pr.view.period}</bdi> · {pr.view.statusLabel}</p>
        </>
      )}
      {props.reports.length === 0 ? <p>{t('evaluation.reports.none')}</p> : <ReportLinks reports={props.reports} base={base} />}
      <p><a href={pr ? pr.urls.dashboard : `${props.place.href}/dashboard`}>{t('evaluation.links.dashboard')}</a></p>
    </Layout>
  );
}
