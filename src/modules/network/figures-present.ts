// Figures → view models for one locale: the dashboard's sections, each figure linked to the
// collectivities behind it (/{locale}/network/collectivities with the same filters), and the
// flat rows of the CSV and XLSX exports.
import type { Locale } from '../../platform/i18n/i18n.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { pick } from '../../platform/tenancy.ts';
import {
  type Behind,
  type Delayed,
  type Figures,
  type Filters,
  type NetworkFacts,
  type Participation,
  filtersQuery,
  memberKinds,
  womenShare,
} from './figures.ts';
import type { Cell, DashboardView, FilterOptions, RowView, SectionView, TableView, Text } from './views/dashboard.tsx';

export function labels(facts: NetworkFacts, locale: Locale) {
  const t = translator(locale);
  const plain = (text: string): Text => ({ text, lang: locale });
  const region = (slug: string | null): Text => {
    const r = slug ? facts.regions.find((m) => m.slug === slug) : undefined;
    return r ? pick(r.name, locale) : plain(t('network.dashboard.noRegion'));
  };
  const theme = (key: string | null): Text => {
    const th = key ? facts.themes.find((x) => x.key === key) : undefined;
    return th ? pick(th.name, locale) : plain(t('network.dashboard.notClassified'));
  };
  const bucket = (b: string) => plain(b === 'none' ? t('network.dashboard.progress.none') : `${b.replace('-', '–')}%`);
  return { t, plain, region, theme, bucket };
}

/** The participation figures shown as rows (label key, value) for totals and per region/year. */
const participationRows: [string, (p: Participation) => number | null, boolean, keyof Participation | null][] = [
  ['proposals', (p) => p.proposals, false, 'proposals'],
  ['proposalsOnline', (p) => p.proposalsOnline, false, 'proposalsOnline'],
  ['proposalsWorkshop', (p) => p.proposalsWorkshop, false, 'proposalsWorkshop'],
  ['proposalsOther', (p) => p.proposalsOther, false, 'proposalsOther'],
  ['workshops', (p) => p.workshops, false, 'workshops'],
  ['workshopAttendance', (p) => p.workshopAttendance, false, 'workshopAttendance'],
  ['meetings', (p) => p.meetings, false, 'meetings'],
  ['meetingAttendance', (p) => p.meetingAttendance, false, 'meetingAttendance'],
  ['womenShare', womenShare, true, 'women'],
  ['ballots', (p) => p.ballots, false, 'ballots'],
  ['surveyAnswers', (p) => p.surveyAnswers, false, 'surveyAnswers'],
  ['requests', (p) => p.requests, false, 'requests'],
  ['requestsAnswered', (p) => p.requestsAnswered, false, 'requestsAnswered'],
  ['requestsOnTime', (p) => p.requestsOnTime, false, 'requestsOnTime'],
];
/** the columns of the per-region and per-year tables (a phone cannot show all fourteen) */
const breakdownColumns = ['proposals', 'workshopAttendance', 'meetingAttendance', 'womenShare', 'ballots', 'surveyAnswers', 'requests', 'requestsOnTime'];

