// Public side: /{locale}/c/{slug}/indicators (every indicator of the current programme, with its
// chart and table), evidence files at /c/{slug}/evidence/{sha256}, and the sections added to the
// programme's activity and project pages.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseId } from '../../platform/params.ts';
import { pick, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import { currentProgramme } from '../programme/repository.ts';
import { registerPageSectionProvider } from '../programme/sections.ts';
import { metricChoices } from './metrics.ts';
import { presentIndicator, presentNotes } from './presenters.ts';
import { evidenceFile, indicatorValues, notesOf } from './repository.ts';
import { IndicatorPage, IndicatorsPage, NotesSection, ProjectIndicatorsSection, VALUES_PER_PAGE } from './views/public.tsx';

async function presentedIndicators(db: Db, collectivityId: number, programmeId: number, locale: Locale) {
  const t = translator(locale);
  const [values, choices] = await Promise.all([
    indicatorValues(db, collectivityId, programmeId, locale),
    metricChoices(db, { collectivityId, programmeId }),
  ]);
  return values.map((v) => ({ projectId: v.projectId, view: presentIndicator(v, locale, t, choices) }));
}

// The activity page lists its progress notes; the project page its indicators with their values.
registerPageSectionProvider(async (db, target) => {
  const t = translator(target.locale);
  const slug = target.base.split('/')[3] ?? '';
  if ('activityId' in target) {
    const notes = await notesOf(db, target.collectivityId, target.activityId, target.before);
    if (!notes) throw notFound();
    const href = `${target.base}/programme/activities/${target.activityId}`;
    return (
      <NotesSection
        notes={presentNotes(notes.items, slug, target.locale, t)}
        firstHref={target.before ? `${href}#progress-notes` : null}
        nextHref={notes.next ? `${href}?before=${notes.next}#progress-notes` : null}
      />
    );
  }
  const all = await presentedIndicators(db, target.collectivityId, target.programmeId, target.locale);
  return <ProjectIndicatorsSection indicators={all.filter((i) => i.projectId === target.projectId).map((i) => i.view)} allHref={`${target.base}/indicators`} />;
});

/** Types an evidence file may have; anything else is never served (it cannot be stored either). */
const servedTypes = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

export async function trackingRoutes(app: FastifyInstance) {
  app.get<{ Params: { locale: string; slug: string } }>('/:locale/c/:slug/indicators', async (request, reply) => {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
    return cachedPage(request, reply, `indicators:${c.id}:${c.contentVersion}`, async () => {
      const programme = await currentProgramme(app.db, c.id);
      if (!programme) throw notFound('programme_not_found');
      const locale = request.locale;
      const base = `/${locale}/c/${c.slug}`;
      const [projects, indicators] = await Promise.all([
        app.db.selectFrom('project').select(['id', 'number', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).orderBy('number').execute(),
        presentedIndicators(app.db, c.id, programme.id, locale),
      ]);
      return (
        <IndicatorsPage
          place={{ name: pick(c.name, locale), href: base }}
          programme={{ title: pickText(programme, 'title', locale), href: `${base}/programme` }}
          href={`${base}/indicators`}
          projects={projects.map((p) => ({
            number: p.number,
            title: pickText(p, 'title', locale),
            href: `${base}/programme/projects/${p.number}`,
            indicators: indicators.filter((i) => i.projectId === p.id).map((i) => i.view),
          }))}
        />
      );
    });
  });

  // One indicator with every value, a page at a time (the chart and the project page list the
  // latest): `?page=` is part of the cache key.
  app.get<{ Params: { locale: string; slug: string; id: string }; Querystring: { page?: string } }>('/:locale/c/:slug/indicators/:id', async (request, reply) => {
    if (!isLocale(request.params.locale)) throw notFound();
    const id = parseId(request.params.id);
    const page = request.query.page === undefined ? 1 : parseId(request.query.page);
    if (id === null || !page) throw notFound('indicator_not_found');
    const c = await requireCollectivity(app.db, request.params.slug);
    return cachedPage(request, reply, `indicator:${c.id}:${c.contentVersion}:${id}:${page}`, async () => {
      const programme = await currentProgramme(app.db, c.id);
      if (!programme) throw notFound('programme_not_found');
      const locale = request.locale;
      const indicator = (await presentedIndicators(app.db, c.id, programme.id, locale)).find((i) => i.view.id === id);
      if (!indicator) throw notFound('indicator_not_found');
      const offset = (page - 1) * VALUES_PER_PAGE;
      if (page > 1 && offset >= indicator.view.series.length) throw notFound();
      const project = await app.db.selectFrom('project').select('number').where('collectivity_id', '=', c.id).where('id', '=', indicator.projectId).executeTakeFirstOrThrow();
      const base = `/${locale}/c/${c.slug}`;
      const href = `${base}/indicators/${id}`;
      return (
        <IndicatorPage
          place={{ name: pick(c.name, locale), href: base }}
          programme={{ title: pickText(programme, 'title', locale), href: `${base}/programme` }}
          indicators={{ href: `${base}/indicators` }}
          project={{ number: project.number, href: `${base}/programme/projects/${project.number}` }}
          indicator={indicator.view}
          page={{
            offset,
            firstHref: page > 1 ? href : null,
            nextHref: offset + VALUES_PER_PAGE < indicator.view.series.length ? `${href}?page=${page + 1}` : null,
          }}
        />
      );
    });
  });

  // Evidence files are public. The URL names the content (SHA-256), so a year of caching is safe.
  // They are only PDF and images, checked from their bytes on upload, and sent with their stored
  // type and nosniff (and the site's CSP): a file is never run as a page of this site. A PDF is
  // a download: a PDF viewer in the browser would run its scripts and forms under our address.
  // Images were re-encoded on upload (no metadata) and are shown inline.
  app.get<{ Params: { slug: string; sha256: string } }>('/c/:slug/evidence/:sha256', async (request, reply) => {
    if (!/^[0-9a-f]{64}$/.test(request.params.sha256)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug);
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
