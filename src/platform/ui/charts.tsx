// Server-rendered bar charts: Apache ECharts' SSR SVG renderer, post-processed so the SVG
// works under the strict CSP (no style attributes, no <style> element), with the same data
// in a real <table> beside it (the table is what screen readers and print rely on).
import { createRequire } from 'node:module';
import type * as ECharts from 'echarts/core';
import { formatNumber } from '../i18n/format.ts';
import { intlLocale } from '../i18n/i18n.ts';
import { usePage } from './page.tsx';
import type { ComponentChildren } from 'preact';

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface BarChartProps {
  title: string;
  categories: string[];
  series: ChartSeries[];
  stacked?: boolean;
  /** bars along the inline axis, categories down the side: better for long labels */
  horizontal?: boolean;
  /** appended to the numbers: '%' directly ('45%'), anything else after a space ('1.200 MAD') */
  unit?: string;
  /** header of the table's category column; an empty corner cell without it */
  categoryHeader?: string;
  /** the SVG's intrinsic width in px (it scales down to its container) */
  width?: number;
}

/** Colors for series in order: the site's brand green first, then colors chosen to stay apart
 *  from it and from each other under the common color-vision deficiencies; all have at least
 *  3:1 contrast against white (WCAG 1.4.11). The site's accent comes fourth: it is too close to
 *  the brand green for protanopes to be the second color. */
export const chartColors = ['#0b6e4f', '#c0780f', '#1f4e9c', '#b5462f', '#6b4c9a', '#5a666d'];

// single quotes: ECharts writes this into a double-quoted style attribute without escaping it
export const chartFont = "'Noto Naskh Arabic','Noto Sans Arabic','Noto Sans','Segoe UI',Tahoma,Arial,sans-serif";
const fontSize = 13;
const lineHeight = 17;
const ink = '#1d2428';
const muted = '#5a666d';
const line = '#d5dbde';

// --- text measurement -------------------------------------------------------------------
// Without a canvas, ECharts counts every character outside printable ASCII as one em wide,
// which makes Arabic labels look twice their real size. These estimates were calibrated in
// Chromium against Noto Naskh / Noto Sans Arabic / sans-serif (0.35–0.44 em per Arabic
// character), rounded up so labels rather fit with room to spare.
const asciiWidths: Record<string, number> = {};
for (const ch of ' .,:;\'!|il') asciiWidths[ch] = 0.28;
for (const ch of 'frtjI()[]-') asciiWidths[ch] = 0.36;
for (const ch of '0123456789$?') asciiWidths[ch] = 0.57;
for (const ch of 'mwMW%@') asciiWidths[ch] = 0.85;

function charWidth(code: number): number {
  if (code < 0x80) {
    const ch = String.fromCharCode(code);
    if (ch in asciiWidths) return asciiWidths[ch]!;
    return ch >= 'A' && ch <= 'Z' ? 0.66 : 0.53;
  }
  // Arabic combining marks (harakat, superscript alef) take no width of their own
  if ((code >= 0x064b && code <= 0x065f) || code === 0x0670 || (code >= 0x06d6 && code <= 0x06ed)) return 0;
  if (code >= 0x200b && code <= 0x200f) return 0; // zero-width and direction marks
  if ((code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0xfb50 && code <= 0xfeff)) return 0.45;
  if (code >= 0x2e80) return 1; // CJK and beyond
  return 0.62; // accented Latin, Tifinagh, symbols
}

export function textWidth(text: string, size = fontSize): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += charWidth(text.charCodeAt(i));
  return w * size;
}

let loaded: typeof ECharts | undefined;

/** ECharts, loaded when the first chart is drawn: its ES modules (about 600 files) cost a second
 *  and 40 MB at every start, and most processes never draw a chart; its CommonJS build (the
 *  package's `require` entry, every chart type and renderer) is one file, read in a few tenths. */
function echarts(): typeof ECharts {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('echarts') as typeof ECharts;
    loaded.setPlatformAPI({
      measureText(text: string, font?: string) {
        const size = /(\d+(?:\.\d+)?)px/.exec(font ?? '');
        return { width: textWidth(text ?? '', size ? Number(size[1]) : 12) } as TextMetrics;
      },
    });
  }
  return loaded;
}

