// GET /{locale}/ (the network), /{locale}/c/{slug} (a collectivity), /api/v1/collectivities.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectivitySchema, l10n } from '../../platform/api-schemas.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { type Locale, isLocale, translator } from '../../platform/i18n/i18n.ts';
import { pick, requireCollectivity } from '../../platform/tenancy.ts';
import { type ProgrammeSummary, programmeSummaries } from '../programme/manifest.ts';
import { childrenOf, listCollectivities, parentOf } from './repository.ts';
import { publishedReports } from '../evaluation/manifest.ts';
import { CollectivityPage, NetworkPage, type ProgrammeCard } from './views/pages.tsx';

const PAGE_SIZE = 24;
const slugPattern = /^[a-z0-9-]{1,100}$/;

function card(s: ProgrammeSummary | undefined, locale: Locale): ProgrammeCard | null {
  if (!s) return null;
  const t = translator(locale);
  return {
    title: pick(s.title, locale),
    period: `${s.startYear}–${s.endYear}`,
    statusLabel: t(`programme.programmeStatus.${s.status}`),
    progress: s.progress,
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
    const page = await listCollectivities(app.db, { after, limit: PAGE_SIZE });
    // The page shows only these collectivities: their content versions key its cache.
    const versions = page.items.map((c) => `${c.id}.${c.contentVersion}`).join(',');
    return cachedPage(request, reply, `network:${after ?? ''}:${versions}`, async () => {
      const summaries = await programmeSummaries(app.db, page.items.map((c) => c.id));
      return (
      <NetworkPage
        items={page.items.map((c) => ({
          href: `/${locale}/c/${c.slug}`,
          name: pick(c.name, locale),
          kind: c.kind,
          parent: c.parent ? pick(c.parent.name, locale) : null,
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
    const c = await requireCollectivity(app.db, request.params.slug);
    // a later page of its members (keyset by slug): part of the cache key
    const after = typeof request.query.after === 'string' && slugPattern.test(request.query.after) ? request.query.after : undefined;
    return cachedPage(request, reply, `collectivity:${c.id}:${c.contentVersion}:${after ?? ''}`, async () => {
      const [summaries, parent, children, reports] = await Promise.all([
        programmeSummaries(app.db, [c.id]),
        parentOf(app.db, c.parentId),
        childrenOf(app.db, c.id, after),
        publishedReports(app.db, c.id),
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
        />
      );
    });
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
        })),
        next: page.next,
      };
    },
  );
}
