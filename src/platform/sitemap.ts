// Sitemaps (sitemaps.org): /sitemap.xml is an index of the collectivities' sitemaps, and
// /c/{slug}/sitemap.xml lists that collectivity's public pages, each in every language with its
// alternates (hreflang). Each module names its own pages (`sitemap` in its manifest).
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest, SitemapProvider } from '../modules/manifest.ts';
import { locales } from './i18n/i18n.ts';
import { sendPage } from './page-cache.ts';
import { findCollectivity } from './tenancy.ts';
import { buildXml } from './xml.ts';

/** A sitemap holds at most 50,000 URLs: each page is listed in 3 languages. */
export const SITEMAP_MAX_PAGES = 15_000;
/** The index lists this many collectivities (Morocco has about 1,600 collectivities). */
const INDEX_MAX = 50_000;

const declaration = { '@_version': '1.0', '@_encoding': 'UTF-8' };
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The sitemap of pages given as paths after the locale (`/c/settat/programme`). */
export function sitemapXml(origin: string, paths: string[]): string {
  const url = (l: string, path: string) => `${origin}/${l}${path}`;
  return buildXml({
    '?xml': declaration,
    urlset: {
      '@_xmlns': sitemapNs,
      '@_xmlns:xhtml': 'http://www.w3.org/1999/xhtml',
      url: paths.flatMap((path) => {
        const alternates = [...locales, 'x-default' as const].map((l) => ({
          '@_rel': 'alternate',
          '@_hreflang': l,
          '@_href': url(l === 'x-default' ? 'ar' : l, path),
        }));
        return locales.map((l) => ({ loc: url(l, path), 'xhtml:link': alternates }));
      }),
    },
  });
}

/** The index of the collectivities' sitemaps. */
export function sitemapIndexXml(origin: string, slugs: string[]): string {
  return buildXml({
    '?xml': declaration,
    sitemapindex: { '@_xmlns': sitemapNs, sitemap: slugs.map((slug) => ({ loc: `${origin}/c/${slug}/sitemap.xml` })) },
  });
}

/** Every module's pages of one collectivity, in module order, at most SITEMAP_MAX_PAGES. */
export async function collectivityPages(app: FastifyInstance, providers: SitemapProvider[], place: { id: number; slug: string }): Promise<string[]> {
  const paths: string[] = [];
  for (const provider of providers) {
    const room = SITEMAP_MAX_PAGES - paths.length;
    if (room <= 0) break;
    paths.push(...(await provider(app.db, place, room)).slice(0, room));
  }
  return paths;
}

export function sitemapRoutes(modules: ModuleManifest[]) {
  const providers = modules.flatMap((m) => (m.sitemap ? [m.sitemap] : []));
  return async (app: FastifyInstance) => {
    const origin = app.config.baseUrl;
    const xml = 'application/xml; charset=utf-8';

    app.get('/sitemap.xml', async (_request, reply) => {
      const rows = await app.db.selectFrom('collectivity').select('slug').orderBy('slug').limit(INDEX_MAX).execute();
      return reply.type(xml).send(sitemapIndexXml(origin, rows.map((r) => r.slug)));
    });

    app.get<{ Params: { slug: string } }>('/c/:slug/sitemap.xml', async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return reply.callNotFound();
      const key = `sitemap:${c.id}:${c.contentVersion}`;
      return sendPage(request, reply, key, async () => sitemapXml(origin, await collectivityPages(app, providers, c)), { type: xml });
    });
  };
}
