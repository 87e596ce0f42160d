// The network's view:
//   GET /{locale}/network                      the national dashboard (public, page cache), ?region=&kind=&period=
//   GET /{locale}/network/collectivities       the collectivities behind a figure: the same filters and what it counts
//   GET /{locale}/network.csv | .xlsx          the dashboard's figures with the same filters
//   GET /admin/network                         the back-office twin (network.view): the same, and the 20 most delayed programmes
// Figures come from figures.ts (networkFacts, kept up to date; figuresOf); each read of the facts
// (its generation) keys the cached pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { spreadsheetSafe } from '../../platform/spreadsheet-safe.ts';
import { pick } from '../../platform/tenancy.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  type Behind,
  type Filters,
  collectivitiesBehind,
  figuresOf,
  filtersOf,
  filtersQuery,
  mostDelayed,
  networkFacts,
  noFilters,
  participationFields,
  programmeStatuses,
  progressBuckets,
} from './figures.ts';
import { exportRows, labels, presentDashboard } from './figures-present.ts';
import { CollectivitiesPage, CommunesBlock, DashboardPage } from './views/dashboard.tsx';

function localeOf(request: FastifyRequest<{ Params: { locale: string } }>): Locale {
  if (!isLocale(request.params.locale)) throw notFound();
  return request.params.locale;
}

const behindKeys = ['joined', 'status', 'progress', 'theme', 'late', 'has', 'year'] as const;
const yearValue = /^\d{4}$/;
const themeValue = /^[a-z0-9_]{1,60}$/;
// what each criterion may be; anything else is ignored (theme keys are checked against the taxonomy)
const allowed: Record<(typeof behindKeys)[number], (v: string) => boolean> = {
  joined: (v) => v === 'none' || yearValue.test(v),
  status: (v) => (programmeStatuses as readonly string[]).includes(v),
  progress: (v) => v === 'none' || (progressBuckets as readonly string[]).includes(v),
  theme: (v) => themeValue.test(v),
  late: (v) => themeValue.test(v),
  has: (v) => (participationFields as readonly string[]).includes(v),
  year: (v) => yearValue.test(v),
};

