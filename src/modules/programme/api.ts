// GET /api/v1/collectivities/{slug}/programme — the current programme as open data;
// GET /api/v1/collectivities/{slug}/programmes — every public programme over time;
// GET /api/v1/collectivities/{slug}/programmes/{period} — one of them, whole (a closed one too).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectivitySchema, l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { type Collectivity, findCollectivity } from '../../platform/tenancy.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { activityStatuses, daysLate, programmeStatuses, rollUp } from './progress.ts';
import { type ProgrammeTree, listProgrammes } from './repository.ts';
import { programmeTreeOf, publicProgrammeOf } from './read-models.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD');
const partnerSchema = z.object({ name: l10nSchema, kind: z.string() }).meta({ id: 'Partner' });

const activitySchema = z
  .object({
    id: z.number().int(),
    number: z.number().int(),
    title: l10nSchema,
    partners: z.array(partnerSchema),
    cost: z.object({
      kind: z.enum(['amount', 'none', 'tbd']).describe('tbd: to be set by the implementing party'),
      amountMad: z.number().nullable(),
      note: l10nSchema.optional(),
    }),
    funding: z.object({ kind: z.enum(['own', 'partner']), partner: partnerSchema.optional() }),
    start: date,
    end: date,
    status: z.enum(activityStatuses),
    progress: z.number().int().min(0).max(100),
    daysLate: z.number().int().describe('days past the end date (Africa/Casablanca) while not done; 0 if on time'),
  })
  .meta({ id: 'Activity' });

const indicatorSchema = z
  .object({
    kind: z.enum(['monitoring', 'impact']),
    statement: l10nSchema,
    unit: l10nSchema.optional(),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
  })
  .meta({ id: 'Indicator' });

const projectSchema = z
  .object({
    number: z.number().int(),
    title: l10nSchema,
    durationMonths: z.number().int().nullable(),
    objectives: l10nSchema.optional(),
    expectedResults: l10nSchema.optional(),
    partners: z.array(partnerSchema),
    partnersContribution: l10nSchema.optional(),
    indicators: z.array(indicatorSchema),
    progress: z.number().nullable(),
    activities: z.array(activitySchema),
  })
  .meta({ id: 'Project' });

export const programmeResponse = z
  .object({
    collectivity: collectivitySchema,
    programme: z.object({
      title: l10nSchema,
      period: z.object({ start: z.number().int(), end: z.number().int() }),
      status: z.enum(programmeStatuses),
      adoption: z.object({ session: l10nSchema.optional(), date: date.nullable(), reference: l10nSchema.optional() }),
      progress: z.number().nullable().describe('weighted mean of activity progress, in percent'),
      axes: z.array(
        z.object({ number: z.number().int(), title: l10nSchema, progress: z.number().nullable(), projects: z.array(projectSchema) }),
      ),
    }),
  })
  .meta({ id: 'ProgrammeDocument' });

export const programmesResponse = z
  .object({
    items: z.array(
      z.object({
        title: l10nSchema,
        period: z.object({ start: z.number().int(), end: z.number().int() }),
        status: z.enum(programmeStatuses),
        current: z.boolean().describe('the one programme that /programme and the site follow'),
        adoption: z.object({ session: l10nSchema.optional(), date: date.nullable(), reference: l10nSchema.optional() }),
        url: z.string().describe('its public pages, /ar/c/{slug}/programmes/{start}-{end}'),
        api: z.string().describe('its whole document, /api/v1/collectivities/{slug}/programmes/{start}-{end}'),
      }),
    ),
  })
  .meta({ id: 'ProgrammeList' });

