// Public pages of the programmes. Every public programme (consultation, adopted, in
// implementation, closed, archived) lives under /{locale}/c/{slug}/programmes/{period}/…;
// /programme/… is the current one. Old links keep working: an activity (ids are global) or a
// project number the current programme does not have redirects (308) to its programme's URL.
import { parseId } from '../../platform/params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicHistory } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { planScope } from '../../platform/read-model.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { type Collectivity, pick, requireCollectivity } from '../../platform/tenancy.ts';
import { originsOf } from './origins.ts';
import { sectionsOf } from './sections.ts';
import { presentProgramme, programmePath } from './presenters.ts';
import { isPublic } from './progress.ts';
import { currentLinkFor, programmeUrls } from './public-programme.ts';
import { programmeTreeOf, requirePublicProgrammeOf } from './read-models.ts';
import {
  carryLinks,
  earlierProgrammeWithProject,
  listProgrammes,
  programmeOfActivity,
} from './repository.ts';
import { progressIsExample } from './origins.ts';
import { ActivityPage, type Carried, MatrixPage, ProgrammeHistoryPage, ProgrammesPage, ProjectCardPage } from './views/public.tsx';

type Params = { locale: string; slug: string; period?: string; n?: string; id?: string };

/** Resolves the locale and collectivity of a public URL, or 404. */
async function place(app: FastifyInstance, request: FastifyRequest<{ Params: Params }>) {
  if (!isLocale(request.params.locale)) throw notFound();
  return requireCollectivity(app.db, request.params.slug, request);
}

/** The programme a URL names: its period, or the current one (when it is public). */
const programmeOf = (app: FastifyInstance, c: Collectivity, period: string | undefined): Promise<ProgrammeRow> =>
  requirePublicProgrammeOf(app, c, period);

async function presented(app: FastifyInstance, c: Collectivity, request: FastifyRequest, programme: ProgrammeRow) {
  const base = `/${request.locale}/c/${c.slug}`;
  // the matrix, the project and the activity pages of a programme show one view per locale and
  // day (lateness is counted in days): presented once per content version
  const view = await app.readModels.get(planScope(c), `plan:programme-view:${programme.id}:${request.locale}:${todayInCasablanca()}`, async () =>
    presentProgramme(await programmeTreeOf(app, c, programme), request.locale, translator(request.locale), base),
  );
  const where = { name: pick(c.name, request.locale), href: base };
  const currentLink = await currentLinkFor(app.db, c.id, base, request.locale, programme);
  return { view, where, currentLink, urls: programmeUrls(base, c.slug, programme) };
}

const periodUrl = (request: FastifyRequest<{ Params: Params }>, c: Collectivity, p: { start_year: number; end_year: number; is_current: number }) =>
  `/${request.locale}/c/${c.slug}${programmePath(p)}`;

/** The `?history=` of a page: a later page of its public history (an entry id), in the cache key. */
const historyCursor = (request: FastifyRequest) => parseId((request.query as { history?: string } | undefined)?.history) ?? undefined;

/** One page of a public history with its pager's links (on `href`), or 404 for a stray cursor. */
async function historyPage(
  app: FastifyInstance,
  c: Collectivity,
  entities: { type: string; id: number }[],
  href: string,
  before: number | undefined,
  limit?: number,
  programme?: { programmeId: number; types: string[] },
) {
  const scope = programme ? `${programme.programmeId}:${programme.types.join(',')}` : entities.map((e) => `${e.type}${e.id}`).join(',');
  const page = await app.readModels.get(planScope(c), `plan:history:${scope}:${before ?? ''}:${limit ?? ''}`, () =>
    publicHistory(app.db, c.id, entities, { before, limit, programme }),
  );
  if (!page) throw notFound();
  return {
    entries: page.items,
    firstHref: before ? `${href}#history` : null,
    nextHref: page.next ? `${href}?history=${page.next}#history` : null,
  };
}

/** A programme's whole history: every change since adoption to it, its axes, projects, activities
 *  and indicators. */
const wholeProgramme = (programmeId: number) => ({ programmeId, types: ['programme', 'axis', 'project', 'activity', 'indicator'] });

