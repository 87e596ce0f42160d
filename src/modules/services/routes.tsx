// Public pages of the digital services, through the page cache: /{locale}/c/{slug}/services (the
// platforms joined and the monitoring indicator, documents processed per month, the services'
// guides, the latest campaigns), …/services/{id} (a service's citizen guide) and
// …/services/campaigns (all campaigns, a keyset page at a time).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { parseId } from '../../platform/params.ts';
import { pick, requireCollectivity } from '../../platform/tenancy.ts';
import type { SitemapProvider } from '../manifest.ts';
import { presentCampaign, presentMonth, presentPlatform, presentService } from './presenters.ts';
import { campaignTotals, campaignsPage, findService, joinedShare, listPlatforms, listServices, monthlyTotals, platformStatuses } from './repository.ts';
import { listQuery, parseCursor } from './schema.ts';
import { CampaignsPage, ServiceGuidePage, ServicesPage } from './views/public.tsx';

type Params = { locale: string; slug: string; id: string };

/** The months the public page charts: a year, legible on a phone (the API has them all). */
const CHART_MONTHS = 12;
const LATEST_CAMPAIGNS = 3;

/** The first month of the last `n` months up to `month` (YYYY-MM). */
function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - (n - 1);
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const servicesSitemap: SitemapProvider = async (db, c, limit) => {
  const services = await listServices(db, c.id);
  return [`/c/${c.slug}/services`, `/c/${c.slug}/services/campaigns`, ...services.map((s) => `/c/${c.slug}/services/${s.id}`)].slice(0, limit);
};

export async function servicesRoutes(app: FastifyInstance) {
  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '', request);
    return { c, base: `/${request.locale}/c/${c.slug}`, place: { name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` } };
  }

  app.get<{ Params: Params }>('/:locale/c/:slug/services', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    return cachedPage(request, reply, `services:${c.id}:${c.contentVersion}`, async () => {
      const locale = request.locale;
      const [statuses, services, months, latest, totals] = await Promise.all([
        platformStatuses(app.db, c.id),
        listServices(app.db, c.id),
        monthlyTotals(app.db, c.id),
        campaignsPage(app.db, c.id, null, LATEST_CAMPAIGNS),
        campaignTotals(app.db, c.id),
      ]);
      const platforms = new Map(statuses.map((s) => [s.platform.id, s.platform]));
      const last = months.at(-1)?.month;
      const shown = last ? months.filter((m) => m.month >= monthsBack(last, CHART_MONTHS)) : [];
      return (
        <ServicesPage
          place={place}
          base={base}
          indicator={joinedShare(statuses)}
          platforms={statuses.map((s) => presentPlatform(s, locale))}
          months={shown.map((m) => presentMonth(m, locale))}
          services={services.map((s) => presentService(s, platforms, locale))}
          campaigns={latest.items.map((x) => presentCampaign(x, locale))}
          campaignCount={totals.count}
          example={services.some((s) => s.is_example === 1) || statuses.some((s) => s.membership?.is_example === 1)}
        />
      );
    });
  });

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/services/campaigns', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const q = listQuery.parse(request.query ?? {});
    return cachedPage(request, reply, `services-campaigns:${c.id}:${c.contentVersion}:${q.after ?? ''}`, async () => {
      const [page, totals] = await Promise.all([campaignsPage(app.db, c.id, parseCursor(q.after)), campaignTotals(app.db, c.id)]);
      const here = `${base}/services/campaigns`;
      return (
        <CampaignsPage
          place={place}
          base={base}
          campaigns={page.items.map((x) => presentCampaign(x, request.locale))}
          totals={totals}
          firstHref={q.after ? here : null}
          nextHref={page.next ? `${here}?after=${encodeURIComponent(page.next)}` : null}
        />
      );
    });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/services/:id', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const id = parseId(request.params.id);
    const service = id === null ? undefined : await findService(app.db, c.id, id);
    if (!service) throw notFound('service_not_found');
    return cachedPage(request, reply, `services-guide:${c.id}:${c.contentVersion}:${service.id}`, async () => {
      const [platforms, months] = await Promise.all([listPlatforms(app.db, { all: true }), monthlyTotals(app.db, c.id, { serviceId: service.id })]);
      return (
        <ServiceGuidePage
          place={place}
          base={base}
          service={presentService(service, new Map(platforms.map((p) => [p.id, p])), request.locale)}
          months={months.slice(-12).reverse().map((m) => presentMonth(m, request.locale))}
        />
      );
    });
  });
}
