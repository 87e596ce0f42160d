// GET /api/v1/collectivities/{slug}/indicators — the indicators of the current programme with
// their targets and values (measured, or computed from live data when bound to a metric);
// GET /api/v1/collectivities/{slug}/programmes/{period}/indicators — those of any public programme.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { sendProblem } from '../../platform/http.tsx';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { findPublicProgramme } from '../programme/manifest.ts';
import { indicatorValues } from './repository.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD');
const point = z.object({ date, value: z.number() });

export const indicatorsResponse = z
  .object({
    items: z.array(
      z
        .object({
          id: z.number().int(),
          project: z.number().int().describe('number of the project in the programme'),
          kind: z.enum(['monitoring', 'impact']),
          statement: l10nSchema,
          unit: l10nSchema.optional(),
          baseline: z.number().nullable(),
          targets: z.array(point).describe('dated targets, oldest first'),
          series: z
            .array(point.extend({ source: z.string().optional(), demo: z.literal(true).optional().describe('invented example data of the built-in demo') }))
            .describe('values over time, oldest first'),
          latest: point.nullable(),
          metric: z.string().nullable().describe('the live metric the values are computed from (e.g. cocreation.proposals); null when measured'),
        })
        .meta({ id: 'IndicatorValues' }),
    ),
  })
  .meta({ id: 'Indicators' });

export async function trackingApi(app: FastifyInstance) {
  for (const byPeriod of [false, true]) {
    app.withTypeProvider<ZodTypeProvider>().get(
      byPeriod ? '/api/v1/collectivities/:slug/programmes/:period/indicators' : '/api/v1/collectivities/:slug/indicators',
      {
        schema: {
          tags: ['open data'],
          summary: byPeriod
            ? "Indicators of one of a collectivity's public programmes (by its period), with targets and values over time"
            : "Indicators of a collectivity's current programme, with targets and values over time",
          params: byPeriod
            ? z.object({ slug: z.string().max(100), period: z.string().max(20).describe('start-end, e.g. 2024-2025') })
            : z.object({ slug: z.string().max(100) }),
          querystring: z.object({ lang: z.enum(['ar', 'fr', 'en']).optional().describe('language of the sources (default ar)') }),
          response: { 200: indicatorsResponse, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const c = await findCollectivity(app.db, request.params.slug, request);
        if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
        // a draft's indicators are not public, as its pages
        const period = 'period' in request.params ? (request.params as { period: string }).period : undefined;
        const programme = await findPublicProgramme(app.db, c.id, period);
        if (!programme) return sendProblem(reply, 404, 'programme_not_found', 'This collectivity has no public programme of this period');
        const lang = isLocale(request.query.lang) ? request.query.lang : 'ar';
        const [values, projects] = await Promise.all([
          indicatorValues(app.db, c.id, programme.id, lang),
          app.db.selectFrom('project').select(['id', 'number']).where('collectivity_id', '=', c.id).where('programme_id', '=', programme.id).execute(),
        ]);
        const number = new Map(projects.map((p) => [p.id, p.number]));
        return {
          items: values.map(({ projectId, unit, ...v }) => ({ ...v, project: number.get(projectId) ?? 0, ...(unit ? { unit } : {}) })),
        };
      },
    );
  }
}
