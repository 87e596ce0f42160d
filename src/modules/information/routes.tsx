// Public pages of access to information, through the page cache: the register
// /{locale}/c/{slug}/information (filters and ?q= search, 50 a page, keyset on received_on,id),
// a request's page …/information/{id} with its public trail and published answer, the answer's
// files /c/{slug}/information/{id}/files/{fileId} (only when published), and the figures
// …/information/figures?year=. The cache key holds today (lateness is counted in days).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { parseId } from '../../platform/params.ts';
import { pick, requireCollectivity } from '../../platform/tenancy.ts';
import { sendStoredFile } from '../../platform/uploads.ts';
import type { SitemapProvider } from '../manifest.ts';
import { loadRules } from './calendar.ts';
import { channels, outcomes, statuses } from './model.ts';
import { presentLine, presentOffice, presentRequest } from './presenters.ts';
import { findOffice, findPublicRequest, parseCursor, publicSteps, publishedAnswer, publishedFile, publishedFiles, registerPage, requestIds, requestYears } from './repository.ts';
import { informationYear, statsYears } from './stats.ts';
import { FiguresPage } from './views/figures.tsx';
import { RegisterPage, RequestPage } from './views/register.tsx';

type Params = { locale: string; slug: string; id: string; fileId: string };

/** A filter's value when it is one of the choices, else no filter (a bad link shows everything). */
const oneOf = (values: readonly string[]) => z.string().optional().transform((v) => (v !== undefined && values.includes(v) ? v : undefined));
const year = z.string().optional().transform((v) => (v && /^\d{4}$/.test(v) ? Number(v) : undefined));

export const registerQuery = z.object({
  status: oneOf(statuses),
  outcome: oneOf(outcomes),
  channel: oneOf(channels),
  year,
  overdue: z.string().optional().transform((v) => v === '1'),
  q: z.string().optional().transform((v) => (v ?? '').trim().slice(0, 200)),
  after: z.string().optional(),
});

export const informationSitemap: SitemapProvider = async (db, c, limit) => {
  const base = `/c/${c.slug}/information`;
  const ids = await requestIds(db, c.id, limit);
  return [base, `${base}/figures`, `${base}/published`, ...ids.map((id) => `${base}/${id}`)].slice(0, limit);
};

export async function informationRoutes(app: FastifyInstance) {
  async function placeOf(request: FastifyRequest<{ Params: Partial<Params> }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug ?? '', request);
    return { c, base: `/${request.locale}/c/${c.slug}`, place: { name: pick(c.name, request.locale), href: `/${request.locale}/c/${c.slug}` } };
  }

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/information', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const q = registerQuery.parse(request.query ?? {});
    const after = parseCursor(q.after);
    const key = `information:${c.id}:${c.contentVersion}:${q.status ?? ''}|${q.outcome ?? ''}|${q.channel ?? ''}|${q.year ?? ''}|${q.overdue ? 1 : ''}|${q.q}|${q.after ?? ''}`;
    return cachedPage(request, reply, key, async () => {
      const today = todayInCasablanca();
      const filters = { status: q.status, outcome: q.outcome, channel: q.channel, year: q.year, overdue: q.overdue, q: q.q || undefined };
      const [rules, office, page, years] = await Promise.all([loadRules(app.db), findOffice(app.db, c.id), registerPage(app.db, c.id, filters, today, after), requestYears(app.db, c.id)]);
      const here = `${base}/information`;
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ status: q.status, outcome: q.outcome, channel: q.channel, year: q.year, overdue: q.overdue ? '1' : undefined, q: q.q || undefined })) {
        if (v !== undefined) params.set(k, String(v));
      }
      const withParams = (extra: Record<string, string>) => {
        const p = new URLSearchParams(params);
        for (const [k, v] of Object.entries(extra)) p.set(k, v);
        const s = p.toString();
        return s ? `${here}?${s}` : here;
      };
      return (
        <RegisterPage
          place={place}
          base={base}
          office={presentOffice(office, request.locale)}
          items={page.items.map((r) => presentLine(r, rules, today, request.locale, base))}
          filters={{ status: q.status ?? '', outcome: q.outcome ?? '', channel: q.channel ?? '', year: q.year ? String(q.year) : '', overdue: q.overdue, q: q.q }}
          years={years}
          pager={{ firstHref: after ? withParams({}) : null, nextHref: page.next ? withParams({ after: page.next }) : null }}
        />
      );
    });
  });

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/:locale/c/:slug/information/figures', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const years = await statsYears(app.db, c.id);
    const today = todayInCasablanca();
    const asked = /^\d{4}$/.test(request.query?.year ?? '') ? Number(request.query.year) : null;
    const shown = asked ?? years[0] ?? Number(today.slice(0, 4));
    return cachedPage(request, reply, `information-figures:${c.id}:${c.contentVersion}:${shown}`, async () => {
      const figures = await informationYear(app.db, c.id, shown, today);
      return <FiguresPage place={place} base={base} years={years.includes(shown) ? years : [shown, ...years].sort((a, b) => b - a)} figures={figures} />;
    });
  });

  app.get<{ Params: Params }>('/:locale/c/:slug/information/:id', async (request, reply) => {
    const { c, base, place } = await placeOf(request);
    const id = parseId(request.params.id);
    const r = id === null ? undefined : await findPublicRequest(app.db, c.id, id);
    if (!r) throw notFound('request_not_found');
    return cachedPage(request, reply, `information-request:${c.id}:${c.contentVersion}:${r.id}`, async () => {
      const today = todayInCasablanca();
      const [rules, steps, answer, files] = await Promise.all([loadRules(app.db), publicSteps(app.db, c.id, r.id), publishedAnswer(app.db, c.id, r.id), publishedFiles(app.db, c.id, r.id)]);
      return <RequestPage place={place} base={base} request={presentRequest(r, steps, answer, files, rules, today, request.locale, base)} />;
    });
  });

  app.get<{ Params: Params }>('/c/:slug/information/:id/files/:fileId', async (request, reply) => {
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const id = parseId(request.params.id);
    const fileId = parseId(request.params.fileId);
    const file = id === null || fileId === null ? undefined : await publishedFile(app.db, c.id, id, fileId);
    if (!file) throw notFound('file_not_found');
    return sendStoredFile(request, reply, file);
  });
}