function behindOf(query: unknown): Behind {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: Behind = {};
  for (const k of behindKeys) {
    const v = q[k];
    if (typeof v === 'string' && allowed[k](v)) out[k] = v;
  }
  return out;
}

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { locale: string } }>('/:locale/network', async (request, reply) => {
    const locale = localeOf(request);
    const f = filtersOf(request.query);
    const facts = await networkFacts(app.db, app.config.networkFreshMs);
    return cachedPage(request, reply, `network-dashboard:${facts.generation}:${filtersQuery(f)}`, async () => {
      const view = presentDashboard(facts, figuresOf(facts, f), locale, { action: `/${locale}/network` });
      view.crumbs = [[translator(locale)('layout.network'), `/${locale}/`], [view.title]];
      return <DashboardPage view={view} />;
    });
  });

  app.get<{ Params: { locale: string } }>('/:locale/network/collectivities', async (request, reply) => {
    const locale = localeOf(request);
    const f = filtersOf(request.query);
    const b = behindOf(request.query);
    const facts = await networkFacts(app.db, app.config.networkFreshMs);
    return cachedPage(request, reply, `network-list:${facts.generation}:${filtersQuery(f, b as Record<string, string>)}`, async () => {
      const { t, region, theme, bucket } = labels(facts, locale);
      // a theme the taxonomy does not have names nothing: 404 rather than an empty list
      for (const k of ['theme', 'late'] as const) if (b[k] && b[k] !== 'none' && !facts.themes.some((x) => x.key === b[k])) throw notFound();
      const members = collectivitiesBehind(facts, f, b);
      const criteria: string[] = [];
      if (f.region) criteria.push(`${t('network.dashboard.filter.region')}: ${region(f.region).text}`);
      if (f.province) {
        const p = facts.members.find((m) => m.slug === f.province);
        if (p) criteria.push(`${t('network.dashboard.filter.province')}: ${pick(p.name, locale).text}`);
      }
      if (f.kind) criteria.push(`${t('network.dashboard.filter.kind')}: ${t(`kinds.${f.kind}`)}`);
      if (f.period) criteria.push(`${t('network.dashboard.filter.period')}: ${f.period.replace('-', '–')}`);
      if (b.joined) criteria.push(`${t('network.dashboard.col.year')}: ${b.joined === 'none' ? t('network.dashboard.unknownYear') : b.joined}`);
      if (b.status) criteria.push(`${t('network.dashboard.col.status')}: ${t(`programme.programmeStatus.${b.status}`)}`);
      if (b.progress) criteria.push(`${t('network.dashboard.col.progress')}: ${bucket(b.progress).text}`);
      if (b.theme) criteria.push(`${t('network.dashboard.col.theme')}: ${theme(b.theme === 'none' ? null : b.theme).text}`);
      if (b.late) criteria.push(`${t('network.dashboard.col.late')}: ${theme(b.late === 'none' ? null : b.late).text}`);
      if (b.has) criteria.push(`${t('network.dashboard.list.has')}: ${t(`network.dashboard.p.${b.has === 'women' ? 'womenShare' : b.has}`)}`);
      if (b.year) criteria.push(`${t('network.dashboard.col.year')}: ${b.year}`);
      return (
        <CollectivitiesPage
          title={t('network.dashboard.list.title')}
          summary={t('network.dashboard.list.count', { count: members.length })}
          criteria={criteria}
          items={members.map((m) => ({
            name: pick(m.name, locale),
            href: `/${locale}/c/${m.slug}`,
            kind: m.kind,
            region: m.regionId !== null && m.regionId !== m.id ? region(facts.byId.get(m.regionId)?.slug ?? null) : null,
          }))}
          back={`/${locale}/network${filtersQuery(f)}`}
        />
      );
    });
  });

  const download = async (request: FastifyRequest<{ Params: { locale: string } }>, reply: FastifyReply, format: 'csv' | 'xlsx') => {
    const locale = localeOf(request);
    const f = filtersOf(request.query);
    const facts = await networkFacts(app.db, app.config.networkFreshMs);
    const rows = exportRows(facts, figuresOf(facts, f), locale);
    const t = translator(locale);
    const header = ['section', 'figure', 'key', 'label', 'value'].map((k) => t(`network.export.col.${k}`));
    const body = rows.map((r) => r.map((v) => spreadsheetSafe(v)));
    const name = `network${f.region ? `-${f.region}` : ''}${f.kind ? `-${f.kind}` : ''}${f.period ? `-${f.period}` : ''}.${format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(stringify([header, ...body], { bom: true }));
    // loaded on first use: exceljs takes seconds to load
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Infitah';
    const sheet = workbook.addWorksheet('network', { views: [{ rightToLeft: locale === 'ar', state: 'frozen', ySplit: 1 }] });
    sheet.columns = [16, 28, 24, 40, 12].map((width) => ({ width }));
    sheet.addRow(header).font = { bold: true };
    for (const row of body) sheet.addRow(row);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await workbook.xlsx.writeBuffer()));
  };
  app.get<{ Params: { locale: string } }>('/:locale/network.csv', (request, reply) => download(request, reply, 'csv'));
  app.get<{ Params: { locale: string } }>('/:locale/network.xlsx', (request, reply) => download(request, reply, 'xlsx'));

  // The twin: rendered for each request (it is not a public page), with the delayed programmes.
  app.get('/admin/network', { config: { permission: 'network.view' } }, async (request, reply) => {
    const locale = request.locale;
    const f = filtersOf(request.query);
    const facts = await networkFacts(app.db, app.config.networkFreshMs);
    const view = presentDashboard(facts, figuresOf(facts, f), locale, { action: '/admin/network', delayed: mostDelayed(facts, f, 20) });
    const t = translator(locale);
    view.title = t('network.dashboard.adminTitle');
    view.crumbs = [[t('layout.adminDashboard'), '/admin'], [view.title]];
    return reply.page(<DashboardPage view={view} />);
  });
}

/**
 * The block on a region's or province's home: its communes' totals, from the same figures.
 * Returns the part of the page's cache key it needs (the facts' generation: the communes' writes
 * do not bump the region's own content version) and a render function.
 */
export async function communesBlockOf(db: Db, c: { slug: string; kind: string }, freshMs: number) {
  if (!['region', 'province', 'prefecture'].includes(c.kind)) return null;
  const facts = await networkFacts(db, freshMs);
  return {
    key: facts.generation,
    async render(locale: Locale) {
      const f: Filters = { ...noFilters, kind: 'commune', ...(c.kind === 'region' ? { region: c.slug } : { province: c.slug }) };
      const fig = figuresOf(facts, f);
      if (fig.members.total === 0) return null;
      const t = translator(locale);
      const p = fig.participation.totals;
      const q = filtersQuery(f);
      return (
        <CommunesBlock
          heading={t('network.dashboard.block.title')}
          rows={[
            [t('network.dashboard.block.communes'), { value: fig.members.total, href: `/${locale}/network/collectivities${q}` }],
            [t('network.dashboard.progress.programmes'), { value: fig.progress.programmes }],
            [t('network.dashboard.progress.share'), { value: fig.progress.onTimeShare, percent: true }],
            [t('network.dashboard.p.proposals'), { value: p.proposals }],
            [t('network.dashboard.p.ballots'), { value: p.ballots }],
            [t('network.dashboard.p.requestsOnTime'), { value: p.requestsOnTime }],
          ]}
          more={t('network.dashboard.block.more')}
          moreHref={`/${locale}/network${q}`}
        />
      );
    },
  };
}
