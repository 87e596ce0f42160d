// Public pages: /{locale}/c/{slug}/dashboard, …/programme/cards, …/reports, …/reports/{year}
// and …/reports/{year}/versions/{n}, which follow the current programme, and the same of every
// public programme at its period's URL: …/programmes/{period}/dashboard, /cards, /reports,
// /reports/{year}[/versions/{n}] (a closed programme keeps them). All through the page cache.
//
// A report belongs to one programme (evaluation_report.programme_id). /reports lists every
// year; /reports/{year} shows the year's report of the later programme, should two programmes
// cover that year; /programmes/{period}/reports/{year} shows that programme's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { parseId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import {
  currentLinkFor,
  presentProgramme,
  programmeTreeOf,
  programmeUrls,
  publicProgrammeById,
  requirePublicProgramme,
} from '../programme/manifest.ts';
import { indicatorFigures } from './indicators.ts';
import { hasDemoProgress } from '../tracking/manifest.ts';
import { asOfDay, lateActivities, readIndicator, timelineSpan } from './model.ts';
import { publishedReports, publishedVersion, versionsOf } from './repository.ts';
import { CardsPage, DashboardPage, ReportPage, ReportsPage } from './views/public.tsx';

type Params = { locale: string; slug: string; period?: string; year?: string; n?: string };

async function place(app: FastifyInstance, request: FastifyRequest<{ Params: Params }>) {
  if (!isLocale(request.params.locale)) throw notFound();
  return requireCollectivity(app.db, request.params.slug, request);
}

/** The day a programme's lateness is counted on: today for the current programme; for one that
 *  is no longer current, the end of its period (or today, if that is earlier), so that a closed
 *  plan does not grow later every day after it was replaced. */
export const referenceDay = (programme: ProgrammeRow, today: string) =>
  Number(programme.is_current) === 1 || today < `${programme.end_year}-12-31` ? today : `${programme.end_year}-12-31`;

/** A public programme (requirePublicProgramme: the URL's period, or the current one; 404 for a
 *  draft, exactly as the matrix), presented in the request's language with lateness as of `today`. */
export async function presented(app: FastifyInstance, c: Collectivity, request: FastifyRequest, today: string, programme: ProgrammeRow) {
  const tree = await programmeTreeOf(app, c, programme);
  const base = `/${request.locale}/c/${c.slug}`;
  const view = asOfDay(presentProgramme(tree, request.locale, translator(request.locale), base), today);
  const current = await currentLinkFor(app.db, c.id, base, request.locale, programme);
  return { programme, tree, view, current, urls: programmeUrls(base, c.slug, programme), where: { name: pick(c.name, request.locale), href: base } };
}

