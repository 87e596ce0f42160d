// The public results of a survey: respondents by channel, the satisfaction rate with its rule and
// interval, then each question's counts as a chart and a table, and the published free text.
// Cached pages: links only. Numbers are isolated (<bdi>) so they read the same in Arabic.
import { formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { memoizedSvg, renderBarChartSvg } from '../../../platform/ui/charts.tsx';
import { PlacePage, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';
import { type Breakdown, type Breakdowns, NPS, type QuestionResult, type SurveyResults, groupSatisfaction } from '../results.ts';
import { FEW_ANSWERS, type Satisfaction } from '../satisfaction.ts';
import { SATISFIED_FROM, responseChannels } from '../tables.ts';

export type Text = { text: string; lang: Locale };
export interface Place {
  name: Text;
  /** the collectivity's public home in the page's language */
  href: string;
}

export interface ResultsView {
  title: Text;
  state: string;
  anonymous: boolean;
  href: string;
  results: SurveyResults;
  breakdowns: Breakdowns;
  /** per question: its text, its options' labels, and the first published texts */
  questions: Map<number, { text: Text; options: Map<number, string>; texts: { id: number; text: string }[]; moreHref: string | null }>;
}

const pct = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0);

function Rate(props: { s: Satisfaction }) {
  const { t } = usePage();
  const s = props.s;
  if (s.rate === null) return <p class="muted">{t('surveys.results.noCsat')}</p>;
  return (
    <>
      <p class="lead">
        <bdi dir="ltr">{t('surveys.results.percent', { value: s.rate })}</bdi> · {t('surveys.results.satisfiedLabel', { from: SATISFIED_FROM })} <bdi>{s.satisfied}</bdi> {t('surveys.results.outOf', { count: s.answers })}
      </p>
      <p>
        {t('surveys.results.interval')} <bdi dir="ltr">{t('surveys.results.range', { low: s.low!, high: s.high! })}</bdi>
      </p>
      {s.few && <p class="notice">{t('surveys.results.few', { count: FEW_ANSWERS })}</p>}
    </>
  );
}

function BreakdownTable(props: { caption: string; header: string; rows: Breakdown; label: (key: string) => string }) {
  const { t } = usePage();
  if (props.rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.header}</th>
            <th scope="col">{t('surveys.results.answersHeader')}</th>
            <th scope="col">{t('surveys.results.rateHeader')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((g) => {
            const s = groupSatisfaction(g);
            return (
              <tr>
                <th scope="row">{props.label(g.key)}</th>
                <td class="num"><bdi>{g.answers}</bdi></td>
                <td class="num"><bdi dir="ltr">{t('surveys.results.percent', { value: s.rate ?? 0 })}</bdi></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The shares as an SVG bar chart (one unit, %), and counts and shares in the table beside it. */
function Distribution(props: { title: string; header: string; rows: { label: string; count: number; share: number }[]; horizontal: boolean }) {
  const { t, locale } = usePage();
  const chart = { title: props.title, categories: props.rows.map((r) => r.label), series: [{ name: t('surveys.results.shareHeader'), values: props.rows.map((r) => r.share) }], unit: '%', horizontal: props.horizontal };
  const svg = memoizedSvg(['survey-shares', locale, chart], () => renderBarChartSvg(chart, { rtl: locale === 'ar', formatAxis: (v) => `${formatNumber(locale, v, 1)}%` }));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      <div class="table-wrap">
        <table>
          <caption class="sr-only">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.header}</th>
              <th scope="col">{t('surveys.results.countHeader')}</th>
              <th scope="col">{t('surveys.results.shareHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="num"><bdi>{formatNumber(locale, r.count, 1)}</bdi></td>
                <td class="num"><bdi dir="ltr">{t('surveys.results.percent', { value: r.share })}</bdi></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Question(props: { r: QuestionResult; view: ResultsView; n: number }) {
  const { t, locale } = usePage();
  const { r, view } = props;
  const q = view.questions.get(r.question.id)!;
  const kind = r.question.kind;
  const head = (
    <h3>
      <bdi>{props.n}</bdi>. <T value={q.text} />
    </h3>
  );
  const answered = <p class="muted">{t('surveys.results.answered', { count: r.answered })}</p>;
  if (kind === 'text') {
    return (
      <section class="card">
        {head}
        <p class="muted">{t('surveys.results.textCounts', { published: r.published, pending: r.pending })}</p>
        {q.texts.length > 0 && <ul class="answers">{q.texts.map((x) => <li id={`t-${x.id}`} dir="auto">{x.text}</li>)}</ul>}
        {q.moreHref && <p><a href={q.moreHref}>{t('surveys.results.allTexts')}</a></p>}
      </section>
    );
  }
  const valueLabel = (v: number) => (kind === 'yes_no' ? t(v === 1 ? 'surveys.results.yes' : 'surveys.results.no') : String(v));
  const rows: [string, number][] = r.values.length > 0 ? r.values.map((v) => [valueLabel(v.value), v.count]) : r.options.map((o) => [q.options.get(o.id) ?? '', o.count]);
  const total = kind === 'multiple' ? view.results.respondents : r.answered;
  const b = view.breakdowns.get(r.question.id);
  return (
    <section class="card">
      {head}
      {answered}
      <Distribution
        title={t('surveys.results.chartTitle')}
        header={t(kind === 'multiple' || kind === 'single' ? 'surveys.results.optionHeader' : 'surveys.results.valueHeader')}
        rows={rows.map(([label, count]) => ({ label, count, share: pct(count, total) }))}
        horizontal={kind === 'single' || kind === 'multiple'}
      />
      {kind === 'multiple' && <p class="muted">{t('surveys.results.multipleNote', { count: view.results.respondents })}</p>}
      {r.mean !== null && (
        <p>
          {t('surveys.results.mean')} <bdi>{formatNumber(locale, Math.round(r.mean * 100) / 100)}</bdi>
        </p>
      )}
      {r.nps && (
        <p>
          {t('surveys.results.nps')} <bdi dir="ltr">{formatNumber(locale, r.nps.score)}</bdi> ({t('surveys.results.npsGroups')}{' '}
          <bdi dir="ltr">{[r.nps.promoters, r.nps.passives, r.nps.detractors].map((x) => t('surveys.results.percent', { value: x })).join(' / ')}</bdi>){' '}
          <span class="muted">{t('surveys.results.npsRule', { promotersFrom: NPS.promotersFrom, passivesFrom: NPS.passivesFrom, passivesTo: NPS.promotersFrom - 1, detractorsTo: NPS.passivesFrom - 1 })}</span>
        </p>
      )}
      {r.satisfaction && <Rate s={r.satisfaction} />}
      {b && (
        <details>
          <summary>{t('surveys.results.breakdowns')}</summary>
          <BreakdownTable caption={t('surveys.results.byChannel')} header={t('surveys.export.channel')} rows={b.channel} label={(k) => t(`surveys.results.channel.${k}`)} />
          <BreakdownTable caption={t('surveys.results.byGender')} header={t('surveys.export.gender')} rows={b.gender} label={(k) => (k === 'unknown' ? t('surveys.results.unknown') : t(`accounts.gender.${k}`))} />
          <BreakdownTable caption={t('surveys.results.byAgeBand')} header={t('surveys.export.ageBand')} rows={b.ageBand} label={(k) => (k === 'unknown' ? t('surveys.results.unknown') : t(`accounts.ageBand.${k}`))} />
        </details>
      )}
    </section>
  );
}

export function ResultsPage(props: { place: Place; view: ResultsView }) {
  const { t } = usePage();
  const v = props.view;
  const title = `${t('surveys.results.title')} — ${v.title.text}`;
  const r = v.results;
  return (
    <PlacePage place={props.place} title={title} trail={[[t('surveys.title'), `${props.place.href}/surveys`]]}>
      <p>
        <span class="status">{t(`surveys.results.state.${v.state}`)}</span> {t(v.anonymous ? 'surveys.results.anonymous' : 'surveys.results.signed')}
      </p>
      <section aria-labelledby="s-respondents">
        <h2 id="s-respondents">{t('surveys.results.respondentsTitle')}</h2>
        <p class="lead">{t('surveys.results.respondents', { count: r.respondents })}</p>
        <ul>
          {responseChannels.map((c) => (
            <li>
              {t(`surveys.results.channel.${c}`)}: <bdi>{r.byChannel[c]}</bdi>
            </li>
          ))}
        </ul>
        <p class="muted">{t('surveys.results.channelsNote')}</p>
      </section>
      <section aria-labelledby="s-satisfaction">
        <h2 id="s-satisfaction">{t('surveys.results.satisfactionTitle')}</h2>
        <p class="muted">{t('surveys.rule.satisfaction', { from: SATISFIED_FROM })}</p>
        <Rate s={r.satisfaction} />
      </section>
      <section aria-labelledby="s-questions">
        <h2 id="s-questions">{t('surveys.results.questionsTitle')}</h2>
        {r.questions.map((q, i) => <Question r={q} view={v} n={i + 1} />)}
      </section>
      <p>
        {t('surveys.export.download')} <a href={`${v.href}.csv`}>CSV</a> · <a href={`${v.href}.xlsx`}>XLSX</a>
      </p>
      <p class="muted">{t('surveys.export.note')}</p>
    </PlacePage>
  );
}

/** All the published texts of one question, a page at a time. */
export function TextsPage(props: { place: Place; surveyTitle: Text; resultsHref: string; question: Text; items: { id: number; text: string }[]; firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  return (
    <PlacePage place={props.place} title={props.question.text} trail={[[t('surveys.title'), `${props.place.href}/surveys`], [props.surveyTitle.text, props.resultsHref]]}>
      {props.items.length === 0 ? <p class="muted">{t('surveys.results.noTexts')}</p> : <ul class="answers">{props.items.map((x) => <li id={`t-${x.id}`} dir="auto">{x.text}</li>)}</ul>}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </PlacePage>
  );
}