/** Wraps a label at spaces into at most `maxLines` lines of `maxWidth` px; the last line ends
 *  with an ellipsis when the label does not fit (the table beside the chart has it whole).
 *  ECharts' own wrapping would cut Arabic words in the middle of a word. */
export function wrapLabel(label: string, maxWidth: number, maxLines: number): string[] {
  const words = label.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const next = current ? `${current} ${word}` : word;
    if (textWidth(next) <= maxWidth || !current) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const truncate = (s: string): string => {
    let out = s;
    while (out.length > 1 && textWidth(out + '…') > maxWidth) out = out.slice(0, -1);
    return out.trimEnd() + '…';
  };
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = truncate(kept[maxLines - 1]!);
    return kept;
  }
  return lines.map((l) => (textWidth(l) > maxWidth ? truncate(l) : l));
}

// --- SVG post-processing ----------------------------------------------------------------
const rtlChar = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `style="a:b;c:d"` → presentation attributes (`a="b" c="d"`); the CSP (style-src 'self')
 *  blocks style attributes but not presentation attributes. */
function styleToAttributes(style: string): string {
  const decoded = style.replace(/&(?:lt|gt|amp|quot|#39|apos);/g, (e) => entities[e]!);
  const out: string[] = [];
  for (const decl of decoded.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).trim();
    if (!/^[a-z-]+$/.test(prop) || !value) continue;
    if (prop === 'font') out.push(...fontLonghands(value));
    else out.push(`${prop}="${escapeAttr(value)}"`);
  }
  return out.join(' ');
}

/** The CSS `font` shorthand (`italic bold 13px/1.2 Family`) as SVG presentation attributes:
 *  SVG has no `font` attribute, and the Nu HTML Checker reports one as an error. */
function fontLonghands(value: string): string[] {
  const m = /^((?:[a-z0-9-]+\s+)*?)(\d+(?:\.\d+)?px)(?:\/\S+)?\s+(.+)$/i.exec(value);
  if (!m) return [];
  const out = [`font-family="${escapeAttr(m[3]!)}"`, `font-size="${m[2]}"`];
  for (const word of m[1]!.trim().split(/\s+/)) {
    if (/^(?:bold|bolder|lighter|[1-9]00)$/.test(word)) out.push(`font-weight="${word}"`);
    else if (/^(?:italic|oblique)$/.test(word)) out.push(`font-style="${word}"`);
  }
  return out;
}

/** Makes ECharts' SSR output CSP-clean, smaller, and right in RTL pages. */
export function cleanSvg(svg: string, label: string): string {
  let s = svg
    // hover rules for interactive use: inline <style> is blocked by the CSP and there is no JS
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    // metadata for client-side hydration and hover classes: useless without JS
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    // invisible hit areas and backgrounds
    .replace(/<path [^>]*fill="none"(?![^>]*stroke=)[^>]*><\/path>\n?/g, '')
    .replace(/<path [^>]*fill-opacity="0" [^>]*stroke-width="0"[^>]*><\/path>\n?/g, '')
    .replace(/<rect [^>]*fill="none"><\/rect>\n?/g, '')
    // SVG's defaults anyway
    .replace(/ stroke-(?:linecap="butt"|miterlimit="10")/g, '')
    .replace(/ style="([^"]*)"/g, (_m, style: string) => ` ${styleToAttributes(style)}`);
  // Inline SVG inherits `direction` from <html dir="rtl">, and text-anchor start/end follow the
  // text's direction. ECharts places its text assuming left-to-right, so the SVG is set to ltr
  // and text with right-to-left characters gets direction="rtl" with start/end swapped: same
  // position on screen, and the bidi algorithm orders mixed Arabic/Latin text correctly.
  s = s.replace(/<text ([^>]*)>([^<]*)<\/text>/g, (whole, attrs: string, content: string) => {
    if (!rtlChar.test(content)) return whole;
    const swapped = attrs.replace(/text-anchor="(start|end)"/, (_m, a: string) => `text-anchor="${a === 'start' ? 'end' : 'start'}"`);
    return `<text direction="rtl" ${swapped}>${content}</text>`;
  });
  // the font is the same everywhere: said once on the root (inherited) rather than on every text
  const family = ` font-family="${escapeAttr(chartFont)}"`;
  const size = ` font-size="${fontSize}px"`;
  s = s.split(family).join('').split(size).join('');
  const fontAttrs = family + size;
  return s.replace(
    /^<svg ([^>]*)>/,
    (_m, attrs: string) =>
      `<svg ${attrs.replace(/ (?:version|baseProfile|xmlns:xlink)="[^"]*"/g, '')} direction="ltr"${fontAttrs} role="img" aria-label="${escapeAttr(label)}" focusable="false">`,
  );
}

