// GET /api/v1/collectivities/{slug}/participation — participation figures computed from the records.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10n, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { sendProblem } from '../../platform/http.tsx';
import { findCollectivity } from '../../platform/tenancy.ts';
import { currentProgramme } from '../programme/manifest.ts';
import { participationStats } from './stats.ts';

const byChannel = z.object({ online: z.number().int(), workshop: z.number().int(), other: z.number().int() });

const participationResponse = z
  .object({
    proposals: z.object({
      total: z.number().int(),
      byChannel,
      byAxis: z.array(z.object({ axis: z.number().int(), total: z.number().int(), byChannel })),
    }),
    events: z.array(
      z.object({
        date: z.string(),
        kind: z.string(),
        title: l10nSchema,
        attendance: z.object({
          total: z.number().int().nullable(),
          women: z.number().int().nullable(),
          ieecag: z.number().int().nullable(),
          associations: z.number().int().nullable(),
        }),
        proposals: z.number().int().describe('proposals collected at this event'),
        contributions: z.number().int().describe('contributions to the draft collected at this event'),
      }),
    ),
    consultation: z.object({ total: z.number().int(), byAxis: z.array(z.object({ axis: z.number().int(), total: z.number().int() })) }),
    contributors: z
      .object({ total: z.number().int(), byGender: z.object({ female: z.number().int(), male: z.number().int(), unknown: z.number().int() }) })
      .describe('people who proposed with an account, each counted once, by the gender they chose to give'),
  })
  .meta({ id: 'Participation' });

export async function participationApi(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/participation',
    {
      schema: {
        tags: ['open data'],
        summary: 'Participation in the co-creation of the current programme: proposals by channel and axis, events and attendance, contributions to the draft',
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: participationResponse, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const programme = await currentProgramme(app.db, c.id);
      if (!programme) return sendProblem(reply, 404, 'programme_not_found', 'This collectivity has no programme yet');
      const s = await participationStats(app.db, c.id, programme.id);
      return {
        proposals: { total: s.proposals.total, byChannel: s.proposals.byChannel, byAxis: s.proposals.byAxis.map(({ axis, total, byChannel }) => ({ axis, total, byChannel })) },
        events: s.events.map(({ id: _id, place: _place, title, ...e }) => ({ ...e, title: l10n(title.ar, title.fr, title.en) })),
        consultation: { total: s.consultation.total, byAxis: s.consultation.byAxis.map(({ axis, total }) => ({ axis, total })) },
        contributors: s.contributors,
      };
    },
  );
}
