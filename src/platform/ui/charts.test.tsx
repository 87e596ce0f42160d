import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locale } from '../i18n/i18n.ts';
import { BarChart, type BarChartProps, LineChart, cleanSvg, renderBarChartSvg, svgsDrawn, textWidth, wrapLabel } from './charts.tsx';
import { renderPage } from './page.tsx';

const render = (props: BarChartProps, locale: Locale = 'ar'): string =>
  renderPage({ locale, t: (k) => k, path: '/', area: 'public' }, <BarChart {...props} />);

const svgOf = (html: string): string => {
  const m = /<svg[\s\S]*?<\/svg>/.exec(html);
  assert.ok(m, 'an <svg> element');
  return m[0];
};
const tableOf = (html: string): string => {
  const m = /<table>[\s\S]*<\/table>/.exec(html);
  assert.ok(m, 'a <table> element');
  return m[0];
};
/** rows of the table body, as arrays of cell texts (header cell first) */
const bodyRows = (html: string): string[][] =>
  [...tableOf(html).split('<tbody>')[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!),
  );

const axes = ['الرقمنة', 'الميزانية التشاركية', 'خلق آلية دائمة للتحاور', 'هيئة المساواة وتكافؤ الفرص ومقاربة النوع'];
const twoSeries = [
  { name: 'المنجز', values: [3, 5, 2, 4] },
  { name: 'المبرمج', values: [4, 6, 5, 7] },
];
const arabicIndicDigits = /[\u0660-\u0669\u06f0-\u06f9]/;