// --- the chart --------------------------------------------------------------------------
interface Layout {
  width: number;
  height: number;
  option: ECharts.EChartsCoreOption;
}

function buildOption(props: BarChartProps, rtl: boolean, formatAxis: (v: number) => string): Layout {
  const width = props.width ?? 600;
  const n = Math.max(props.categories.length, 1);
  const many = props.series.length;
  const legendHeight = many > 1 ? 30 : 0;
  const all = props.series.map((s, i) => ({
    type: 'bar' as const,
    name: s.name,
    data: props.categories.map((_c, j) => (Number.isFinite(s.values[j]) ? s.values[j]! : '-')), // '-': no bar
    stack: props.stacked ? 'total' : undefined,
    silent: true,
    emphasis: { disabled: true },
    // a white line between stacked segments, so neighbors never touch
    itemStyle: props.stacked
      ? { color: chartColors[i % chartColors.length], borderColor: '#fff', borderWidth: 1 }
      : { color: chartColors[i % chartColors.length] },
    barMaxWidth: 48,
  }));
  // side by side bars follow the series order left to right: in RTL the first series goes right
  const series = rtl && !props.horizontal && !props.stacked ? all.reverse() : all;
  const legend = {
    show: many > 1,
    top: 0,
    [rtl ? 'right' : 'left']: 0,
    align: rtl ? ('right' as const) : ('left' as const),
    // legend items are laid out left to right: reversed, the first series comes first in RTL
    data: (rtl ? [...props.series].reverse() : props.series).map((s) => s.name),
    selectedMode: false,
    icon: 'rect',
    itemWidth: 14,
    itemHeight: 14,
    itemGap: 16,
    textStyle: { color: ink, fontSize, fontFamily: chartFont },
  };
  const axisLabelBase = { color: muted, fontSize, fontFamily: chartFont, lineHeight };
  // percentages that stay within 100 get an axis that ends at 100%
  const totals = props.categories.map((_c, j) => {
    const vs = props.series.map((s) => s.values[j] ?? 0).filter(Number.isFinite);
    return props.stacked ? vs.reduce((a, b) => a + b, 0) : Math.max(0, ...vs);
  });
  const capAt100 = props.unit === '%' && totals.length > 0 && Math.max(...totals) <= 100 && Math.max(...totals) > 50;
  const valueAxis = {
    type: 'value' as const,
    max: capAt100 ? 100 : undefined,
    axisLabel: { ...axisLabelBase, formatter: formatAxis, hideOverlap: true },
    splitLine: { lineStyle: { color: line } },
    splitNumber: 4,
  };
  const catAxisLine = { lineStyle: { color: muted } };

  if (props.horizontal) {
    const labelWidth = Math.round(width * 0.34);
    const labels = props.categories.map((c) => wrapLabel(c, labelWidth, 3));
    const lines = Math.max(1, ...labels.map((l) => l.length));
    const barBand = props.stacked ? 22 : Math.min(22, 10 + 8 * many) * many;
    const row = Math.max(barBand + 14, lines * lineHeight + 8);
    const height = legendHeight + 8 + n * row + 28;
    return {
      width,
      height,
      option: {
        animation: false,
        aria: { enabled: false },
        textStyle: { fontFamily: chartFont },
        legend,
        grid: { top: legendHeight + 8, bottom: 4, left: 8, right: 8 },
        yAxis: {
          type: 'category',
          data: labels.map((l) => l.join('\n')),
          inverse: true, // first category on top
          position: rtl ? 'right' : 'left',
          axisTick: { show: false },
          axisLine: catAxisLine,
          axisLabel: { ...axisLabelBase, color: ink, interval: 0 },
        },
        xAxis: { ...valueAxis, inverse: rtl },
        series,
      },
    };
  }

  const plotWidth = width - 60;
  const band = plotWidth / n;
  const labels = props.categories.map((c) => wrapLabel(c, Math.max(band - 8, 40), 3));
  const lines = Math.max(1, ...labels.map((l) => l.length));
  const height = legendHeight + 200 + lines * lineHeight + 12;
  return {
    width,
    height,
    option: {
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: chartFont },
      legend,
      grid: { top: legendHeight + 12, bottom: 4, left: 8, right: 8 },
      xAxis: {
        type: 'category',
        data: labels.map((l) => l.join('\n')),
        inverse: rtl, // first category on the right
        axisTick: { show: false },
        axisLine: catAxisLine,
        axisLabel: { ...axisLabelBase, color: ink, interval: 0 },
      },
      yAxis: { ...valueAxis, position: rtl ? 'right' : 'left' },
      series,
    },
  };
}

