// Public parts of the tracking module: progress notes on the activity page, indicator figures
// (chart + data table) on the project page and on the programme's indicators page.
import { LineChart, type DatedSeries } from '../../../platform/ui/charts.tsx';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import type { Text } from '../../programme/presenters.ts';
import type { IndicatorView, NoteView } from '../presenters.ts';

/** Rows of the data table beyond which only the latest are listed (the API has them all). */
const TABLE_ROWS = 24;

export function NotesSection(props: { notes: NoteView[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="progress-notes" class="progress-notes">
      <h2 id="progress-notes">{t('tracking.notes.title')}</h2>
      {props.notes.length === 0 ? (
        <p class="muted">{t('tracking.notes.none')}</p>
      ) : (
        <ol class="notes">
          {props.notes.map((n) => (
            <li id={`note-${n.id}`}>
              <p class="note-head">
                <time datetime={n.dateIso}>{n.date}</time>
                {n.progress !== null && <> · {t('tracking.notes.progressSet', { progress: n.progress })}</>}
                {n.statusLabel && <> · <span class="status">{n.statusLabel}</span></>}
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
      )}
    </section>
  );
}

/** One indicator: statement, baseline and targets, a chart over time, and its data table. */
export function IndicatorFigure(props: { i: IndicatorView; headingLevel: 3 | 4 }) {
  const { t, locale } = usePage();
  const { i } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h4';
  const series: DatedSeries[] = [];
  if (i.series.length) series.push({ name: t('tracking.indicators.values'), style: 'line', points: i.series.map((p) => ({ date: p.dateIso, value: p.value })) });
  if (i.targets.length) series.push({ name: t('tracking.indicators.targets'), style: 'points', points: i.targets.map((p) => ({ date: p.dateIso, value: p.value })) });
  if (i.baseline !== null && series.length) series.push({ name: t('tracking.indicators.baseline'), style: 'level', points: [{ date: i.series[0]?.dateIso ?? i.targets[0]!.dateIso, value: i.baseline }] });
  const rows = i.series.slice(-TABLE_ROWS).reverse();
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
                  <caption>{i.series.length > TABLE_ROWS ? t('tracking.indicators.latestRows', { count: TABLE_ROWS, total: i.series.length }) : t('tracking.indicators.values')}</caption>
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
                        {!i.metricLabel && <td>{p.source ?? '—'}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
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
      {props.indicators.map((i) => <IndicatorFigure i={i} headingLevel={3} />)}
      <p><a href={props.allHref}>{t('tracking.indicators.all')}</a></p>
    </section>
  );
}

export function IndicatorsPage(props: {
  place: { name: Text; href: string };
  programme: { title: Text; href: string };
  projects: { number: number; title: Text; href: string; indicators: IndicatorView[] }[];
}) {
  const { t, locale } = usePage();
  const title = t('tracking.indicators.pageTitle');
  return (
    <Layout title={`${title} — ${props.place.name.text}`}>
      <Breadcrumbs items={[[t('programme.network'), `/${locale}/`], [props.place.name.text, props.place.href], [props.programme.title.text, props.programme.href], [title]]} />
      <h1>{title}</h1>
      <p class="muted"><T value={props.programme.title} /> · {t('tracking.indicators.intro')}</p>
      {props.projects.map((p) => (
        <section aria-labelledby={`project-${p.number}`}>
          <h2 id={`project-${p.number}`}><a href={p.href}>{t('programme.projectN', { n: p.number })}: <T value={p.title} /></a></h2>
          {p.indicators.length === 0 ? <p class="muted">{t('tracking.indicators.noneForProject')}</p> : p.indicators.map((i) => <IndicatorFigure i={i} headingLevel={3} />)}
        </section>
      ))}
    </Layout>
  );
}
