// The network's open data:
//   GET /api/v1/network/summary   the national dashboard's figures (?region=&kind=&period=)
//   GET /api/v1/network/themes    the shared taxonomy of themes, with the axes and collectivities of each
// The same figures as /{locale}/network (figures.ts), served through cachedJson under the
// facts' generation, so an ETag answers a client holding the current document.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10n, l10nSchema } from '../../platform/api-schemas.ts';
import { cachedJson } from '../../platform/http.tsx';
import { type Figures, figuresOf, filtersOf, filtersQuery, memberKinds, networkFacts, participationFields, progressBuckets, womenShare } from './figures.ts';

const filtersQuerySchema = z.object({
  region: z.string().max(100).optional().describe("a region's slug: its collectivities only"),
  province: z.string().max(100).optional().describe("a province's or prefecture's slug: its collectivities only"),
  kind: z.enum(memberKinds).optional(),
  period: z.string().regex(/^\d{4}-\d{4}$/).optional().describe('programmes of this period (e.g. 2024-2025) and participation in its years; else current programmes and every year'),
});

const count = <K extends z.ZodType>(key: K) => z.object({ key, count: z.number().int() });
const participationSchema = z
  .object(Object.fromEntries(participationFields.map((f) => [f, z.number().int()])) as Record<(typeof participationFields)[number], z.ZodNumber>)
  .meta({ id: 'NetworkParticipation', description: 'counts from the records; women among the attendance of the workshops and meetings that recorded them (genderedAttendance)' });
const keyed = (key: z.ZodType) => participationSchema.extend({ key, womenShare: z.number().nullable().describe('percent, one decimal') });

const summarySchema = z
  .object({
    filters: z.object({ region: z.string().nullable(), province: z.string().nullable(), kind: z.string().nullable(), period: z.string().nullable() }),
    asOf: z.string().describe('the day (Casablanca) lateness is counted at'),
    rule: z.string(),
    members: z.object({
      total: z.number().int(),
      byRegion: z.array(count(z.string().nullable().describe("region slug; null: not in a region"))),
      byKind: z.array(count(z.string())),
      byJoiningYear: z.array(count(z.string().nullable())),
    }),
    programmes: z.object({ total: z.number().int(), byStatus: z.array(count(z.string())), byPeriod: z.array(count(z.string())) }),
    progress: z.object({
      programmes: z.number().int(),
      distribution: z.array(count(z.enum([...progressBuckets, 'none']))),
      activities: z.number().int(),
      due: z.number().int().describe('activities not cancelled whose end date has passed'),
      dueDone: z.number().int(),
      onTimeShare: z.number().nullable().describe('dueDone / due, percent, one decimal'),
      lateByTheme: z.array(count(z.string().nullable().describe('theme key; null: not classified'))),
    }),
    participation: z.object({ totals: keyed(z.literal('')), byRegion: z.array(keyed(z.string().nullable())), byYear: z.array(keyed(z.string())) }),
    themes: z.array(z.object({ key: z.string().nullable(), axes: z.number().int(), collectivities: z.number().int() })),
  })
  .meta({ id: 'NetworkSummary' });

const themesSchema = z
  .object({
    themes: z.array(
      z.object({
        key: z.string().nullable().describe('null: the axes not classified'),
        name: l10nSchema.optional(),
        retired: z.boolean(),
        axes: z.number().int().describe('axes of the current programmes (or the period’s) in this theme'),
        collectivities: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'NetworkThemes' });

const RULE = 'Members are the collectivities not marked as example data (is_demo = 0); records marked as examples (proposals, meetings, survey answers, information requests) are not counted. Programmes: every non-draft one; progress and themes read the current programme of each member, or the programmes of the chosen period.';

export function summaryDoc(fig: Figures): z.input<typeof summarySchema> {
  return {
    filters: fig.filters,
    asOf: fig.today,
    rule: RULE,
    members: fig.members,
    programmes: fig.programmes,
    progress: fig.progress,
    participation: {
      totals: { key: '', ...fig.participation.totals, womenShare: womenShare(fig.participation.totals) },
      byRegion: fig.participation.byRegion.map((p) => ({ ...p, womenShare: womenShare(p) })),
      byYear: fig.participation.byYear.map((p) => ({ ...p, womenShare: womenShare(p) })),
    },
    themes: fig.themes.map((t) => ({ key: t.key, axes: t.count, collectivities: t.collectivities })),
  };
}

export async function networkApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/network/summary',
    {
      schema: {
        tags: ['open data'],
        summary: "The network's figures: members, programmes, progress, participation and themes, for a region, kind and period",
        querystring: filtersQuerySchema,
        response: { 200: summarySchema },
      },
    },
    async (request, reply) => {
      const f = filtersOf(request.query);
      const facts = await networkFacts(app.db, app.config.networkFreshMs);
      return cachedJson(request, reply, `api-network-summary:${facts.generation}:${filtersQuery(f)}`, summarySchema, async () => summaryDoc(figuresOf(facts, f)));
    },
  );

  api.get(
    '/api/v1/network/themes',
    {
      schema: {
        tags: ['open data'],
        summary: "The network's shared taxonomy of themes, with how many axes and collectivities chose each",
        querystring: filtersQuerySchema,
        response: { 200: themesSchema },
      },
    },
    async (request, reply) => {
      const f = filtersOf(request.query);
      const facts = await networkFacts(app.db, app.config.networkFreshMs);
      return cachedJson(request, reply, `api-network-themes:${facts.generation}:${filtersQuery(f)}`, themesSchema, async () => {
        const fig = figuresOf(facts, f);
        return {
          themes: fig.themes.map((c) => {
            const th = c.key ? facts.themes.find((x) => x.key === c.key) : undefined;
            return { key: c.key, ...(th ? { name: l10n(th.name.ar, th.name.fr, th.name.en) } : {}), retired: th?.retired ?? false, axes: c.count, collectivities: c.collectivities };
          }),
        };
      });
    },
  );
}
