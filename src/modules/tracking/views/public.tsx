// Public parts of the tracking module: progress notes on the activity page, indicator figures
// (chart + data table) on the project page and on the programme's indicators page.
import { LineChart, type DatedSeries } from '../../../platform/ui/charts.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/presenters.ts';
import { type CurrentLink, NotCurrent } from '../../programme/manifest.ts';
import type { IndicatorView, NoteView } from '../presenters.ts';

/** Rows of the data table beside a chart: the latest, with a link to the indicator's own page. */
const TABLE_ROWS = 24;
/** Rows of a page of the indicator's own page (all its values, a page at a time). */
export const VALUES_PER_PAGE = 100;

/** Progress notes, newest first, a page at a time (the pager's links come with the page). */
export function NotesSection(props: { notes: NoteView[]; firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="progress-notes" class="progress-notes">
      <h2 id="progress-notes">{t('tracking.notes.title')}</h2>
      {props.notes.length === 0 ? (
        <p class="muted">{t('tracking.notes.none')}</p>
      ) : (
        <>
          {props.notes.some((n) => n.demo) && <p class="notice">{t('tracking.notes.demoNotice')}</p>}
          <ol class="notes">
            {props.notes.map((n) => (
              <li id={`note-${n.id}`}>
                <p class="note-head">
                  <time datetime={n.dateIso}>{n.date}</time>
                  {n.progress !== null && <> · {t('tracking.notes.progressSet', { progress: n.progress })}</>}
                  {n.statusLabel && <> · <span class="status">{n.statusLabel}</span></>}
                  {n.demo && <> · <span class="status demo">{t('tracking.notes.demo')}</span></>}
                </p>
                {n.body && <p class="note-body"><T value={n.body} /></p>}
                {n.files.length > 0 && (
                  <ul class="evidence" aria-label={t('tracking.notes.evidence')}>
                    {n.files.map((f) => (
                      <li>
                        <a href={f.href}>{f.name}</a> <small class="muted">({f.kind}, {f.size})</small>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </section>
  );
}

/**
 * One indicator: statement, baseline and targets, a chart over time, and its data table: the
 * latest values with a link to `valuesHref` (the indicator's page) when there are more, or, on
 * that page, the rows from `page.offset` (newest first) with the pager.
 */
export function IndicatorFigure(props: {
  i: IndicatorView;
  headingLevel: 1 | 3 | 4;
  valuesHref?: string;
  page?: { offset: number; firstHref: string | null; nextHref: string | null };
}) {
  const { t, locale } = usePage();
  const { i, page } = props;
  const H = `h${props.headingLevel}` as 'h1' | 'h3' | 'h4';
  const series: DatedSeries[] = [];
  if (i.series.length) series.push({ name: t('tracking.indicators.values'), style: 'line', points: i.series.map((p) => ({ date: p.dateIso, value: p.value })) });
  if (i.targets.length) series.push({ name: t('tracking.indicators.targets'), style: 'points', points: i.targets.map((p) => ({ date: p.dateIso, value: p.value })) });
  if (i.baseline !== null && series.length) series.push({ name: t('tracking.indicators.baseline'), style: 'level', points: [{ date: i.series[0]?.dateIso ?? i.targets[0]!.dateIso, value: i.baseline }] });
  const newestFirst = [...i.series].reverse();
  const rows = page ? newestFirst.slice(page.offset, page.offset + VALUES_PER_PAGE) : newestFirst.slice(0, TABLE_ROWS);
  const caption = page
    ? t('tracking.indicators.rowsRange', { from: page.offset + 1, to: page.offset + rows.length, total: i.series.length })
    : i.series.length > TABLE_ROWS
      ? t('tracking.indicators.latestRows', { count: TABLE_ROWS, total: i.series.length })
      : t('tracking.indicators.values');
  return (
    <article class="indicator" id={`indicator-${i.id}`} aria-labelledby={`indicator-${i.id}-title`}>
      <H id={`indicator-${i.id}-title`}><T value={i.statement} /></H>
      <p class="muted">
        {i.kindLabel}
        {i.unit && <> · {t('tracking.indicators.unit')}: <T value={i.unit} /></>}
        {i.baseline !== null && <> · {t('programme.fields.baseline')}: {i.baseline}</>}
        {i.latest && <> · {t('tracking.indicators.latest', { value: i.latest.shown, date: i.latest.date })}</>}
      </p>
      {i.metricLabel && <p class="computed">{t('tracking.indicators.computedFrom', { metric: i.metricLabel })}</p>}
      {i.targets.length > 0 && (
        <p>
          {t('tracking.indicators.targets')}:{' '}
          {i.targets.map((p, n) => <>{n > 0 && (locale === 'ar' ? '، ' : ', ')}<span class="target">{t('tracking.indicators.targetBy', { value: p.shown, date: p.date })}</span></>)}
        </p>
      )}
      {series.length === 0 ? (
        <p class="muted">{t('tracking.indicators.noValues')}</p>
      ) : (
        <div class="indicator-body">
          <LineChart title={t('tracking.indicators.chartTitle')} series={series} unit={i.chartUnit} width={420}>
            {rows.length > 0 && (
              <div class="table-wrap">
                <table>
                  <caption>{caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('tracking.indicators.date')}</th>
                      <th scope="col">{t('tracking.indicators.value')}</th>
                      {!i.metricLabel && <th scope="col">{t('tracking.indicators.source')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((p) => (
                      <tr>
                        <th scope="row"><time datetime={p.dateIso}>{p.date}</time></th>
                        <td class="num">{p.shown}</td>
                        {!i.metricLabel && <td>{p.source ?? '—'}{p.demo && <> · <span class="status demo">{t('tracking.indicators.demo')}</span></>}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {page && <Pager firstHref={page.firstHref} nextHref={page.nextHref} />}
            {!page && props.valuesHref && i.series.length > TABLE_ROWS && <p><a href={props.valuesHref}>{t('tracking.indicators.allValues', { total: i.series.length })}</a></p>}
          </LineChart>
        </div>
      )}
    </article>
  );
}

export function ProjectIndicatorsSection(props: { indicators: IndicatorView[]; allHref: string }) {
  const { t } = usePage();
  if (props.indicators.length === 0) return null;
  return (
    <section aria-labelledby="indicator-values" class="indicator-values">
      <h2 id="indicator-values">{t('tracking.indicators.title')}</h2>
      {props.indicators.map((i) => <IndicatorFigure i={i} headingLevel={3} valuesHref={`${props.allHref}/${i.id}`} />)}
      <p><a href={props.allHref}>{t('tracking.indicators.all')}</a></p>
    </section>
  );
}

/** The programme an indicators page is about; one that is not current says so (NotCurrent). */
export interface ProgrammeRef {
  title: Text;
  href: string;
  isCurrent: boolean;
  period: string;
  statusLabel: string;
  current: CurrentLink | null;
}

export function IndicatorsPage(props: {
  place: { name: Text; href: string };
  programme: ProgrammeRef;
  /** this page's address: each indicator's own page is under it */
  href: string;
  projects: { number: number; title: Text; href: string; indicators: IndicatorView[] }[];
}) {
  const { t, locale } = usePage();
  const title = t('tracking.indicators.pageTitle');
  return (
    <Layout title={`${title} — ${props.place.name.text}`}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [props.programme.title.text, props.programme.href], [title]]} />
      <h1>{title}</h1>
      <NotCurrent programme={props.programme} current={props.programme.current} />
      <p class="muted"><a href={props.programme.href}><T value={props.programme.title} /></a> · <bdi>{props.programme.period}</bdi> · {t('tracking.indicators.intro')}</p>
      {props.projects.map((p) => (
        <section aria-labelledby={`project-${p.number}`}>
          <h2 id={`project-${p.number}`}><a href={p.href}>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></a></h2>
          {p.indicators.length === 0 ? <p class="muted">{t('tracking.indicators.noneForProject')}</p> : p.indicators.map((i) => <IndicatorFigure i={i} headingLevel={3} valuesHref={`${props.href}/${i.id}`} />)}
        </section>
      ))}
    </Layout>
  );
}

/** One indicator's own page: its chart and every value, a page at a time. */
export function IndicatorPage(props: {
  place: { name: Text; href: string };
  programme: ProgrammeRef;
  indicators: { href: string };
  project: { number: number; href: string };
  indicator: IndicatorView;
  page: { offset: number; firstHref: string | null; nextHref: string | null };
}) {
  const { t, locale } = usePage();
  const i = props.indicator;
  return (
    <Layout title={`${i.statement.text} — ${props.place.name.text}`}>
      <Breadcrumbs
        items={[
          [t('programme.network'), `/${locale}/`],
          [props.place.name.text, props.place.href],
          [props.programme.title.text, props.programme.href],
          [t('tracking.indicators.pageTitle'), props.indicators.href],
          [t('programme.projectN', { n: props.project.number }), props.project.href],
          [t('tracking.indicators.values')],
        ]}
      />
      <NotCurrent programme={props.programme} current={props.programme.current} />
      <p class="muted">
        <a href={props.programme.href}><T value={props.programme.title} /></a> · <bdi>{props.programme.period}</bdi> ·{' '}
        <a href={props.project.href}>{t('programme.projectN', { n: props.project.number })}</a>
      </p>
      <IndicatorFigure i={i} headingLevel={1} page={props.page} />
    </Layout>
  );
}