export async function programmeRoutes(app: FastifyInstance) {
  async function matrix(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const c = await place(app, request);
    // a later page of the history was paged here before it had a page of its own
    const history = historyCursor(request);
    if (history !== undefined) {
      const programme = await programmeOf(app, c, request.params.period);
      return reply.redirect(`${programmeUrls(`/${request.locale}/c/${c.slug}`, c.slug, programme).history}?history=${history}#history`, 308);
    }
    return cachedPage(request, reply, `programme:${c.id}:${c.planVersion}`, async () => {
      const programme = await programmeOf(app, c, request.params.period);
      const { view, where, currentLink, urls } = await presented(app, c, request, programme);
      // the latest changes; the rest on the history's page (a phone reads the plan first)
      const historyView = await historyPage(app, c, [], urls.history, undefined, 5, wholeProgramme(view.id));
      const example = await app.readModels.get(planScope(c), `plan:example-progress:${view.id}`, () => progressIsExample(app.db, view.id));
      return <MatrixPage place={where} programme={view} urls={urls} history={historyView} current={currentLink} example={example} />;
    });
  }

  async function programmeHistory(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const c = await place(app, request);
    const history = historyCursor(request);
    return cachedPage(request, reply, `programme-history:${c.id}:${c.planVersion}:${history ?? ''}`, async () => {
      const programme = await programmeOf(app, c, request.params.period);
      const { view, where, currentLink, urls } = await presented(app, c, request, programme);
      const historyView = await historyPage(app, c, [], urls.history, history, undefined, wholeProgramme(view.id));
      return <ProgrammeHistoryPage place={where} programme={view} urls={urls} history={historyView} current={currentLink} />;
    });
  }

  async function project(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const c = await place(app, request);
    const n = parseId(request.params.n);
    if (n === null) throw notFound('project_not_found');
    const programme = await programmeOf(app, c, request.params.period).catch(() => null);
    const has = programme
      ? await app.db.selectFrom('project').select('id').where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).where('number', '=', n).executeTakeFirst()
      : undefined;
    if (!has) {
      // a short link to a project the current programme does not have: the latest earlier one that does
      const earlier = request.params.period === undefined ? await earlierProgrammeWithProject(app.db, c.id, n) : undefined;
      if (earlier) return reply.redirect(`/${request.locale}/c/${c.slug}/programmes/${earlier.start_year}-${earlier.end_year}/projects/${n}`, 308);
      throw notFound('project_not_found');
    }
    const history = historyCursor(request);
    return cachedPage(request, reply, `project:${c.id}:${c.planVersion}:${history ?? ''}`, async () => {
      const { view, where, currentLink } = await presented(app, c, request, programme!);
      const project = view.axes.flatMap((a) => a.projects).find((p) => p.number === n);
      if (!project) throw notFound('project_not_found');
      const historyView = await historyPage(app, c, [
        { type: 'project', id: project.id },
        ...project.activities.map((a) => ({ type: 'activity', id: a.id })),
        ...project.indicators.map((i) => ({ type: 'indicator', id: i.id })),
      ], project.href, history);
      const origins = await originsOf(app.db, c.id, { projectId: project.id }, where.href);
      const sections = await sectionsOf(app.db, { collectivityId: c.id, contentVersion: c.contentVersion, programmeId: view.id, locale: request.locale, base: where.href, projectId: project.id }, app.readModels);
      return <ProjectCardPage place={where} programme={view} project={project} history={historyView} origins={origins} sections={sections} current={currentLink} />;
    });
  }

  async function activity(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const c = await place(app, request);
    const id = parseId(request.params.id);
    if (id === null) throw notFound('activity_not_found');
    // ids are global: a link to an activity always finds its programme, which may have moved on
    const owner = await programmeOfActivity(app.db, c.id, id);
    if (!owner) throw notFound('activity_not_found');
    const asked = request.params.period;
    const own = `${owner.start_year}-${owner.end_year}`;
    const isHere = asked === undefined ? Number(owner.is_current) === 1 : asked === own;
    if (!isHere) return reply.redirect(`${periodUrl(request, c, owner)}/activities/${id}`, 308);
    // a later page of the activity's progress notes: the page is part of the cache key
    const before = parseId((request.query as { before?: string }).before) ?? undefined;
    const history = historyCursor(request);
    return cachedPage(request, reply, `activity:${c.id}:${c.planVersion}:${before ?? ''}:${history ?? ''}`, async () => {
      const programme = await programmeOf(app, c, asked);
      const { view, where, currentLink } = await presented(app, c, request, programme);
      for (const axis of view.axes) {
        for (const project of axis.projects) {
          const activity = project.activities.find((a) => a.id === id);
          if (!activity) continue;
          const historyView = await historyPage(app, c, [{ type: 'activity', id }], activity.href, history);
          const origins = await originsOf(app.db, c.id, { activityId: id }, where.href);
          const sections = await sectionsOf(app.db, { collectivityId: c.id, contentVersion: c.contentVersion, programmeId: view.id, locale: request.locale, base: where.href, activityId: id, before }, app.readModels);
          const links = await carryLinks(app.db, c.id, [id]);
          const toLink = (l: { otherId: number; start_year: number; end_year: number; status: string }): Carried | null =>
            isPublic(l.status) ? { period: `${l.start_year}–${l.end_year}`, href: `${where.href}/programmes/${l.start_year}-${l.end_year}/activities/${l.otherId}` } : null;
          const carried = {
            from: links.from.map(toLink).filter((l): l is Carried => l !== null),
            to: links.to.map(toLink).filter((l): l is Carried => l !== null),
          };
          return (
            <ActivityPage place={where} programme={view} axis={axis} project={project} activity={activity} history={historyView} origins={origins} sections={sections} current={currentLink} carried={carried} />
          );
        }
      }
      throw notFound('activity_not_found');
    });
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/programme', matrix);
  app.get<{ Params: Params }>('/:locale/c/:slug/programme/history', programmeHistory);
  app.get<{ Params: Params }>('/:locale/c/:slug/programme/projects/:n', project);
  app.get<{ Params: Params }>('/:locale/c/:slug/programme/activities/:id', activity);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period', matrix);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/history', programmeHistory);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/projects/:n', project);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/activities/:id', activity);

  // every public programme of the collectivity, the current one first
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes', async (request, reply) => {
    const c = await place(app, request);
    return cachedPage(request, reply, `programmes:${c.id}:${c.planVersion}`, async () => {
      const t = translator(request.locale);
      const base = `/${request.locale}/c/${c.slug}`;
      const rows = await listProgrammes(app.db, c.id);
      const items = rows.map((p) => ({
        title: pick({ ar: p.title_ar, fr: p.title_fr, en: p.title_en }, request.locale),
        period: `${p.start_year}–${p.end_year}`,
        href: `${base}/programmes/${p.start_year}-${p.end_year}`,
        statusLabel: t(`programme.programmeStatus.${p.status}`),
        isCurrent: Number(p.is_current) === 1,
        adoptionDate: p.adoption_date,
      }));
      return <ProgrammesPage place={{ name: pick(c.name, request.locale), href: base }} items={items} />;
    });
  });
}
