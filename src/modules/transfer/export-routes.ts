// Public downloads of a collectivity's current programme, beside its open-data API:
//   GET /api/v1/collectivities/{slug}/programme.xlsx   the matrix, a sheet per language
//   GET /api/v1/collectivities/{slug}/programme.csv    ?lang=ar|fr|en (default ar)
//   GET /api/v1/collectivities/{slug}/programme.json   the shape of …/programme
//   GET /api/v1/collectivities/{slug}/programme.ics    ?lang=ar|fr|en: activity start and end dates
// and the same of any public programme by its period: …/programmes/2024-2025.xlsx (a closed
// programme keeps its downloads). A draft has none: 404, as its pages.
// Each is streamed; the ETag is the collectivity's content version (bumped by every write), and
// for the spreadsheets the themes' version (they name each axis's theme).
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../../platform/http.tsx';
import { defaultLocale, locales } from '../../platform/i18n/i18n.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { findPublicProgramme } from '../programme/manifest.ts';
import { themesVersion } from '../network/themes.ts';
import { type ExportFormat, contentTypes, exportFormats, writeCsv, writeIcs, writeJson, writeXlsx } from './export.ts';

export const exportPath = (slug: string, format: ExportFormat, lang?: string) =>
  `/api/v1/collectivities/${slug}/programme.${format}${lang ? `?lang=${lang}` : ''}`;

export async function transferExportRoutes(app: FastifyInstance) {
  for (const [format, byPeriod] of exportFormats.flatMap((f) => [[f, false], [f, true]] as const)) {
    app.withTypeProvider<ZodTypeProvider>().get(
      byPeriod ? `/api/v1/collectivities/:slug/programmes/:period.${format}` : `/api/v1/collectivities/:slug/programme.${format}`,
      {
        schema: {
          tags: ['open data'],
          summary: byPeriod ? `A public programme of a given period as ${format.toUpperCase()} (streamed)` : `The current programme as ${format.toUpperCase()} (streamed)`,
          params: byPeriod
            ? z.object({ slug: z.string().max(100), period: z.string().max(20).describe('start-end, e.g. 2024-2025') })
            : z.object({ slug: z.string().max(100) }),
          querystring: z.object({ lang: z.enum(locales).optional() }),
        },
      },
      async (request, reply) => {
        const c = await findCollectivity(app.db, request.params.slug, request);
        if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
        // a draft (the current one before its first adoption, or a period's) has no public downloads
        const period = 'period' in request.params ? (request.params as { period: string }).period : undefined;
        const programme = await findPublicProgramme(app.db, c.id, period);
        if (!programme) return sendProblem(reply, 404, 'programme_not_found', 'This collectivity has no public programme of this period');
        const lang = request.query.lang ?? defaultLocale;
        // the spreadsheets name each axis's theme: a theme renamed moves no collectivity's version
        const themes = format === 'xlsx' || format === 'csv' ? `-${await themesVersion(app.db)}` : '';
        const etag = `"${c.id}-${c.contentVersion}-${programme.id}-${format}-${lang}${themes}"`;
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        const out = new PassThrough();
        const written =
          format === 'xlsx'
            ? writeXlsx(app.db, c.id, programme, out)
            : format === 'csv'
              ? writeCsv(app.db, c.id, programme, lang, out)
              : format === 'json'
                ? writeJson(app.db, c, programme, out)
                : writeIcs(app.db, c, programme, lang, app.config.baseUrl, out);
        written.then(
          () => {
            if (!out.writableEnded) out.end();
          },
          (err: Error) => {
            request.log.error({ err }, 'export failed');
            out.destroy(err);
          },
        );
        const name = `${c.slug}-programme-${programme.start_year}-${programme.end_year}${format === 'csv' || format === 'ics' ? `-${lang}` : ''}.${format}`;
        return reply
          .type(contentTypes[format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('etag', etag)
          .header('cache-control', 'public, max-age=0, must-revalidate')
          .send(out);
      },
    );
  }
}
