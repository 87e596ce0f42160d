// Public pages: /{locale}/c/{slug}/dashboard, …/programme/cards, …/reports, …/reports/{year}
// and …/reports/{year}/versions/{n}; all served through the page cache.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { parseId } from '../../platform/params.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { currentProgramme, loadProgrammeTree, presentProgramme, publicProgrammeOfPeriodKey } from '../programme/manifest.ts';
import { indicatorFigures } from './indicators.ts';
import { hasDemoProgress } from '../tracking/manifest.ts';
import { asOfDay, lateActivities, readIndicator, timelineSpan } from './model.ts';
import { publishedReports, publishedVersion, versionsOf } from './repository.ts';
import { CardsPage, DashboardPage, ReportPage, ReportsPage } from './views/public.tsx';

type Params = { locale: string; slug: string; year?: string; n?: string };

async function place(app: FastifyInstance, request: FastifyRequest<{ Params: Params }>) {
  if (!isLocale(request.params.locale)) throw notFound();
  return requireCollectivity(app.db, request.params.slug);
}

/** The current programme, presented in the request's language with lateness as of `today`. */
export async function presented(app: FastifyInstance, c: Collectivity, request: FastifyRequest, today: string) {
  const programme = await currentProgramme(app.db, c.id);
  if (!programme) throw notFound('programme_not_found');
  const tree = await loadProgrammeTree(app.db, c.id, programme);
  const base = `/${request.locale}/c/${c.slug}`;
  const view = asOfDay(presentProgramme(tree, request.locale, translator(request.locale), base), today);
  return { programme, tree, view, where: { name: pick(c.name, request.locale), href: base } };
}

export async function evaluationRoutes(app: FastifyInstance) {
  app.get<{ Params: Params }>('/:locale/c/:slug/dashboard', async (request, reply) => {
    const c = await place(app, request);
    // the cache key holds today's date (added by cachedPage): lateness changes with the day
    return cachedPage(request, reply, `dashboard:${c.id}:${c.contentVersion}`, async () => {
      const today = todayInCasablanca();
      const { programme, tree, view, where } = await presented(app, c, request, today);
      const numbers = new Map(tree.projects.map((p) => [p.id, p.number]));
      const indicators = (await indicatorFigures(app.db, c.id, tree)).map((i) => readIndicator(i, numbers.get(i.projectId) ?? 0, today));
      return (
        <DashboardPage
          place={where}
          demo={await hasDemoProgress(app.db, c.id, programme.id)}
          programme={view}
          today={today}
          span={timelineSpan(view, programme.start_year, programme.end_year, today)}
          late={lateActivities(view)}
          indicators={indicators}
        />
      );
    });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/programme/cards', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `cards:${c.id}:${c.contentVersion}`, async () => {
      const { view, where } = await presented(app, c, request, todayInCasablanca());
      return <CardsPage place={where} programme={view} />;
    });
  });

  // the cards of any public programme, at its period's URL (a closed programme keeps them)
  app.get<{ Params: Params & { period: string } }>('/:locale/c/:slug/programmes/:period/cards', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `cards:${c.id}:${c.contentVersion}`, async () => {
      const programme = await publicProgrammeOfPeriodKey(app.db, c.id, request.params.period);
      if (!programme) throw notFound('programme_not_found');
      const base = `/${request.locale}/c/${c.slug}`;
      const tree = await loadProgrammeTree(app.db, c.id, programme);
      const view = presentProgramme(tree, request.locale, translator(request.locale), base);
      return <CardsPage place={{ name: pick(c.name, request.locale), href: base }} programme={view} />;
    });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/reports', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `reports:${c.id}:${c.contentVersion}`, async () => {
      const reports = await publishedReports(app.db, c.id, 100);
      return <ReportsPage place={{ name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` }} reports={reports} />;
    });
  });

  const report = async (request: FastifyRequest<{ Params: Params }>, c: Collectivity, version: number | null) => {
    const year = parseId(request.params.year);
    if (year === null) throw notFound('report_not_found');
    const versions = await versionsOf(app.db, c.id, year);
    const n = version ?? versions[0]?.version;
    const found = n === undefined ? undefined : await publishedVersion(app.db, c.id, year, n);
    if (!found) throw notFound('report_not_found');
    const base = `/${request.locale}/c/${c.slug}`;
    return (
      <ReportPage
        place={{ name: pick(c.name, request.locale), href: base }}
        content={found.content}
        version={n!}
        publishedAt={found.publishedAt}
        versions={versions}
        yearHref={`${base}/reports/${year}`}
      />
    );
  };

  app.get<{ Params: Params }>('/:locale/c/:slug/reports/:year', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `report:${c.id}:${c.contentVersion}`, () => report(request, c, null));
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/reports/:year/versions/:n', async (request, reply) => {
    const c = await place(app, request);
    const n = parseId(request.params.n);
    if (n === null) throw notFound('report_not_found');
    return cachedPage(request, reply, `report:${c.id}:${c.contentVersion}`, () => report(request, c, n));
  });
}
