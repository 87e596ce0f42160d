// Public pages of the digital services: the collectivity's platforms and the monitoring
// indicator, the documents processed per month (chart and table), the services' guides and the
// awareness campaigns; a service's citizen guide, light enough for a cheap phone; all campaigns.
// Cached pages: links only. Numbers are isolated (<bdi>) so that they read the same in Arabic.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { formatNumber } from '../../../platform/i18n/format.ts';
import { memoizedSvg, renderBarChartSvg } from '../../../platform/ui/charts.tsx';
import { PlacePage, usePage } from '../../../platform/ui/page.tsx';
import { Pager, T } from '../../../platform/ui/parts.tsx';

export type Text = { text: string; lang: Locale };

export interface Place {
  name: Text;
  href: string;
}

export interface PlatformView {
  key: string;
  name: Text;
  purpose: Text | null;
  url: string | null;
  joined: boolean;
  joinedOn: string | null;
  services: Text | null;
  desk: Text | null;
  retired: boolean;
}

export interface MonthView {
  /** YYYY-MM */
  month: string;
  label: string;
  /** for the chart's axis */
  shortLabel: string;
  received: number;
  online: number;
  paper: number;
  /** online ÷ received, in % (null: nothing received) */
  share: number | null;
}

export interface ServiceListItem {
  id: number;
  name: Text;
  platform: Text | null;
  legalDays: number | null;
  example: boolean;
}

export interface ServiceView extends ServiceListItem {
  howToApply: Text | null;
  documentsNeeded: Text | null;
  desk: Text | null;
  onlineUrl: string | null;
  platformUrl: string | null;
}

export interface CampaignView {
  id: number;
  heldOn: string;
  channel: string;
  title: Text;
  description: Text | null;
  reached: number | null;
  women: number | null;
  materialsUrl: string | null;
  example: boolean;
}