describe('BarChart', () => {
  it('renders a figure with a caption, an SVG picture and a table', () => {
    const html = render({ title: 'تقدم المحاور', categories: axes, series: twoSeries, unit: '%' });
    assert.match(html, /<figure class="chart"><figcaption>تقدم المحاور<\/figcaption><div class="chart-svg"><svg /);
    const svg = svgOf(html);
    assert.match(svg, / role="img"/);
    assert.match(svg, / aria-label="تقدم المحاور"/);
    assert.match(svg, / viewBox="0 0 600 \d+"/);
    assert.match(tableOf(html), /<caption class="sr-only">تقدم المحاور<\/caption>/);
    // one series per column, one category per row
    assert.match(tableOf(html), /<thead><tr><td><\/td><th scope="col">المنجز<\/th><th scope="col">المبرمج<\/th><\/tr><\/thead>/);
    assert.equal((svg.match(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -[\d.]+l-[\d.]+ 0Z" fill="#[0-9a-f]{6}"><\/path>/g) ?? []).length, 8, '8 bars');
    assert.equal((svg.match(/<path d="M0 0l14 0l0 14l-14 0Z" transform="[^"]+" fill="#[0-9a-f]{6}"><\/path>/g) ?? []).length, 2, '2 legend keys');
  });

  it('puts the same numbers in the table, in Western digits', () => {
    const html = render({ title: 't', categories: axes, series: twoSeries, unit: '%', categoryHeader: 'المحور' });
    assert.deepEqual(bodyRows(html), [
      ['الرقمنة', '3%', '4%'],
      ['الميزانية التشاركية', '5%', '6%'],
      ['خلق آلية دائمة للتحاور', '2%', '5%'],
      ['هيئة المساواة وتكافؤ الفرص ومقاربة النوع', '4%', '7%'],
    ]);
    assert.match(tableOf(html), /<th scope="col">المحور<\/th>/);
    assert.ok(!arabicIndicDigits.test(html), 'no Arabic-Indic digits anywhere');
  });

  it('formats numbers for the locale, with units, and shows missing values as a dash', () => {
    const series = [{ name: 'budget', values: [1234.5, -300, Number.NaN] }];
    const ar = bodyRows(render({ title: 't', categories: ['a', 'b', 'c'], series, unit: 'درهم' }));
    assert.deepEqual(ar.map((r) => r[1]), ['1.234,5\u00a0درهم', '\u200e-300\u00a0درهم', '–']);
    const en = bodyRows(render({ title: 't', categories: ['a', 'b', 'c'], series, unit: 'MAD' }, 'en'));
    assert.deepEqual(en.map((r) => r[1]), ['1,234.5\u00a0MAD', '-300\u00a0MAD', '–']);
    // ticks of the value axis use the same formatting; a long unit is left out of them
    const svg = svgOf(render({ title: 't', categories: ['a', 'b'], series: [{ name: 's', values: [1000, 4000] }], unit: 'MAD' }, 'fr'));
    assert.match(svg, />4\.000<\/text>/);
    assert.doesNotMatch(svg, /MAD/);
  });

  it('uses neither style attributes nor <style> elements (blocked by style-src \'self\')', () => {
    for (const extra of [{}, { horizontal: true }, { stacked: true }, { horizontal: true, stacked: true }]) {
      const svg = svgOf(render({ title: 't', categories: axes, series: twoSeries, ...extra }));
      assert.doesNotMatch(svg, /\sstyle=/);
      assert.doesNotMatch(svg, /<style/);
      assert.doesNotMatch(svg, /<script|\son[a-z]+=|javascript:/i);
      assert.doesNotMatch(svg, /ecmeta_|zr\d+-cls/);
      assert.match(svg, / font-family="'Noto Naskh Arabic',/);
    }
  });

  it('escapes labels, series names and the title', () => {
    const html = render({
      title: 'x" onload="alert(1)',
      categories: ['<script>x</script>', 'a & b'],
      series: [{ name: '<img src=x onerror=alert(1)>', values: [1, 2] }, { name: 'second', values: [2, 1] }],
      categoryHeader: '<b>c</b>',
    });
    assert.doesNotMatch(html, /<script>x/);
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /<b>c/);
    assert.doesNotMatch(html, / onload="/);
    const svg = svgOf(html);
    assert.match(svg, /aria-label="x&quot; onload=&quot;alert\(1\)"/);
    assert.match(svg, />&lt;script&gt;x&lt;\/script&gt;<\/text>/);
    assert.match(svg, />a &amp; b<\/text>/);
    assert.match(svg, />&lt;img src=x onerror=alert\(1\)&gt;<\/text>/);
    // preact escapes < and & in text (a > alone cannot open markup)
    assert.match(tableOf(html), /<th scope="row">&lt;script>x&lt;\/script><\/th>/);
    assert.match(tableOf(html), /<th scope="row">a &amp; b<\/th>/);
    // every element that was opened is closed: no markup leaked out of a label
    assert.equal((svg.match(/<text /g) ?? []).length, (svg.match(/<\/text>/g) ?? []).length);
  });

  it('shows Arabic labels right to left in an RTL page', () => {
    const svg = svgOf(render({ title: 't', categories: axes, series: twoSeries, horizontal: true }));
    // the picture itself is laid out left to right (ECharts' coordinates); Arabic text is rtl
    assert.match(svg, /^<svg [^>]*direction="ltr"/);
    for (const label of ['الرقمنة', 'الميزانية التشاركية', 'خلق آلية دائمة للتحاور', 'المنجز', 'المبرمج'])
      assert.match(svg, new RegExp(`<text direction="rtl" [^>]*>${label}</text>`));
    // the long label is wrapped at a space, not cut inside a word
    assert.match(svg, />هيئة المساواة وتكافؤ الفرص ومقاربة<\/text>/);
    assert.match(svg, />النوع<\/text>/);
    // numbers stay left to right
    assert.match(svg, /<text dominant-baseline="central" text-anchor="middle" [^>]*>0<\/text>/);
  });

  it('mirrors the chart in RTL: first category on the right', () => {
    const xOf = (svg: string, label: string) => Number(new RegExp(`translate\\(([\\d.]+) [\\d.]+\\)" fill="#1d2428">${label}<`).exec(svg)![1]);
    const ar = svgOf(render({ title: 't', categories: ['أ', 'ب'], series: twoSeries }));
    assert.ok(xOf(ar, 'أ') > xOf(ar, 'ب'));
    const fr = svgOf(render({ title: 't', categories: ['a', 'b'], series: twoSeries }, 'fr'));
    assert.ok(xOf(fr, 'a') < xOf(fr, 'b'));
  });

  it('has a single series without a legend, and survives no data', () => {
    const one = svgOf(render({ title: 't', categories: ['a', 'b'], series: [{ name: 'only', values: [1, 2] }] }));
    assert.doesNotMatch(one, />only<\/text>/);
    const empty = render({ title: 'empty', categories: [], series: [] });
    assert.match(empty, /<svg /);
    assert.deepEqual(bodyRows(empty), []);
  });

  it('is small: a few KB for 4 categories × 2 series', () => {
    for (const extra of [{}, { horizontal: true }]) {
      const svg = renderBarChartSvg({ title: 't', categories: axes, series: twoSeries, ...extra }, { rtl: true, formatAxis: String });
      assert.ok(Buffer.byteLength(svg) < 6000, `${Buffer.byteLength(svg)} bytes`);
    }
  });
});

describe('wrapLabel', () => {
  it('wraps at spaces and truncates with an ellipsis', () => {
    const long = 'هيئة المساواة وتكافؤ الفرص ومقاربة النوع';
    assert.deepEqual(wrapLabel('الرقمنة', 100, 2), ['الرقمنة']);
    const lines = wrapLabel(long, 80, 5);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(' '), long);
    for (const l of lines) assert.ok(textWidth(l) <= 80 || !l.includes(' '), l);
    const cut = wrapLabel(long, 80, 2);
    assert.equal(cut.length, 2);
    assert.ok(cut[1]!.endsWith('…'));
    assert.ok(textWidth(cut[1]!) <= 80);
    // a single word wider than the line is cut with an ellipsis too
    const word = wrapLabel('abcdefghijklmnopqrstuvwxyz', 50, 2);
    assert.equal(word.length, 1);
    assert.ok(word[0]!.endsWith('…') && textWidth(word[0]!) <= 50);
  });
});

describe('cleanSvg', () => {
  it('turns style attributes into presentation attributes', () => {
    const out = cleanSvg(
      '<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg"><text style="font-size:18px;font-weight:bold;" fill="#000">a</text><style>.x{}</style></svg>',
      'l',
    );
    assert.match(out, /<text font-size="18px" font-weight="bold" fill="#000">a<\/text>/);
    assert.doesNotMatch(out, /style/);
  });

  it('spells the font shorthand out: SVG has no font attribute (the Nu HTML Checker refuses it)', () => {
    const out = cleanSvg(
      `<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg"><text style="font:italic bold 18px/1.2 'Noto Sans',sans-serif">a</text><text style="font:normal normal 13px 'Noto Naskh Arabic','Noto Sans Arabic','Noto Sans','Segoe UI',Tahoma,Arial,sans-serif">ب</text></svg>`,
      'l',
    );
    assert.doesNotMatch(out, / font="/);
    assert.match(out, /<text font-family="'Noto Sans',sans-serif" font-size="18px" font-style="italic" font-weight="bold">a<\/text>/);
    // the chart's usual font is said once, on the root
    assert.match(out, /<text direction="rtl">ب<\/text>/);
  });
});

describe('charts drawn once', () => {
  it('draws a line chart once for its data and locale, whatever is below it; new data, a new drawing', () => {
    const series = [{ name: 'نسبة الإنجاز', style: 'line' as const, points: [{ date: '2025-01-31', value: 10 }, { date: '2025-06-30', value: 45.5 }] }];
    const line = (locale: Locale, values = series, below = 'table') =>
      renderPage({ locale, t: (k) => k, path: '/', area: 'public' }, <LineChart title="مؤشر" series={values} unit="%"><p>{below}</p></LineChart>);
    const drawn = svgsDrawn;
    const first = line('ar');
    assert.equal(svgsDrawn, drawn + 1);
    const again = line('ar', series, 'another table');
    assert.equal(svgsDrawn, drawn + 1, 'taken from memory');
    assert.equal(svgOf(again), svgOf(first));
    assert.match(again, /another table/);
    line('fr');
    assert.equal(svgsDrawn, drawn + 2, 'another locale, another drawing');
    const moved = line('ar', [{ ...series[0]!, points: [...series[0]!.points, { date: '2025-12-31', value: 80 }] }]);
    assert.equal(svgsDrawn, drawn + 3, 'a new value, a new drawing');
    assert.notEqual(svgOf(moved), svgOf(first));
  });

  it('draws the same chart twice on one page, so that its ids are not repeated', () => {
    const series = [{ name: 'عدد المستفيدين', style: 'line' as const, points: [{ date: '2025-01-31', value: 40 }, { date: '2025-06-30', value: 100 }] }];
    const chart = <LineChart title="مؤشر" series={series} />;
    const html = renderPage({ locale: 'ar', t: (k) => k, path: '/', area: 'public' }, <div>{chart}{chart}</div>);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length >= 2, 'the charts have ids');
    assert.equal(new Set(ids).size, ids.length, `no id twice: ${ids.join(' ')}`);
  });
});
