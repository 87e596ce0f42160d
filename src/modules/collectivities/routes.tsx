// GET /{locale}/ (the network), /{locale}/c/{slug} (a collectivity), /api/v1/collectivities.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectivitySchema, l10n } from '../../platform/api-schemas.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { pick, pickPresent, requireCollectivity } from '../../platform/tenancy.ts';
import { type ProgrammeSummary, programmeSummaries } from '../programme/manifest.ts';
import { readFor } from '../../platform/held-reads.ts';
import { childrenOf, collectivityPageVersions, listCollectivities, parentOf } from './repository.ts';
import { publishedReports } from '../evaluation/manifest.ts';
import { communesBlockOf } from '../network/manifest.ts';
import { AnnouncementsPage, CollectivityPage, type HappeningView, NetworkPage, type ProgrammeCard } from './views/pages.tsx';
import { type Happening, announcements, openNowCached } from './happenings.ts';
import { atomXml } from '../../platform/atom.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';

const PAGE_SIZE = 24;
const ANNOUNCEMENTS_PAGE = 20;
/** an announcements cursor: `date|kind:id` */
const cursorPattern = /^[\dT:.Z-]{10,30}\|[\w-]{1,30}:\d{1,12}$/;

/** A day (YYYY-MM-DD) or an instant, as the page shows it. */
const when = (locale: Locale, at: string) => (at.length === 10 ? formatDate(locale, at) : formatDateTime(locale, at));
const slugPattern = /^[a-z0-9-]{1,100}$/;

function card(s: ProgrammeSummary | undefined, locale: Locale): ProgrammeCard | null {
  if (!s) return null;
  const t = translator(locale);
  return {
    title: pick(s.title, locale),
    period: `${s.startYear}–${s.endYear}`,
    statusLabel: t(`programme.programmeStatus.${s.status}`),
    progress: s.progress,
    exampleProgress: s.exampleProgress,
    activities: s.activities,
  };
}

function localeOf(request: FastifyRequest<{ Params: { locale: string } }>): Locale {
  if (!isLocale(request.params.locale)) throw notFound();
  return request.params.locale;
}

