// A year's figures of access to information: the key numbers with the rule each is counted by,
// then SVG charts with the same data in tables (platform/ui/charts.tsx). Numbers isolated (<bdi>).
import { formatNumber } from '../../../platform/i18n/format.ts';
import { BarChart } from '../../../platform/ui/charts.tsx';
import { Layout, PlaceCrumbs, usePage } from '../../../platform/ui/page.tsx';
import type { InformationYear } from '../stats.ts';
import type { Place } from './register.tsx';

/** The key numbers of a year, as a list of facts (also used by the yearly evaluation report). */
export function FiguresFacts(props: { figures: InformationYear }) {
  const { t, locale } = usePage();
  const f = props.figures;
  const num = (v: number) => <bdi>{formatNumber(locale, v)}</bdi>;
  return (
    <dl class="facts">
      <dt>{t('information.figures.received')}</dt>
      <dd>{num(f.received)}</dd>
      <dt>{t('information.figures.answered')}</dt>
      <dd>{num(f.answered)}</dd>
      <dt>{t('information.figures.onTime')}</dt>
      <dd>
        {f.onTime.share === null ? '–' : <bdi>{formatNumber(locale, f.onTime.share)}%</bdi>}{' '}
        <span class="muted">({t('information.figures.onTimeOf', { onTime: f.onTime.onTime, counted: f.onTime.counted })})</span>
      </dd>
      <dt>{t('information.figures.median')}</dt>
      <dd>{f.medianDays === null ? '–' : <bdi>{t('information.figures.days', { count: f.medianDays })}</bdi>}</dd>
      <dt>{t('information.figures.complaints')}</dt>
      <dd>{t('information.figures.complaintsLine', { filed: f.complaints.filed, upheld: f.complaints.upheld, rejected: f.complaints.rejected })}</dd>
      <dt>{t('information.figures.cdai')}</dt>
      <dd>{num(f.complaints.cdai)}</dd>
    </dl>
  );
}

export function FiguresPage(props: { place: Place; base: string; years: number[]; figures: InformationYear }) {
  const { t } = usePage();
  const f = props.figures;
  const here = `${props.base}/information/figures`;
  const title = t('information.figures.title');
  return (
    <Layout title={`${title} — ${f.year}`}>
      <PlaceCrumbs place={props.place} trail={[[t('information.title'), `${props.base}/information`]]} here={title} />
      <h1>{title} <bdi>{f.year}</bdi></h1>
      {props.years.length > 1 && (
        <nav aria-label={t('information.figures.years')}>
          <ul class="plain inline">
            {props.years.map((y) => (y === f.year ? <li><strong aria-current="page"><bdi>{y}</bdi></strong></li> : <li><a href={`${here}?year=${y}`}><bdi>{y}</bdi></a></li>))}
          </ul>
        </nav>
      )}
      <p class="muted">{t('information.figures.intro')}</p>
      <FiguresFacts figures={f} />
      <p class="muted">{t('information.figures.onTimeRule')}</p>
      {f.received === 0 ? (
        <p>{t('information.figures.none')}</p>
      ) : (
        <>
          <BarChart
            title={t('information.figures.byChannel')}
            categoryHeader={t('information.register.channel')}
            categories={f.byChannel.map((c) => t(`information.channel.${c.channel}`))}
            series={[{ name: t('information.figures.requests'), values: f.byChannel.map((c) => c.count) }]}
            horizontal
          />
          <BarChart
            title={t('information.figures.outcomes')}
            categoryHeader={t('information.register.outcome')}
            categories={f.outcomes.map((o) => t(`information.outcome.${o.outcome}`))}
            series={[{ name: t('information.figures.requests'), values: f.outcomes.map((o) => o.count) }]}
            horizontal
          />
          {f.exceptions.length === 0 ? (
            <p class="muted">{t('information.figures.noExceptions')}</p>
          ) : (
            <BarChart
              title={t('information.figures.exceptions')}
              categoryHeader={t('information.figures.exception')}
              categories={f.exceptions.map((e) => t(`information.exception.${e.exception}`))}
              series={[
                { name: t('information.outcome.refused'), values: f.exceptions.map((e) => e.refused) },
                { name: t('information.outcome.partial'), values: f.exceptions.map((e) => e.partial) },
              ]}
              stacked
              horizontal
            />
          )}
          {f.complaints.filed + f.complaints.cdai > 0 && <BarChart
            title={t('information.figures.complaints')}
            categories={[t('information.figures.filed'), t('information.complaintOutcome.upheld'), t('information.complaintOutcome.rejected'), t('information.figures.cdai')]}
            series={[{ name: t('information.figures.requests'), values: [f.complaints.filed, f.complaints.upheld, f.complaints.rejected, f.complaints.cdai] }]}
          />}
        </>
      )}
      <p><a href={`${props.base}/information`}>{t('information.register.back')}</a></p>
    </Layout>
  );
}
