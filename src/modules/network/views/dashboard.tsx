// The national dashboard (public, and its back-office twin) and the list of the collectivities
// behind a figure. Views receive view models (dashboard-present.ts); every chart is SVG drawn
// here with presentation attributes only (strict CSP), with the same data in a table.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { formatNumber } from '../../../platform/i18n/format.ts';
import { Breadcrumbs, Layout, usePage } from '../../../platform/ui/page.tsx';
import { T } from '../../../platform/ui/parts.tsx';
import { chartColors } from '../../../platform/ui/charts.tsx';

export type Text = { text: string; lang: Locale };

/** text: a cell that is not a count (a period, "2024–2025"), shown as it is */
export interface Cell { value: number | null; percent?: boolean; href?: string; text?: string }
/** isolate: a label made of numbers ("75–99%"), kept left to right in Arabic */
export interface RowView { label: Text; href?: string; cells: Cell[]; isolate?: boolean }
export interface TableView { caption: string; head: string[]; rows: RowView[] }
export interface ChartView { title: string; table: TableView; /** which column the bars draw */ column?: number }

export interface SectionView {
  id: string;
  heading: string;
  lead?: string[];
  grid?: ChartView;
  bars?: ChartView[];
  tables: TableView[];
}

export interface FilterOptions { name: string; label: string; all: string; options: [string, string][]; value: string | null }

export interface DashboardView {
  title: string;
  intro: string;
  rule: string;
  action: string;
  filters: FilterOptions[];
  clearHref: string | null;
  exports: [string, string, string][];
  sections: SectionView[];
  /** the back-office twin only */
  delayed?: { rule: string; table: TableView; none: string };
  crumbs?: [string, string?][];
}

/** A number in its own direction: "1 234" or "45,2%" must not be reordered by Arabic text. */
function Num(props: { cell: Cell }) {
  const { locale } = usePage();
  const c = props.cell;
  if (c.text !== undefined) return <bdi dir="ltr">{c.text}</bdi>;
  if (c.value === null) return <>–</>;
  const text = `${formatNumber(locale, c.value)}${c.percent ? '%' : ''}`;
  const bdi = <bdi dir="ltr">{text}</bdi>;
  return c.href ? <a href={c.href}>{bdi}</a> : bdi;
}