export function programmeDocument(tree: ProgrammeTree) {
  const today = todayInCasablanca();
  const partner = (id: number) => {
    const p = tree.partners.get(id)!;
    return { name: l10nOf(p, 'name')!, kind: p.kind };
  };
  const pr = tree.programme;
  return {
    title: l10nOf(pr, 'title')!,
    period: { start: pr.start_year, end: pr.end_year },
    status: pr.status as (typeof programmeStatuses)[number],
    adoption: {
      session: l10nOf(pr, 'adoption_session'),
      date: pr.adoption_date,
      reference: l10nOf(pr, 'adoption_reference'),
    },
    progress: rollUp(tree.activities),
    axes: tree.axes.map((axis) => {
      const projects = tree.projects.filter((p) => p.axis_id === axis.id);
      return {
        number: axis.number,
        title: l10nOf(axis, 'title')!,
        progress: rollUp(tree.activities.filter((a) => projects.some((p) => p.id === a.project_id))),
        projects: projects.map((p) => {
          const activities = tree.activities.filter((a) => a.project_id === p.id);
          return {
            number: p.number,
            title: l10nOf(p, 'title')!,
            durationMonths: p.duration_months,
            objectives: l10nOf(p, 'objectives'),
            expectedResults: l10nOf(p, 'expected_results'),
            partners: (tree.projectPartners.get(p.id) ?? []).map(partner),
            partnersContribution: l10nOf(p, 'partners_contribution'),
            indicators: tree.indicators
              .filter((i) => i.project_id === p.id)
              .map((i) => ({
                kind: i.kind as 'monitoring' | 'impact',
                statement: l10nOf(i, 'statement')!,
                unit: l10nOf(i, 'unit'),
                baseline: i.baseline,
                target: i.target,
              })),
            progress: rollUp(activities),
            activities: activities.map((a) => ({
              id: a.id,
              number: a.number,
              title: l10nOf(a, 'title')!,
              partners: (tree.activityPartners.get(a.id) ?? []).map(partner),
              cost: {
                kind: a.cost_kind as 'amount' | 'none' | 'tbd',
                amountMad: a.cost_amount_mad === null ? null : Number(a.cost_amount_mad),
                note: l10nOf(a, 'cost_note'),
              },
              funding:
                a.funding_kind === 'partner' && a.funding_partner_id
                  ? { kind: 'partner' as const, partner: partner(a.funding_partner_id) }
                  : { kind: 'own' as const },
              start: a.start_date,
              end: a.end_date,
              status: a.status as (typeof activityStatuses)[number],
              progress: a.progress,
              daysLate: daysLate(a, today),
            })),
          };
        }),
      };
    }),
  };
}

export async function programmeApi(app: FastifyInstance) {
  async function document(c: Collectivity, programme: ProgrammeRow) {
    const tree = await programmeTreeOf(app, c, programme);
    const parent = c.parentId
      ? await app.db.selectFrom('collectivity').select('slug').where('id', '=', c.parentId).executeTakeFirst()
      : undefined;
    return {
      collectivity: {
        slug: c.slug,
        name: l10nOf({ name_ar: c.name.ar, name_fr: c.name.fr, name_en: c.name.en }, 'name')!,
        kind: c.kind as 'commune',
        ...(parent ? { parent: parent.slug } : {}),
      },
      programme: programmeDocument(tree),
    };
  }

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/programme',
    {
      schema: {
        tags: ['open data'],
        summary: "A collectivity's current openness programme: axes, projects with their cards, activities",
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: programmeResponse, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      // a draft is not public (only once in consultation)
      const programme = await publicProgrammeOf(app, c, undefined);
      if (!programme) return sendProblem(reply, 404, 'programme_not_found', 'This collectivity has no programme yet');
      return cachedJson(request, reply, `api-programme:${c.id}:${c.planVersion}:${programme.id}`, programmeResponse, () => document(c, programme));
    },
  );

  // any public programme by its period: a closed one keeps its whole document
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/programmes/:period',
    {
      schema: {
        tags: ['open data'],
        summary: "One of a collectivity's public programmes by its period (current, in consultation, closed, archived)",
        params: z.object({ slug: z.string().max(100), period: z.string().max(20).describe('start-end, e.g. 2024-2025') }),
        response: { 200: programmeResponse, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const programme = await publicProgrammeOf(app, c, request.params.period);
      if (!programme) return sendProblem(reply, 404, 'programme_not_found', 'No public programme of this period');
      return cachedJson(request, reply, `api-programme:${c.id}:${c.planVersion}:${programme.id}`, programmeResponse, () => document(c, programme));
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/programmes',
    {
      schema: {
        tags: ['open data'],
        summary: "A collectivity's public programmes over time (current, in consultation, closed, archived), newest first",
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: programmesResponse, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const rows = await listProgrammes(app.db, c.id);
      return {
        items: rows.map((p) => ({
          title: l10nOf(p, 'title')!,
          period: { start: p.start_year, end: p.end_year },
          status: p.status as (typeof programmeStatuses)[number],
          current: Number(p.is_current) === 1,
          adoption: { session: l10nOf(p, 'adoption_session'), date: p.adoption_date, reference: l10nOf(p, 'adoption_reference') },
          url: `/ar/c/${c.slug}/programmes/${p.start_year}-${p.end_year}`,
          api: `/api/v1/collectivities/${c.slug}/programmes/${p.start_year}-${p.end_year}`,
        })),
      };
    },
  );
}
