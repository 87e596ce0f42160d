// Public pages: /{locale}/c/{slug}/programme, …/projects/{n}, …/activities/{id}.
import { parseId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { publicHistory } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { originsOf } from './origins.ts';
import { sectionsOf } from './sections.ts';
import { presentProgramme } from './presenters.ts';
import { currentProgramme, loadProgrammeTree } from './repository.ts';
import { ActivityPage, MatrixPage, ProjectCardPage } from './views/public.tsx';

type Params = { locale: string; slug: string; n?: string; id?: string };

/** Resolves the locale and collectivity of a public URL, or 404. */
async function place(app: FastifyInstance, request: FastifyRequest<{ Params: Params }>) {
  if (!isLocale(request.params.locale)) throw notFound();
  const collectivity = await requireCollectivity(app.db, request.params.slug);
  return collectivity;
}

async function presented(app: FastifyInstance, c: Collectivity, request: FastifyRequest) {
  const programme = await currentProgramme(app.db, c.id);
  if (!programme) throw notFound('programme_not_found');
  const tree = await loadProgrammeTree(app.db, c.id, programme);
  const base = `/${request.locale}/c/${c.slug}`;
  const view = presentProgramme(tree, request.locale, translator(request.locale), base);
  const where = { name: pick(c.name, request.locale), href: base };
  return { view, where };
}


/** The `?history=` of a page: a later page of its public history (an entry id), in the cache key. */
const historyCursor = (request: FastifyRequest) => parseId((request.query as { history?: string } | undefined)?.history) ?? undefined;

/** One page of a public history with its pager's links (on `href`), or 404 for a stray cursor. */
async function historyPage(app: FastifyInstance, c: Collectivity, entities: { type: string; id: number }[], href: string, before: number | undefined, limit?: number) {
  const page = await publicHistory(app.db, c.id, entities, { before, limit });
  if (!page) throw notFound();
  return {
    entries: page.items,
    firstHref: before ? `${href}#history` : null,
    nextHref: page.next ? `${href}?history=${page.next}#history` : null,
  };
}

export async function programmeRoutes(app: FastifyInstance) {
  app.get<{ Params: Params }>('/:locale/c/:slug/programme', async (request, reply) => {
    const c = await place(app, request);
    const history = historyCursor(request);
    return cachedPage(request, reply, `programme:${c.id}:${c.contentVersion}:${history ?? ''}`, async () => {
      const { view, where } = await presented(app, c, request);
      // changes to the programme itself and to its axes; projects and activities show their own
      const entities = [{ type: 'programme', id: view.id }, ...view.axes.map((a) => ({ type: 'axis', id: a.id }))];
      const historyView = await historyPage(app, c, entities, `${where.href}/programme`, history, 20);
      return <MatrixPage place={where} programme={view} history={historyView} />;
    });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/programme/projects/:n', async (request, reply) => {
    const c = await place(app, request);
    const n = parseId(request.params.n);
    if (n === null) throw notFound('project_not_found');
    const history = historyCursor(request);
    return cachedPage(request, reply, `project:${c.id}:${c.contentVersion}:${history ?? ''}`, async () => {
      const { view, where } = await presented(app, c, request);
      const project = view.axes.flatMap((a) => a.projects).find((p) => p.number === n);
      if (!project) throw notFound('project_not_found');
      const historyView = await historyPage(app, c, [
        { type: 'project', id: project.id },
        ...project.activities.map((a) => ({ type: 'activity', id: a.id })),
        ...project.indicators.map((i) => ({ type: 'indicator', id: i.id })),
      ], project.href, history);
      const origins = await originsOf(app.db, c.id, { projectId: project.id }, where.href);
      const sections = await sectionsOf(app.db, { collectivityId: c.id, programmeId: view.id, locale: request.locale, base: where.href, projectId: project.id });
      return <ProjectCardPage place={where} programme={view} project={project} history={historyView} origins={origins} sections={sections} />;
    });
  });

  app.get<{ Params: Params; Querystring: { before?: string; history?: string } }>('/:locale/c/:slug/programme/activities/:id', async (request, reply) => {
    const c = await place(app, request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('activity_not_found');
    // a later page of the activity's progress notes: the page is part of the cache key
    const before = parseId(request.query.before) ?? undefined;
    const history = historyCursor(request);
    return cachedPage(request, reply, `activity:${c.id}:${c.contentVersion}:${before ?? ''}:${history ?? ''}`, async () => {
      const { view, where } = await presented(app, c, request);
      for (const axis of view.axes) {
        for (const project of axis.projects) {
          const activity = project.activities.find((a) => a.id === id);
          if (!activity) continue;
          const historyView = await historyPage(app, c, [{ type: 'activity', id }], `${where.href}/programme/activities/${id}`, history);
          const origins = await originsOf(app.db, c.id, { activityId: id }, where.href);
          const sections = await sectionsOf(app.db, { collectivityId: c.id, programmeId: view.id, locale: request.locale, base: where.href, activityId: id, before });
          return <ActivityPage place={where} programme={view} axis={axis} project={project} activity={activity} history={historyView} origins={origins} sections={sections} />;
        }
      }
      throw notFound('activity_not_found');
    });
  });
}