export function presentDashboard(
  facts: NetworkFacts,
  fig: Figures,
  locale: Locale,
  opts: { action: string; delayed?: Delayed[] },
): DashboardView {
  const { t, plain, region, theme, bucket } = labels(facts, locale);
  const f = fig.filters;
  const listBase = `/${locale}/network/collectivities`;
  // the list of the collectivities behind a figure: the page's filters, changed by `over`, and what the figure counts
  const behind = (b: Behind, over: Partial<Filters> = {}) => `${listBase}${filtersQuery({ ...f, ...over }, b as Record<string, string | null>)}`;
  const count = (value: number, b: Behind, over: Partial<Filters> = {}): Cell => ({ value, href: value > 0 ? behind(b, over) : undefined });
  const head = (...keys: string[]) => keys.map((k) => t(`network.dashboard.col.${k}`));

  const periods = [...new Set(facts.programmes.map((p) => `${p.startYear}-${p.endYear}`))].sort().reverse();
  const filters: FilterOptions[] = [
    { name: 'region', label: t('network.dashboard.filter.region'), all: t('network.dashboard.filter.allRegions'), options: facts.regions.map((r) => [r.slug, pick(r.name, locale).text]), value: f.region },
    { name: 'kind', label: t('network.dashboard.filter.kind'), all: t('network.dashboard.filter.allKinds'), options: memberKinds.map((k) => [k, t(`kinds.${k}`)]), value: f.kind },
    { name: 'period', label: t('network.dashboard.filter.period'), all: t('network.dashboard.filter.allPeriods'), options: periods.map((p) => [p, p.replace('-', '–')]), value: f.period },
  ];
  // a province's home links here with its slug: the field is shown (and kept) only then
  const province = f.province ? facts.members.find((m) => m.slug === f.province) : undefined;
  if (province) filters.unshift({ name: 'province', label: t('network.dashboard.filter.province'), all: t('network.dashboard.filter.allProvinces'), options: [[province.slug, pick(province.name, locale).text]], value: province.slug });

  const membersByRegion: TableView = {
    caption: t('network.dashboard.members.byRegion'),
    head: head('region', 'members'),
    rows: fig.members.byRegion.map((c) => ({ label: region(c.key), cells: [count(c.count, {}, c.key ? { region: c.key } : {})] })),
  };
  // the grid shows every region of the network, members or not
  const gridRows: RowView[] = facts.regions
    .filter((r) => !f.region || r.slug === f.region)
    .map((r) => ({ label: pick(r.name, locale), cells: [{ value: fig.members.byRegion.find((c) => c.key === r.slug)?.count ?? 0 }] }));
  const sections: SectionView[] = [
    {
      id: 'members',
      heading: t('network.dashboard.members.title'),
      lead: [t('network.dashboard.members.total', { count: fig.members.total })],
      grid: gridRows.length > 0 ? { title: t('network.dashboard.members.grid'), table: { caption: '', head: [], rows: gridRows } } : undefined,
      tables: [
        membersByRegion,
        { caption: t('network.dashboard.members.byKind'), head: head('kind', 'members'), rows: fig.members.byKind.map((c) => ({ label: plain(t(`kinds.${c.key}`)), cells: [count(c.count, {}, { kind: c.key as Filters['kind'] })] })) },
        { caption: t('network.dashboard.members.byJoiningYear'), head: head('year', 'members'), rows: fig.members.byJoiningYear.map((c) => ({ label: plain(c.key ?? t('network.dashboard.unknownYear')), cells: [count(c.count, { joined: c.key ?? 'none' })] })) },
      ],
    },
    {
      id: 'programmes',
      heading: t('network.dashboard.programmes.title'),
      lead: [t('network.dashboard.programmes.total', { count: fig.programmes.total })],
      tables: [
        { caption: t('network.dashboard.programmes.byStatus'), head: head('status', 'programmes'), rows: fig.programmes.byStatus.map((c) => ({ label: plain(t(`programme.programmeStatus.${c.key}`)), cells: [count(c.count, { status: c.key })] })) },
        { caption: t('network.dashboard.programmes.byPeriod'), head: head('period', 'programmes'), rows: fig.programmes.byPeriod.map((c) => ({ label: plain(c.key.replace('-', '–')), cells: [count(c.count, {}, { period: c.key })] })) },
      ],
    },
  ];

  const distribution: TableView = {
    caption: t('network.dashboard.progress.distribution'),
    head: head('progress', 'programmes'),
    rows: fig.progress.distribution.map((c) => ({ label: bucket(c.key), isolate: c.key !== 'none', cells: [count(c.count, { progress: c.key })] })),
  };
  const late: TableView = {
    caption: t('network.dashboard.progress.lateByTheme'),
    head: head('theme', 'late'),
    rows: fig.progress.lateByTheme.map((c) => ({ label: theme(c.key), cells: [count(c.count, { late: c.key ?? 'none' })] })),
  };
  sections.push({
    id: 'progress',
    heading: t('network.dashboard.progress.title'),
    lead: [
      f.period ? t('network.dashboard.progress.ofPeriod', { period: f.period.replace('-', '–') }) : t('network.dashboard.progress.ofCurrent'),
      t('network.dashboard.progress.onTimeRule'),
    ],
    bars: [{ title: distribution.caption, table: distribution }],
    tables: [
      distribution,
      {
        caption: t('network.dashboard.progress.onTime'),
        head: head('figure', 'value'),
        rows: [
          { label: plain(t('network.dashboard.progress.programmes')), cells: [{ value: fig.progress.programmes }] },
          { label: plain(t('network.dashboard.progress.activities')), cells: [{ value: fig.progress.activities }] },
          { label: plain(t('network.dashboard.progress.due')), cells: [{ value: fig.progress.due }] },
          { label: plain(t('network.dashboard.progress.dueDone')), cells: [{ value: fig.progress.dueDone }] },
          { label: plain(t('network.dashboard.progress.share')), cells: [{ value: fig.progress.onTimeShare, percent: true }] },
        ],
      },
      late,
    ],
  });

  const pcell = (p: Participation, key: string, b: Behind, over: Partial<Filters> = {}): Cell => {
    const row = participationRows.find((r) => r[0] === key)!;
    const value = row[1](p);
    return { value, percent: row[2], href: value && row[3] ? behind({ ...b, has: row[3] }, over) : undefined };
  };
  const totals = fig.participation.totals;
  sections.push({
    id: 'participation',
    heading: t('network.dashboard.participation.title'),
    lead: [t('network.dashboard.participation.rule')],
    tables: [
      {
        caption: t('network.dashboard.participation.totals'),
        head: head('figure', 'value'),
        rows: participationRows.map(([key]) => ({ label: plain(t(`network.dashboard.p.${key}`)), cells: [pcell(totals, key, {})] })),
      },
      {
        caption: t('network.dashboard.participation.byRegion'),
        head: [t('network.dashboard.col.region'), ...breakdownColumns.map((k) => t(`network.dashboard.p.${k}`))],
        rows: fig.participation.byRegion.map((p) => ({ label: region(p.key), cells: breakdownColumns.map((k) => pcell(p, k, {}, p.key ? { region: p.key } : {})) })),
      },
      {
        caption: t('network.dashboard.participation.byYear'),
        head: [t('network.dashboard.col.year'), ...breakdownColumns.map((k) => t(`network.dashboard.p.${k}`))],
        rows: fig.participation.byYear.map((p) => ({ label: plain(p.key), cells: breakdownColumns.map((k) => pcell(p, k, { year: p.key })) })),
      },
    ],
  });

  const themes: TableView = {
    caption: t('network.dashboard.themes.table'),
    head: head('theme', 'axes', 'members'),
    rows: fig.themes.map((c) => ({ label: theme(c.key), cells: [{ value: c.count }, count(c.collectivities, { theme: c.key ?? 'none' })] })),
  };
  sections.push({
    id: 'themes',
    heading: t('network.dashboard.themes.title'),
    lead: [t('network.dashboard.themes.rule')],
    bars: [{ title: themes.caption, table: themes }],
    tables: [themes],
  });

  const q = filtersQuery(f);
  return {
    title: t('network.dashboard.title'),
    intro: t('network.dashboard.intro'),
    rule: t('network.dashboard.demoRule'),
    action: opts.action,
    filters,
    clearHref: q ? opts.action : null,
    exports: [
      [`/${locale}/network.csv${q}`, t('network.export.csv'), 'text/csv'],
      [`/${locale}/network.xlsx${q}`, t('network.export.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [`/api/v1/network/summary${q}`, t('network.export.api'), 'application/json'],
    ],
    sections,
    delayed: opts.delayed
      ? {
          rule: t('network.dashboard.delayed.rule'),
          none: t('network.dashboard.delayed.none'),
          table: {
            caption: t('network.dashboard.delayed.title'),
            head: head('collectivity', 'period', 'late', 'daysLate', 'progress'),
            rows: opts.delayed.map((d) => ({
              label: pick(d.member.name, locale),
              href: `/${locale}/c/${d.member.slug}/dashboard`,
              cells: [{ value: null, text: `${d.programme.startYear}–${d.programme.endYear}` }, { value: d.programme.late }, { value: d.daysLate }, { value: d.programme.progress, percent: true }],
            })),
          },
        }
      : undefined,
  };
}

/** The figures as flat rows for CSV and XLSX: section, figure, key, label, value. */
export function exportRows(facts: NetworkFacts, fig: Figures, locale: Locale): [string, string, string, string, number | null][] {
  const { t, region, theme, bucket } = labels(facts, locale);
  const out: [string, string, string, string, number | null][] = [];
  out.push(['members', 'total', '', t('network.dashboard.members.title'), fig.members.total]);
  for (const c of fig.members.byRegion) out.push(['members', 'byRegion', c.key ?? '', region(c.key).text, c.count]);
  for (const c of fig.members.byKind) out.push(['members', 'byKind', c.key, t(`kinds.${c.key}`), c.count]);
  for (const c of fig.members.byJoiningYear) out.push(['members', 'byJoiningYear', c.key ?? '', c.key ?? t('network.dashboard.unknownYear'), c.count]);
  out.push(['programmes', 'total', '', t('network.dashboard.programmes.title'), fig.programmes.total]);
  for (const c of fig.programmes.byStatus) out.push(['programmes', 'byStatus', c.key, t(`programme.programmeStatus.${c.key}`), c.count]);
  for (const c of fig.programmes.byPeriod) out.push(['programmes', 'byPeriod', c.key, c.key, c.count]);
  for (const c of fig.progress.distribution) out.push(['progress', 'distribution', c.key, bucket(c.key).text, c.count]);
  for (const k of ['programmes', 'activities', 'due', 'dueDone'] as const) out.push(['progress', k, '', t(`network.dashboard.progress.${k}`), fig.progress[k]]);
  out.push(['progress', 'onTimeShare', '', t('network.dashboard.progress.share'), fig.progress.onTimeShare]);
  for (const c of fig.progress.lateByTheme) out.push(['progress', 'lateByTheme', c.key ?? '', theme(c.key).text, c.count]);
  const part = (figure: string, key: string, label: string, p: Participation) => {
    for (const [name, value] of participationRows) out.push(['participation', `${figure}.${name}`, key, label, value(p)]);
  };
  part('totals', '', '', fig.participation.totals);
  for (const p of fig.participation.byRegion) part('byRegion', p.key ?? '', region(p.key).text, p);
  for (const p of fig.participation.byYear) part('byYear', p.key, p.key, p);
  for (const c of fig.themes) {
    out.push(['themes', 'axes', c.key ?? '', theme(c.key).text, c.count]);
    out.push(['themes', 'collectivities', c.key ?? '', theme(c.key).text, c.collectivities]);
  }
  return out;
}
