// GET /api/v1/collectivities/{slug}/services — open data: the national platforms the collectivity
// joined (every platform offered, and retired ones it had joined), its services with their
// guides, and its monthly figures summed over its services. Kept per content version, with an ETag.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import { findCollectivity } from '../../platform/tenancy.ts';
import { listServices, monthlyTotals, platformStatuses } from './repository.ts';

const platformSchema = z
  .object({
    key: z.string().describe('stable key of the national platform (rokhas, watiqa, chikaya, …)'),
    name: l10nSchema,
    joined: z.boolean(),
    joinedOn: z.string().nullable().describe('YYYY-MM-DD, the day the collectivity joined'),
  })
  .meta({ id: 'DigitalPlatformMembership' });

const serviceSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int().describe('its place in the collectivity\'s list, from 1'),
    name: l10nSchema,
    howToApply: l10nSchema.nullable(),
    documentsNeeded: l10nSchema.nullable(),
    desk: l10nSchema.nullable(),
    onlineUrl: z.string().nullable(),
    platform: z.string().nullable().describe('key of the national platform that serves it online'),
    legalDays: z.number().int().nullable().describe('legal processing time in days (law 55-19: 60 at most)'),
    url: z.string().describe("the service's public guide"),
    demo: z.boolean().describe('example data of the built-in demo'),
  })
  .meta({ id: 'PublicService' });

const monthSchema = z
  .object({
    month: z.string().describe('YYYY-MM'),
    received: z.number().int(),
    online: z.number().int().describe('requests processed online'),
    paper: z.number().int().describe('requests processed on paper'),
  })
  .meta({ id: 'ServicesMonth' });

const responseSchema = z
  .object({
    platforms: z.array(platformSchema),
    services: z.array(serviceSchema),
    monthly: z.array(monthSchema).describe('summed over the services, oldest first'),
  })
  .meta({ id: 'DigitalServices' });

const orNull = (row: object, field: string) => l10nOf(row, field) ?? null;

export async function servicesApi(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/services',
    {
      schema: {
        tags: ['open data'],
        summary: 'Digital services: the national platforms joined, the services and their guides, and the requests processed online and on paper per month',
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: responseSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      return cachedJson(request, reply, `api-services:${c.id}:${c.contentVersion}`, responseSchema, async () => {
        const [statuses, services, monthly] = await Promise.all([platformStatuses(app.db, c.id), listServices(app.db, c.id), monthlyTotals(app.db, c.id)]);
        const keys = new Map(statuses.map((s) => [s.platform.id, s.platform.key]));
        return {
          platforms: statuses.map((s) => ({ key: s.platform.key, name: l10nOf(s.platform, 'name') ?? {}, joined: s.membership?.joined === 1, joinedOn: s.membership?.joined === 1 ? s.membership.joined_on : null })),
          services: services.map((s, i) => ({
            id: s.id,
            position: i + 1,
            name: l10nOf(s, 'name') ?? {},
            howToApply: orNull(s, 'how_to_apply'),
            documentsNeeded: orNull(s, 'documents_needed'),
            desk: orNull(s, 'desk'),
            onlineUrl: s.online_url,
            platform: s.platform_id === null ? null : (keys.get(s.platform_id) ?? null),
            legalDays: s.legal_days,
            url: `${app.config.baseUrl}/ar/c/${c.slug}/services/${s.id}`,
            demo: s.is_example === 1,
          })),
          monthly,
        };
      });
    },
  );
}