export interface Indicator {
  joined: number;
  offered: number;
  share: number | null;
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** Requests received, processed online and on paper per month: the SVG and the same in a table. */
export function MonthsFigure(props: { title: string; months: MonthView[] }) {
  const { t, locale } = usePage();
  const chart = {
    title: props.title,
    categories: props.months.map((m) => m.shortLabel),
    series: [
      { name: t('services.figures.online'), values: props.months.map((m) => m.online) },
      { name: t('services.figures.paper'), values: props.months.map((m) => m.paper) },
    ],
    stacked: true,
  };
  const svg = memoizedSvg(['services-months', locale, chart], () => renderBarChartSvg(chart, { rtl: locale === 'ar', formatAxis: (v) => formatNumber(locale, v, 1) }));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      <div class="table-wrap" tabindex={0}>
        <table>
          <caption class="sr-only">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('services.figures.month')}</th>
              <th scope="col">{t('services.figures.received')}</th>
              <th scope="col">{t('services.figures.online')}</th>
              <th scope="col">{t('services.figures.paper')}</th>
              <th scope="col">{t('services.figures.share')}</th>
            </tr>
          </thead>
          <tbody>
            {props.months.map((m) => (
              <tr>
                <th scope="row">{m.label}</th>
                <td class="num"><bdi>{formatNumber(locale, m.received, 1)}</bdi></td>
                <td class="num"><bdi>{formatNumber(locale, m.online, 1)}</bdi></td>
                <td class="num"><bdi>{formatNumber(locale, m.paper, 1)}</bdi></td>
                <td class="num">{m.share === null ? '–' : <bdi>{formatNumber(locale, m.share, 1)}%</bdi>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function IndicatorLine(props: { indicator: Indicator }) {
  const { t } = usePage();
  const i = props.indicator;
  return (
    <>
      <p>
        <strong>{t('services.platforms.indicator', { joined: i.joined, offered: i.offered })} — <bdi>{t('services.percent', { share: i.share ?? 0 })}</bdi></strong>
      </p>
      <p class="muted">{t('services.platforms.rule')}</p>
    </>
  );
}

function PlatformItem(props: { p: PlatformView }) {
  const { t } = usePage();
  const p = props.p;
  return (
    <li>
      <h3>{p.url ? <a href={p.url} rel="noopener"><T value={p.name} /></a> : <T value={p.name} />}</h3>
      <p>
        {p.joined ? (
          <strong>{p.joinedOn ? <>{t('services.platforms.joinedOn')} <bdi>{p.joinedOn}</bdi></> : t('services.platforms.joined')}</strong>
        ) : (
          <span class="muted">{t('services.platforms.notJoined')}</span>
        )}
        {p.retired && <> · <span class="status">{t('services.platforms.retired')}</span></>}
      </p>
      {p.purpose && <p class="muted"><T value={p.purpose} /></p>}
      {p.joined && p.services && <p>{t('services.platforms.services')} <T value={p.services} /></p>}
      {p.joined && p.desk && <p>{t('services.platforms.desk')} <T value={p.desk} /></p>}
    </li>
  );
}

/** A campaign; its title is a heading one level below the list's (`level`: 2 on its own page). */
function CampaignItem(props: { c: CampaignView; level?: 2 | 3 }) {
  const { t } = usePage();
  const c = props.c;
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <li id={`campaign-${c.id}`}>
      <Heading><T value={c.title} /></Heading>
      <p>
        <bdi>{c.heldOn}</bdi> · {t(`services.channels.${c.channel}`)}
        {c.example && <> <span class="status">{t('services.exampleTag')}</span></>}
      </p>
      {c.description && <p class="muted"><T value={c.description} /></p>}
      {c.reached !== null && (
        <p>
          {t('services.campaigns.reached', { count: c.reached })}
          {c.women !== null && <>{t('services.campaigns.womenShare')} <bdi>{t('services.percent', { share: share(c.women, c.reached) ?? 0 })}</bdi></>}
        </p>
      )}
      {c.materialsUrl && <p><a href={c.materialsUrl} rel="noopener">{t('services.campaigns.materials')}</a></p>}
    </li>
  );
}

export function ServicesPage(props: {
  place: Place;
  base: string;
  indicator: Indicator;
  platforms: PlatformView[];
  months: MonthView[];
  services: ServiceListItem[];
  campaigns: CampaignView[];
  campaignCount: number;
  example: boolean;
}) {
  const { t } = usePage();
  const here = `${props.base}/services`;
  return (
    <PlacePage place={props.place} title={t('services.title')}>
      <p>{t('services.intro')}</p>
      {props.example && <p class="notice">{t('services.example')}</p>}

      <section aria-labelledby="s-guides">
        <h2 id="s-guides">{t('services.guides.title')}</h2>
        {props.services.length === 0 ? (
          <p class="muted">{t('services.guides.none')}</p>
        ) : (
          <ul class="plain">
            {props.services.map((s) => (
              <li>
                <a href={`${here}/${s.id}`}><T value={s.name} /></a>
                {s.platform && <> · <span class="muted">{t('services.guides.onlineVia')} <T value={s.platform} /></span></>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="s-platforms">
        <h2 id="s-platforms">{t('services.platforms.title')}</h2>
        <IndicatorLine indicator={props.indicator} />
        <ul class="plain">{props.platforms.map((p) => <PlatformItem p={p} />)}</ul>
      </section>

      <section aria-labelledby="s-figures">
        <h2 id="s-figures">{t('services.figures.title')}</h2>
        <p class="muted">{t('services.figures.intro')}</p>
        {props.months.length === 0 ? <p class="muted">{t('services.figures.none')}</p> : <MonthsFigure title={t('services.figures.chart')} months={props.months} />}
      </section>

      <section aria-labelledby="s-campaigns">
        <h2 id="s-campaigns">{t('services.campaigns.title')}</h2>
        {props.campaigns.length === 0 ? (
          <p class="muted">{t('services.campaigns.none')}</p>
        ) : (
          <>
            <ul class="plain">{props.campaigns.map((c) => <CampaignItem c={c} />)}</ul>
            <p><a href={`${here}/campaigns`}>{t('services.campaigns.all', { count: props.campaignCount })}</a></p>
          </>
        )}
      </section>
    </PlacePage>
  );
}

export function ServiceGuidePage(props: { place: Place; base: string; service: ServiceView; months: MonthView[] }) {
  const { t } = usePage();
  const s = props.service;
  return (
    <PlacePage place={props.place} title={s.name.text} trail={[[t('services.title'), `${props.base}/services`]]}>
      {s.example && <p><span class="status">{t('services.exampleTag')}</span></p>}
      {s.onlineUrl && (
        <p><a class="button" href={s.onlineUrl} rel="noopener">{t('services.guide.applyOnline')}</a></p>
      )}
      {s.platform && (
        <p>{t('services.guide.platform')} {s.platformUrl ? <a href={s.platformUrl} rel="noopener"><T value={s.platform} /></a> : <T value={s.platform} />}</p>
      )}
      <h2>{t('services.guide.howToApply')}</h2>
      {s.howToApply ? <p class="body"><T value={s.howToApply} /></p> : <p class="muted">{t('services.guide.notSaid')}</p>}
      <h2>{t('services.guide.documents')}</h2>
      {s.documentsNeeded ? <p class="body"><T value={s.documentsNeeded} /></p> : <p class="muted">{t('services.guide.notSaid')}</p>}
      <h2>{t('services.guide.desk')}</h2>
      {s.desk ? <p class="body"><T value={s.desk} /></p> : <p class="muted">{t('services.guide.notSaid')}</p>}
      <h2>{t('services.guide.legalTime')}</h2>
      <p>{s.legalDays === null ? t('services.guide.legalUnknown') : <bdi>{t('services.guide.legalDays', { count: s.legalDays })}</bdi>}</p>
      <p class="muted">{t('services.guide.law')}</p>
      <h2>{t('services.guide.figures')}</h2>
      {props.months.length === 0 ? (
        <p class="muted">{t('services.figures.none')}</p>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table>
            <caption class="sr-only">{t('services.guide.figures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('services.figures.month')}</th>
                <th scope="col">{t('services.figures.received')}</th>
                <th scope="col">{t('services.figures.share')}</th>
              </tr>
            </thead>
            <tbody>
              {props.months.map((m) => (
                <tr>
                  <th scope="row">{m.label}</th>
                  <td class="num"><bdi>{m.received}</bdi></td>
                  <td class="num">{m.share === null ? '–' : <bdi>{m.share}%</bdi>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PlacePage>
  );
}

export function CampaignsPage(props: { place: Place; base: string; campaigns: CampaignView[]; totals: { count: number; reached: number; counted: number; women: number }; firstHref: string | null; nextHref: string | null }) {
  const { t } = usePage();
  const tot = props.totals;
  return (
    <PlacePage place={props.place} title={t('services.campaigns.title')} trail={[[t('services.title'), `${props.base}/services`]]}>
      <p>{t('services.campaigns.intro')}</p>
      <p>
        {t('services.campaigns.summary', { count: tot.count, reached: tot.reached })}
        {tot.counted > 0 && <> {t('services.campaigns.womenSummary')} <bdi>{t('services.percent', { share: share(tot.women, tot.counted) ?? 0 })}</bdi></>}
      </p>
      {props.campaigns.length === 0 ? <p class="muted">{t('services.campaigns.none')}</p> : <ul class="plain">{props.campaigns.map((c) => <CampaignItem c={c} level={2} />)}</ul>}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </PlacePage>
  );
}