export function Table(props: { table: TableView }) {
  const { table } = props;
  return (
    <div class="table-wrap" role="region" aria-label={table.caption} tabindex={0}>
      <table>
        <caption>{table.caption}</caption>
        <thead>
          <tr>{table.head.map((h, i) => <th scope="col" class={i > 0 ? 'num' : undefined}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              <th scope="row">{r.href ? <a href={r.href}><T value={r.label} /></a> : r.isolate ? <bdi dir="ltr"><T value={r.label} /></bdi> : <T value={r.label} />}</th>
              {r.cells.map((c) => <td class="num"><Num cell={c} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// drawn at a phone's width so that its text stays at the page's size on a 360 px screen
const W = 340;
const ROW = 26;

/** Horizontal bars, the label on the reading side; mirrored in Arabic. */
export function Bars(props: { chart: ChartView }) {
  const { locale } = usePage();
  const rtl = locale === 'ar';
  const col = props.chart.column ?? 0;
  const rows = props.chart.table.rows;
  const max = Math.max(1, ...rows.map((r) => r.cells[col]?.value ?? 0));
  const labelW = 140;
  const barMax = W - labelW - 50;
  const h = rows.length * ROW + 8;
  return (
    <figure class="chart">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${W} ${h}`} width="100%" role="img" font-size="13" font-family="sans-serif">
        <title>{props.chart.title}</title>
        {rows.map((r, i) => {
          const v = r.cells[col]?.value ?? 0;
          const len = Math.round((v / max) * barMax);
          const y = 4 + i * ROW;
          const label = r.label.text.length > 20 ? `${r.label.text.slice(0, 19)}…` : r.label.text;
          const barX = rtl ? W - labelW - len : labelW;
          const valueX = rtl ? W - labelW - len - 6 : labelW + len + 6;
          return (
            <g>
              <text x={rtl ? W - 4 : 4} y={y + 17} text-anchor={rtl && r.isolate ? 'end' : 'start'} direction={rtl && !r.isolate ? 'rtl' : 'ltr'} fill="#1d2327">{label}</text>
              <rect x={barX} y={y + 4} width={Math.max(len, 1)} height={ROW - 8} fill={chartColors[0]} />
              <text x={valueX} y={y + 17} text-anchor={rtl ? 'end' : 'start'} fill="#1d2327" direction="ltr">{formatNumber(locale, v)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{props.chart.title}</figcaption>
    </figure>
  );
}

/** The regions as a grid of tiles, darker with more members; its table follows. */
export function RegionGrid(props: { chart: ChartView }) {
  const { locale } = usePage();
  const rtl = locale === 'ar';
  const rows = props.chart.table.rows;
  const cols = 2;
  const tw = 164;
  const th = 64;
  const max = Math.max(1, ...rows.map((r) => r.cells[0]?.value ?? 0));
  const shades = ['#e6f2ed', '#b9dccd', '#7fbfa4', '#3f9a74', '#0b6e4f'];
  const h = Math.ceil(rows.length / cols) * (th + 6) + 6;
  return (
    <figure class="chart">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${cols * (tw + 6) + 6} ${h}`} width="100%" role="img" font-size="13" font-family="sans-serif">
        <title>{props.chart.title}</title>
        {rows.map((r, i) => {
          const v = r.cells[0]?.value ?? 0;
          const shade = v === 0 ? 0 : Math.min(4, 1 + Math.floor((v / max) * 3.999));
          const c = i % cols;
          const x = 6 + (rtl ? cols - 1 - c : c) * (tw + 6);
          const y = 6 + Math.floor(i / cols) * (th + 6);
          const dark = shade >= 3;
          const label = r.label.text.length > 24 ? `${r.label.text.slice(0, 23)}…` : r.label.text;
          return (
            <g>
              <rect x={x} y={y} width={tw} height={th} rx="6" fill={shades[shade]} stroke="#8a979e" />
              <text x={x + tw / 2} y={y + 26} text-anchor="middle" fill={dark ? '#ffffff' : '#1d2327'}>{label}</text>
              <text x={x + tw / 2} y={y + 50} text-anchor="middle" font-size="18" font-weight="bold" fill={dark ? '#ffffff' : '#1d2327'}>{formatNumber(locale, v)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{props.chart.title}</figcaption>
    </figure>
  );
}

function Filters(props: { view: DashboardView }) {
  const { t } = usePage();
  return (
    <form method="get" action={props.view.action} class="filters">
      {props.view.filters.map((f) => (
        <div class="field">
          <label for={`f-${f.name}`}>{f.label}</label>
          <select id={`f-${f.name}`} name={f.name}>
            <option value="">{f.all}</option>
            {f.options.map(([value, label]) => <option value={value} selected={f.value === value}>{label}</option>)}
          </select>
        </div>
      ))}
      <p class="actions">
        <button type="submit">{t('network.dashboard.apply')}</button>
        {props.view.clearHref && <a href={props.view.clearHref}>{t('network.dashboard.clear')}</a>}
      </p>
    </form>
  );
}

export function DashboardPage(props: { view: DashboardView }) {
  const { t, locale } = usePage();
  const v = props.view;
  return (
    <Layout title={v.title} description={v.intro}>
      {v.crumbs && <Breadcrumbs items={v.crumbs} />}
      <h1>{v.title}</h1>
      <p>{v.intro}</p>
      <p class="muted">{v.rule}</p>
      <p><a href={`/${locale}/network/practices`}>{t('network.library.title')}</a></p>
      <Filters view={v} />
      <nav class="sections" aria-label={t('network.dashboard.contents')}>
        {v.sections.map((s) => <a href={`#${s.id}`}>{s.heading}</a>)}
        {v.delayed && <a href="#delayed">{t('network.dashboard.delayed.title')}</a>}
      </nav>
      <p class="actions">{v.exports.map(([href, label, type]) => <a href={href} type={type}>{label}</a>)}</p>
      {v.sections.map((s) => (
        <section id={s.id} class="stat-block">
          <h2>{s.heading}</h2>
          {s.lead?.map((p) => <p>{p}</p>)}
          {s.grid && <RegionGrid chart={s.grid} />}
          {s.bars?.map((b) => <Bars chart={b} />)}
          {s.tables.map((table) => <Table table={table} />)}
        </section>
      ))}
      {v.delayed && (
        <section id="delayed" class="stat-block">
          <h2>{t('network.dashboard.delayed.title')}</h2>
          <p class="notice">{v.delayed.rule}</p>
          {v.delayed.table.rows.length > 0 ? <Table table={v.delayed.table} /> : <p>{v.delayed.none}</p>}
        </section>
      )}
    </Layout>
  );
}

export interface MemberItem { name: Text; href: string; kind: string; region: Text | null }

export function CollectivitiesPage(props: { title: string; summary: string; criteria: string[]; items: MemberItem[]; back: string }) {
  const { t, locale } = usePage();
  return (
    <Layout title={props.title}>
      <Breadcrumbs items={[[t('layout.network'), `/${locale}/`], [t('network.dashboard.title'), props.back], [props.title]]} />
      <h1>{props.title}</h1>
      <p>{props.summary}</p>
      {props.criteria.length > 0 && <ul>{props.criteria.map((c) => <li>{c}</li>)}</ul>}
      {props.items.length === 0 ? (
        <p>{t('network.dashboard.list.none')}</p>
      ) : (
        <ul class="cards">
          {props.items.map((c) => (
            <li>
              <a href={c.href}><T value={c.name} /></a>
              <br />
              <small class="muted">{t(`kinds.${c.kind}`)}{c.region && <> · <T value={c.region} /></>}</small>
            </li>
          ))}
        </ul>
      )}
      <p><a href={props.back}>{t('network.dashboard.list.back')}</a></p>
    </Layout>
  );
}

/** The small block on a region's or province's home: its communes' totals. */
export function CommunesBlock(props: { heading: string; rows: [string, Cell][]; more: string; moreHref: string }) {
  return (
    <section class="stat-block" id="network-figures">
      <h2>{props.heading}</h2>
      <ul class="figures">
        {props.rows.map(([label, cell]) => <li>{label}: <strong><Num cell={cell} /></strong></li>)}
      </ul>
      <p><a href={props.moreHref}>{props.more}</a></p>
    </section>
  );
}