/** Renders the chart to an SVG string (CSP-clean, see cleanSvg). */
export function renderBarChartSvg(props: BarChartProps, opts: { rtl: boolean; formatAxis: (v: number) => string }): string {
  const { width, height, option } = buildOption(props, opts.rtl, opts.formatAxis);
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return cleanSvg(chart.renderToSVGString(), props.title);
  } finally {
    chart.dispose();
  }
}

function withUnit(n: string, unit: string | undefined): string {
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n}\u00a0${unit}`;
}

// echarts takes milliseconds per chart (7 for a line chart, 58 ms for the 8 of the indicators
// page); a page rendered afresh (another locale, a page cache miss after a write elsewhere on the
// page) mostly shows charts of unchanged data. An SVG depends only on what it is drawn from, so it
// is kept under that (bounded, oldest first out).
const svgs = new Map<string, string>();
const MAX_SVGS = 500;
/** SVGs drawn by echarts, not taken from memory (for tests) */
export let svgsDrawn = 0;

/** per page being rendered, how many times each SVG is on it */
const onPage = new WeakMap<object, Map<string, number>>();

/** The SVG drawn by `render` from `what` (the chart's kind, the locale and the data, and the
 *  choices of its writing that `render` closes over), drawn once and then kept. Its ids (a clip
 *  path's) are echarts' own, new at each drawing: a chart twice on one page is drawn twice. */
export function memoizedSvg(what: unknown[], render: () => string): string {
  const page = usePage();
  let seen = onPage.get(page);
  if (!seen) onPage.set(page, (seen = new Map()));
  let key = JSON.stringify(what);
  const times = seen.get(key) ?? 0;
  seen.set(key, times + 1);
  if (times > 0) key += `#${times}`;
  let svg = svgs.get(key);
  if (svg === undefined) {
    svg = render();
    svgsDrawn++;
    svgs.set(key, svg);
    if (svgs.size > MAX_SVGS) svgs.delete(svgs.keys().next().value!);
  }
  return svg;
}