export async function collectivityRoutes(app: FastifyInstance) {
  app.get<{ Params: { locale: string }; Querystring: { after?: string } }>('/:locale/', async (request, reply) => {
    const locale = localeOf(request);
    const after = typeof request.query.after === 'string' && slugPattern.test(request.query.after) ? request.query.after : undefined;
    // The page shows only these collectivities (and their parents' names): their content versions key its cache.
    // (held for a second for visitors without credentials, as their rows are: platform/held-reads.ts)
    const versions = await readFor(request, app.db, `network-page:${after ?? ''}`, () => collectivityPageVersions(app.db, { after, limit: PAGE_SIZE }));
    return cachedPage(request, reply, `network:${after ?? ''}:${versions}`, async () => {
      const page = await listCollectivities(app.db, { after, limit: PAGE_SIZE });
      const summaries = await programmeSummaries(app.db, page.items.map((c) => c.id));
      return (
      <NetworkPage
        items={page.items.map((c) => ({
          href: `/${locale}/c/${c.slug}`,
          name: pick(c.name, locale),
          kind: c.kind,
          parent: c.parent ? pick(c.parent.name, locale) : null,
          region: c.grandparent ? pick(c.grandparent.name, locale) : null,
          demo: c.isDemo,
          programme: card(summaries.get(c.id), locale),
        }))}
        nextHref={page.next ? `/${locale}/?after=${page.next}` : null}
        firstHref={after ? `/${locale}/` : null}
      />
      );
    });
  });

  app.get<{ Params: { locale: string; slug: string }; Querystring: { after?: string } }>('/:locale/c/:slug', async (request, reply) => {
    const locale = localeOf(request);
    const c = await requireCollectivity(app.db, request.params.slug, request);
    // what is open depends on the moment: the open and coming items are part of the cache key
    const at = new Date().toISOString();
    const happening = await openNowCached(app.db, c, at);
    const nowKey = `${happening.open.map((h) => h.key).join(',')}|${happening.upcoming.map((h) => h.key).join(',')}`;
    const base = `/${locale}/c/${c.slug}`;
    const present = (h: Happening): HappeningView => ({
      kind: h.kind,
      title: pickPresent(h.title, locale),
      href: `${base}${h.href}`,
      from: when(locale, h.from),
      until: h.until ? when(locale, h.until) : null,
    });
    // a later page of its members (keyset by slug): part of the cache key
    const after = typeof request.query.after === 'string' && slugPattern.test(request.query.after) ? request.query.after : undefined;
    // a region's or province's communes' figures: keyed by the network version, since their writes do not bump this version
    const block = await communesBlockOf(app.db, c, app.config.networkFreshMs);
    return cachedPage(request, reply, `collectivity:${c.id}:${c.contentVersion}:${nowKey}:${after ?? ''}:${block?.key ?? ''}`, async () => {
      const [summaries, parent, children, reports, networkBlock] = await Promise.all([
        programmeSummaries(app.db, [c.id]),
        parentOf(app.db, c.parentId),
        childrenOf(app.db, c.id, after),
        publishedReports(app.db, c.id),
        block?.render(locale) ?? null,
      ]);
      const summary = summaries.get(c.id);
      return (
        <CollectivityPage
          name={pick(c.name, locale)}
          kind={c.kind}
          parent={parent ? { name: pick({ ar: parent.name_ar, fr: parent.name_fr, en: parent.name_en }, locale), href: `/${locale}/c/${parent.slug}` } : null}
          programme={card(summary, locale)}
          programmeHref={`/${locale}/c/${c.slug}/programme`}
          children={children.items.map((ch) => ({ name: pick({ ar: ch.name_ar, fr: ch.name_fr, en: ch.name_en }, locale), href: `/${locale}/c/${ch.slug}` }))}
          childrenPager={{
            firstHref: after ? `/${locale}/c/${c.slug}#members` : null,
            nextHref: children.next ? `/${locale}/c/${c.slug}?after=${children.next}#members` : null,
          }}
          reports={reports}
          open={happening.open.map(present)}
          upcoming={happening.upcoming.map(present)}
          base={base}
          networkBlock={networkBlock}
        />
      );
    });
  });

  // Announcements: what the modules made public (calls, consultations, votes, meetings, reports),
  // newest first, in pages; the same as an Atom feed.
  app.get<{ Params: { locale: string; slug: string }; Querystring: { before?: string } }>('/:locale/c/:slug/announcements', async (request, reply) => {
    const locale = localeOf(request);
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const before = typeof request.query.before === 'string' && cursorPattern.test(request.query.before) ? request.query.before : null;
    const base = `/${locale}/c/${c.slug}`;
    return cachedPage(request, reply, `announcements:${c.id}:${c.contentVersion}:${before ?? ''}`, async () => {
      const page = await announcements(app.db, c.id, { before, limit: ANNOUNCEMENTS_PAGE });
      const t = translator(locale);
      return (
        <AnnouncementsPage
          place={{ name: pick(c.name, locale), href: base }}
          items={page.items.map((a) => ({
            kind: a.kind,
            title: a.title.ar || a.title.fr || a.title.en ? pick(a.title, locale) : { text: t(`collectivities.kind.${a.kind}`), lang: locale },
            summary: a.summary && (a.summary.ar || a.summary.fr || a.summary.en) ? pick(a.summary, locale) : null,
            href: `${base}${a.href}`,
            iso: a.at,
            date: when(locale, a.at),
          }))}
          nextHref={page.next ? `${base}/announcements?before=${encodeURIComponent(page.next)}` : null}
          firstHref={before ? `${base}/announcements` : null}
          feedHref={`${base}/announcements.atom`}
        />
      );
    });
  });

  app.get<{ Params: { locale: string; slug: string } }>('/:locale/c/:slug/announcements.atom', async (request, reply) => {
    const locale = localeOf(request);
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const t = translator(locale);
    const url = `${app.config.baseUrl}/${locale}/c/${c.slug}`;
    const { items } = await announcements(app.db, c.id, { before: null, limit: 50 });
    const instant = (at: string) => new Date(at.length === 10 ? `${at}T00:00:00Z` : at);
    const feed = atomXml({
      title: `${pick(c.name, locale).text} — ${t('collectivities.announcements')}`,
      id: `${url}/announcements.atom`,
      link: `${url}/announcements`,
      self: `${url}/announcements.atom`,
      language: locale,
      author: pick(c.name, locale).text,
      rights: pick(c.name, locale).text,
      updated: items.reduce((latest, a) => (instant(a.at) > latest ? instant(a.at) : latest), new Date(0)),
      entries: items.map((a) => ({
        title: a.title.ar || a.title.fr || a.title.en ? pick(a.title, locale).text : t(`collectivities.kind.${a.kind}`),
        // a call has its own notice; the other kinds are known by their key
        id: a.kind === 'call' ? `${url}${a.href}` : `${url}/announcements#${a.key}`,
        link: `${url}${a.href}`,
        updated: instant(a.at),
        summary: a.summary && (a.summary.ar || a.summary.fr || a.summary.en) ? pick(a.summary, locale).text : undefined,
      })),
    });
    return reply.type('application/atom+xml; charset=utf-8').send(feed);
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities',
    {
      schema: {
        tags: ['open data'],
        summary: 'The collectivities of the network, by slug; follow `next` for the next page',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          after: z.string().regex(slugPattern).optional().describe('slug after which the page starts'),
        }),
        response: { 200: z.object({ items: z.array(collectivitySchema), next: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listCollectivities(app.db, { after: request.query.after, limit: request.query.limit });
      return {
        items: page.items.map((c) => ({
          slug: c.slug,
          name: l10n(c.name.ar, c.name.fr, c.name.en),
          kind: c.kind as 'commune',
          ...(c.parent ? { parent: c.parent.slug } : {}),
          ...(c.isDemo ? { demo: true as const } : {}),
        })),
        next: page.next,
      };
    },
  );
}
