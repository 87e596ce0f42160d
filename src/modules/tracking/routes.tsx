// Public side: /{locale}/c/{slug}/indicators (every indicator of the current programme, with its
// chart and table) and …/programmes/{period}/indicators (of any public programme), each
// indicator's page (…/indicators/{id}, under its own programme's URL), evidence files at
// /c/{slug}/evidence/{sha256}, and the sections added to the programme's activity and project pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseId } from '../../platform/params.ts';
import type { ReadModels, Versioned } from '../../platform/read-model.ts';
import { pick, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import {
  type CurrentLink,
  type ProgrammeUrls,
  currentLinkFor,
  periodKey,
  programmeUrls,
  publicProgrammeById,
  requirePublicProgramme,
} from '../programme/manifest.ts';
import { registerPageSectionProvider } from '../programme/sections.ts';
import { metricChoices } from './metrics.ts';
import { presentIndicator, presentNotes } from './presenters.ts';
import { evidenceFile, indicatorValues, notesOf } from './repository.ts';
import { IndicatorPage, IndicatorsPage, NotesSection, ProjectIndicatorsSection, type ProgrammeRef, VALUES_PER_PAGE } from './views/public.tsx';

/** The programme an indicators page belongs to: its title and matrix, and, when it is not the
 *  current one, its period and status with a link to the current one. */
function programmeLink(programme: ProgrammeRow, urls: ProgrammeUrls, locale: Locale, current: CurrentLink | null): ProgrammeRef {
  const t = translator(locale);
  return {
    title: pickText(programme, 'title', locale),
    href: urls.matrix,
    isCurrent: Number(programme.is_current) === 1,
    period: `${programme.start_year}–${programme.end_year}`,
    statusLabel: t(`programme.programmeStatus.${programme.status}`),
    current,
  };
}

async function presentedIndicators(db: Db, collectivityId: number, programmeId: number, locale: Locale) {
  const t = translator(locale);
  const [values, choices] = await Promise.all([
    indicatorValues(db, collectivityId, programmeId, locale),
    metricChoices(db, { collectivityId, programmeId }),
  ]);
  return values.map((v) => ({ projectId: v.projectId, view: presentIndicator(v, locale, t, choices) }));
}

/** The indicators of a programme as its pages show them: their values and the metrics they
 *  follow, computed from the rows of several modules (most of a fresh render of the pages that
 *  show them). Kept per content version, locale and day (ADR 011): the indicators page, each
 *  indicator's and each project's share them. */
const keptIndicators = (readModels: ReadModels, db: Db, c: Versioned, programmeId: number, locale: Locale) =>
  readModels.get(c, `tracking:indicators:${programmeId}:${locale}:${todayInCasablanca()}`, () => presentedIndicators(db, c.id, programmeId, locale));

// The activity page lists its progress notes; the project page its indicators with their values.
// Their links stay within the page's programme (a closed one's pages are under its period).
registerPageSectionProvider(async (db, target, readModels) => {
  const t = translator(target.locale);
  const slug = target.base.split('/')[3] ?? '';
  const programme = await db.selectFrom('programme').select(['start_year', 'end_year', 'is_current']).where('collectivity_id', '=', target.collectivityId).where('id', '=', target.programmeId).executeTakeFirstOrThrow();
  const urls = programmeUrls(target.base, slug, programme);
  if ('activityId' in target) {
    const notes = await notesOf(db, target.collectivityId, target.activityId, target.before);
    if (!notes) throw notFound();
    const href = `${urls.matrix}/activities/${target.activityId}`;
    return (
      <NotesSection
        notes={presentNotes(notes.items, slug, target.locale, t)}
        firstHref={target.before ? `${href}#progress-notes` : null}
        nextHref={notes.next ? `${href}?before=${notes.next}#progress-notes` : null}
      />
    );
  }
  const all = await keptIndicators(readModels, db, { id: target.collectivityId, contentVersion: target.contentVersion }, target.programmeId, target.locale);
  return <ProjectIndicatorsSection indicators={all.filter((i) => i.projectId === target.projectId).map((i) => i.view)} allHref={urls.indicators} />;
});

/** Types an evidence file may have; anything else is never served (it cannot be stored either). */
const servedTypes = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

type Params = { locale: string; slug: string; period?: string; id?: string };

/** The public programme of an indicator (ids are global), with its project's number. */
async function ownerOf(db: Db, collectivityId: number, indicatorId: number) {
  const row = await db
    .selectFrom('indicator as i')
    .innerJoin('project as p', 'p.id', 'i.project_id')
    .select(['i.programme_id', 'p.number'])
    .where('i.collectivity_id', '=', collectivityId)
    .where('i.id', '=', indicatorId)
    .executeTakeFirst();
  const programme = row ? await publicProgrammeById(db, collectivityId, row.programme_id) : undefined;
  return row && programme ? { programme, projectNumber: row.number } : undefined;
}

export async function trackingRoutes(app: FastifyInstance) {
  const indicatorsOf = (c: Versioned, programmeId: number, locale: Locale) => keptIndicators(app.readModels, app.db, c, programmeId, locale);

  // every indicator of the current programme (/indicators) or of a public programme by period
  async function indicatorsPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug, request);
    return cachedPage(request, reply, `indicators:${c.id}:${c.contentVersion}`, async () => {
      const programme = await requirePublicProgramme(app.db, c.id, request.params.period);
      const locale = request.locale;
      const base = `/${locale}/c/${c.slug}`;
      const urls = programmeUrls(base, c.slug, programme);
      const [projects, indicators, current] = await Promise.all([
        app.db.selectFrom('project').select(['id', 'number', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).orderBy('number').execute(),
        indicatorsOf(c, programme.id, locale),
        currentLinkFor(app.db, c.id, base, locale, programme),
      ]);
      return (
        <IndicatorsPage
          place={{ name: pick(c.name, locale), href: base }}
          programme={programmeLink(programme, urls, locale, current)}
          href={urls.indicators}
          projects={projects.map((p) => ({
            number: p.number,
            title: pickText(p, 'title', locale),
            href: `${urls.matrix}/projects/${p.number}`,
            indicators: indicators.filter((i) => i.projectId === p.id).map((i) => i.view),
          }))}
        />
      );
    });
  }
  app.get<{ Params: Params }>('/:locale/c/:slug/indicators', indicatorsPage);
  app.get<{ Params: Params }>('/:locale/c/:slug/programmes/:period/indicators', indicatorsPage);

  // One indicator with every value, a page at a time (the chart and the project page list the
  // latest): `?page=` is part of the cache key. Ids are global: the indicator of a programme that
  // is no longer current redirects (308) to its programme's URL, as an activity does.
  async function indicatorPage(request: FastifyRequest<{ Params: Params; Querystring: { page?: string } }>, reply: FastifyReply) {
    if (!isLocale(request.params.locale)) throw notFound();
    const id = parseId(request.params.id);
    const page = request.query.page === undefined ? 1 : parseId(request.query.page);
    if (id === null || !page) throw notFound('indicator_not_found');
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const owner = await ownerOf(app.db, c.id, id);
    if (!owner) throw notFound('indicator_not_found');
    const locale = request.locale;
    const base = `/${locale}/c/${c.slug}`;
    const urls = programmeUrls(base, c.slug, owner.programme);
    const asked = request.params.period;
    const isHere = asked === undefined ? Number(owner.programme.is_current) === 1 : asked === periodKey(owner.programme);
    if (!isHere) return reply.redirect(`${urls.indicators}/${id}${page > 1 ? `?page=${page}` : ''}`, 308);
    return cachedPage(request, reply, `indicator:${c.id}:${c.contentVersion}:${id}:${page}`, async () => {
      const programme = owner.programme;
      const [all, current] = await Promise.all([indicatorsOf(c, programme.id, locale), currentLinkFor(app.db, c.id, base, locale, programme)]);
      const indicator = all.find((i) => i.view.id === id);
      if (!indicator) throw notFound('indicator_not_found');
      const offset = (page - 1) * VALUES_PER_PAGE;
      if (page > 1 && offset >= indicator.view.series.length) throw notFound();
      const href = `${urls.indicators}/${id}`;
      return (
        <IndicatorPage
          place={{ name: pick(c.name, locale), href: base }}
          programme={programmeLink(programme, urls, locale, current)}
          indicators={{ href: urls.indicators }}
          project={{ number: owner.projectNumber, href: `${urls.matrix}/projects/${owner.projectNumber}` }}
          indicator={indicator.view}
          page={{
            offset,
            firstHref: page > 1 ? href : null,
            nextHref: offset + VALUES_PER_PAGE < indicator.view.series.length ? `${href}?page=${page + 1}` : null,
          }}
        />
      );
    });
  }
  app.get<{ Params: Params; Querystring: { page?: string } }>('/:locale/c/:slug/indicators/:id', indicatorPage);
  app.get<{ Params: Params; Querystring: { page?: string } }>('/:locale/c/:slug/programmes/:period/indicators/:id', indicatorPage);

  // Evidence files are public. The URL names the content (SHA-256), so a year of caching is safe.
  // They are only PDF and images, checked from their bytes on upload, and sent with their stored
  // type and nosniff (and the site's CSP): a file is never run as a page of this site. A PDF is
  // a download: a PDF viewer in the browser would run its scripts and forms under our address.
  // Images were re-encoded on upload (no metadata) and are shown inline.
  app.get<{ Params: { slug: string; sha256: string } }>('/c/:slug/evidence/:sha256', async (request, reply) => {
    if (!/^[0-9a-f]{64}$/.test(request.params.sha256)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const file = await evidenceFile(app.db, c.id, request.params.sha256);
    if (!file || !servedTypes.has(file.mime)) throw notFound();
    const ascii = file.original_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return reply
      .type(file.mime)
      .header('content-disposition', `${file.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${file.sha256}"`)
      .send(Buffer.from(file.content));
  });
}