/** A bar chart as an SVG picture with its data in a table below it. */
export function BarChart(props: BarChartProps) {
  const { locale } = usePage();
  const rtl = locale === 'ar';
  const num = (v: number) => formatNumber(locale, v);
  const shortUnit = props.unit !== undefined && props.unit.length <= 2 ? props.unit : undefined;
  const svg = memoizedSvg(['bar', locale, props], () => renderBarChartSvg(props, { rtl, formatAxis: (v) => withUnit(num(v), shortUnit) }));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      <div class="table-wrap">
        <table>
          <caption class="sr-only">{props.title}</caption>
          <thead>
            <tr>
              {props.categoryHeader ? <th scope="col">{props.categoryHeader}</th> : <td></td>}
              {props.series.map((s) => <th scope="col">{s.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.categories.map((c, j) => (
              <tr>
                <th scope="row">{c}</th>
                {props.series.map((s) => {
                  const v = s.values[j];
                  return <td class="num">{v !== undefined && Number.isFinite(v) ? withUnit(num(v), props.unit) : '–'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

// --- values over time ----------------------------------------------------------------------

export interface DatedSeries {
  name: string;
  /** calendar dates (YYYY-MM-DD) with their values */
  points: { date: string; value: number }[];
  /** 'line': measured values joined by a line; 'points': marks only (targets); 'level': a dashed
   *  horizontal line across the whole chart (a baseline) at the first point's value */
  style: 'line' | 'points' | 'level';
}

export interface LineChartProps {
  title: string;
  series: DatedSeries[];
  unit?: string;
  width?: number;
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Values over time as a CSP-clean SVG: time runs right to left in Arabic pages. */
export function renderLineChartSvg(
  props: LineChartProps,
  opts: { rtl: boolean; formatAxis: (v: number) => string; formatTime: (ms: number) => string },
): string {
  const width = props.width ?? 420;
  const many = props.series.length;
  const legendHeight = many > 1 ? 30 : 0;
  const height = legendHeight + 200;
  const times = props.series.flatMap((s) => (s.style === 'level' ? [] : s.points.map((p) => dayMs(p.date))));
  const min = times.length ? Math.min(...times) : Date.now();
  const max = times.length ? Math.max(...times) : Date.now();
  const pad = Math.max((max - min) * 0.05, 15 * 86_400_000);
  const values = props.series.flatMap((s) => s.points.map((p) => p.value));
  const series = props.series.map((s, i) => {
    const color = chartColors[i % chartColors.length];
    const data =
      s.style === 'level' ? (s.points[0] ? [[min - pad, s.points[0].value], [max + pad, s.points[0].value]] : []) : s.points.map((p) => [dayMs(p.date), p.value]);
    return {
      type: s.style === 'points' ? ('scatter' as const) : ('line' as const),
      name: s.name,
      data,
      silent: true,
      emphasis: { disabled: true },
      symbol: s.style === 'points' ? 'diamond' : s.style === 'level' ? 'none' : 'circle',
      symbolSize: s.style === 'points' ? 12 : 7,
      itemStyle: { color },
      lineStyle: { color, width: 2, type: s.style === 'level' ? ('dashed' as const) : ('solid' as const) },
    };
  });
  const axisLabel = { color: muted, fontSize, fontFamily: chartFont, lineHeight, hideOverlap: true };
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: chartFont },
      legend: {
        show: many > 1,
        top: 0,
        [opts.rtl ? 'right' : 'left']: 0,
        align: opts.rtl ? 'right' : 'left',
        data: (opts.rtl ? [...props.series].reverse() : props.series).map((s) => s.name),
        selectedMode: false,
        itemWidth: 14,
        itemHeight: 14,
        itemGap: 16,
        textStyle: { color: ink, fontSize, fontFamily: chartFont },
      },
      grid: { top: legendHeight + 12, bottom: 4, left: 8, right: 8 },
      xAxis: {
        type: 'time',
        min: min - pad,
        max: max + pad,
        inverse: opts.rtl,
        splitNumber: 3,
        axisLine: { lineStyle: { color: muted } },
        axisLabel: { ...axisLabel, formatter: (v: number) => opts.formatTime(v) },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        position: opts.rtl ? 'right' : 'left',
        // percentages that stay within 100 get an axis that ends at 100%
        max: props.unit === '%' && values.length > 0 && Math.max(...values) <= 100 && Math.max(...values) > 50 ? 100 : undefined,
        splitNumber: 4,
        axisLabel: { ...axisLabel, formatter: opts.formatAxis },
        splitLine: { lineStyle: { color: line } },
      },
      series,
    });
    return cleanSvg(chart.renderToSVGString(), props.title);
  } finally {
    chart.dispose();
  }
}

/** Values over time as an SVG picture; the caller gives the data table (children) below it. */
export function LineChart(props: LineChartProps & { children?: ComponentChildren }) {
  const { locale } = usePage();
  const { children, ...chart } = props;
  const shortUnit = chart.unit !== undefined && chart.unit.length <= 2 ? chart.unit : undefined;
  const svg = memoizedSvg(['line', locale, chart], () => {
    const months = new Intl.DateTimeFormat(intlLocale[locale], { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return renderLineChartSvg(chart, {
      rtl: locale === 'ar',
      formatAxis: (v) => withUnit(formatNumber(locale, v), shortUnit),
      formatTime: (ms) => months.format(new Date(ms)),
    });
  });
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      {children}
    </figure>
  );
}