export async function evaluationRoutes(app: FastifyInstance) {
  async function dashboard(request: FastifyRequest<{ Params: Params }>, reply: Parameters<typeof cachedPage>[1]) {
    const c = await place(app, request);
    // the cache key holds today's date (added by cachedPage): lateness changes with the day
    return cachedPage(request, reply, `dashboard:${c.id}:${c.contentVersion}`, async () => {
      const programme = await requirePublicProgramme(app.db, c.id, request.params.period);
      const now = todayInCasablanca();
      const today = referenceDay(programme, now);
      const { tree, view, where, urls, current } = await presented(app, c, request, today, programme);
      const numbers = new Map(tree.projects.map((p) => [p.id, p.number]));
      const indicators = (await indicatorFigures(app.db, c.id, tree)).map((i) => readIndicator(i, numbers.get(i.projectId) ?? 0, today));
      return (
        <DashboardPage
          place={where}
          demo={await hasDemoProgress(app.db, programme.id)}
          programme={view}
          urls={urls}
          current={current}
          today={today}
          atPeriodEnd={today !== now}
          span={timelineSpan(view, programme.start_year, programme.end_year, today)}
          late={lateActivities(view)}
          indicators={indicators}
        />
      );
    });
  }
  app.get<{ Params: Params }>('/:locale/c/:slug/dashboard', dashboard);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/dashboard', dashboard);

  // the cards of the current programme, or of any public programme at its period's URL
  async function cards(request: FastifyRequest<{ Params: Params }>, reply: Parameters<typeof cachedPage>[1]) {
    const c = await place(app, request);
    return cachedPage(request, reply, `cards:${c.id}:${c.contentVersion}`, async () => {
      const { view, where, current } = await presented(app, c, request, todayInCasablanca(), await requirePublicProgramme(app.db, c.id, request.params.period));
      return <CardsPage place={where} programme={view} current={current} />;
    });
  }
  app.get<{ Params: Params }>('/:locale/c/:slug/programme/cards', cards);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/cards', cards);

  app.get<{ Params: Params }>('/:locale/c/:slug/reports', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `reports:${c.id}:${c.contentVersion}`, async () => {
      const reports = await publishedReports(app.db, c.id, 100);
      return <ReportsPage place={{ name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` }} reports={reports} />;
    });
  });

  // the reports of one programme, at its period's URL
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/reports', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `reports:${c.id}:${c.contentVersion}`, async () => {
      const { view, where, urls, current } = await presented(app, c, request, todayInCasablanca(), await requirePublicProgramme(app.db, c.id, request.params.period));
      const reports = await publishedReports(app.db, c.id, 100, view.id);
      return <ReportsPage place={where} reports={reports} programme={{ view, urls, current }} />;
    });
  });

  const report = async (request: FastifyRequest<{ Params: Params }>, c: Collectivity, version: number | null) => {
    const year = parseId(request.params.year);
    if (year === null) throw notFound('report_not_found');
    const base = `/${request.locale}/c/${c.slug}`;
    const period = request.params.period;
    // under a programme's URL: that programme's report of the year (404 for a draft's period)
    const asked = period === undefined ? undefined : await requirePublicProgramme(app.db, c.id, period);
    const versions = await versionsOf(app.db, c.id, year, asked?.id);
    const n = version ?? versions[0]?.version;
    const found = n === undefined ? undefined : await publishedVersion(app.db, c.id, year, n, asked?.id);
    if (!found) throw notFound('report_not_found');
    // the programme it reports on, when still public, with the current one if it is another
    const programme = asked ?? (await publicProgrammeById(app.db, c.id, found.programmeId));
    const t = translator(request.locale);
    const own = programme
      ? {
          isCurrent: Number(programme.is_current) === 1,
          period: `${programme.start_year}–${programme.end_year}`,
          statusLabel: t(`programme.programmeStatus.${programme.status}`),
          urls: programmeUrls(base, c.slug, programme),
          current: await currentLinkFor(app.db, c.id, base, request.locale, programme),
        }
      : null;
    return (
      <ReportPage
        place={{ name: pick(c.name, request.locale), href: base }}
        content={found.content}
        version={n!}
        publishedAt={found.publishedAt}
        versions={versions}
        reportsHref={period === undefined ? `${base}/reports` : `${base}/programmes/${period}/reports`}
        yearHref={period === undefined ? `${base}/reports/${year}` : `${base}/programmes/${period}/reports/${year}`}
        programme={own}
      />
    );
  };

  app.get<{ Params: Params }>('/:locale/c/:slug/reports/:year', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `report:${c.id}:${c.contentVersion}`, () => report(request, c, null));
  });
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/reports/:year', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `report:${c.id}:${c.contentVersion}`, () => report(request, c, null));
  });

  for (const path of ['/:locale/c/:slug/reports/:year/versions/:n', '/:locale/c/:slug/programmes/:period/reports/:year/versions/:n']) {
    app.get<{ Params: Params }>(path, async (request, reply) => {
      const c = await place(app, request);
      const n = parseId(request.params.n);
      if (n === null) throw notFound('report_not_found');
      return cachedPage(request, reply, `report:${c.id}:${c.contentVersion}`, () => report(request, c, n));
    });
  }
}
