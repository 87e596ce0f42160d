// GET /api/v1/collectivities/{slug}/budgets and …/budgets/{round}/results — open data. The results
// are recomputed from the ballots on each request (the same roundResults() as the pages and the CLI).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { sendProblem } from '../../platform/http.tsx';
import { spreadsheetSafe } from '../../platform/spreadsheet-safe.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { phaseAt, phases, resultsPublished, rules } from './model.ts';
import { type RoundResults, findRound, listRounds, roundResults } from './repository.ts';
import type { RoundRow } from './tables.ts';

const roundSchema = z
  .object({
    id: z.number().int(),
    title: l10nSchema,
    envelopeMad: z.number().int(),
    rule: z.enum(rules).describe('knapsack: total cost within the envelope; approval: between minChoices and maxChoices projects'),
    minChoices: z.number().int().nullable(),
    maxChoices: z.number().int().nullable(),
    ballotChangeable: z.boolean(),
    phase: z.enum(['upcoming', ...phases]),
    phases: z.array(z.object({ phase: z.enum(phases), startsAt: z.string().describe('ISO 8601 instant') })),
    demo: z.boolean().describe('invented example data of the built-in demo (its projects and ballots too)'),
  })
  .meta({ id: 'BudgetRound' });

const resultsSchema = z
  .object({
    round: roundSchema,
    rule: z.string().describe('how winners are chosen'),
    participation: z.object({ total: z.number().int(), online: z.number().int(), paper: z.number().int() }),
    participationBreakdown: z
      .array(z.object({ gender: z.enum(['f', 'm']).nullable(), ageBand: z.string().nullable(), ballots: z.number().int() }))
      .describe('ballots by the gender and age band the voters list gives (null: not given); never who voted for what'),
    allocatedMad: z.number().int(),
    districts: z
      .array(z.object({ id: z.number().int(), name: z.string(), envelopeMad: z.number().int(), allocatedMad: z.number().int() }))
      .describe('empty when the round has one envelope; otherwise each district is ranked and allocated on its own'),
    projects: z.array(
      z.object({
        id: z.number().int(),
        districtId: z.number().int().nullable(),
        rank: z.number().int().describe('within its district, if any'),
        title: z.string(),
        neighbourhood: z.string(),
        costMad: z.number().int(),
        votes: z.number().int(),
        winner: z.boolean(),
        activityId: z.number().int().nullable().describe('the activity of the action plan this winning project became'),
      }),
    ),
  })
  .meta({ id: 'BudgetResults' });

export const WINNER_RULE =
  'Projects are ranked by votes (ties: the cheaper first). Going down the ranking, a project is selected if its cost fits what is left of the envelope; one that does not fit is passed over and the next ones are still considered. Projects without votes are not selected.';

export function roundDocument(r: RoundRow, at: string): z.infer<typeof roundSchema> {
  return {
    id: r.id,
    title: l10nOf(r, 'title')!,
    envelopeMad: Number(r.envelope_mad),
    rule: r.rule as (typeof rules)[number],
    minChoices: r.min_choices,
    maxChoices: r.max_choices,
    ballotChangeable: r.changeable === 1,
    phase: phaseAt(r, at).phase,
    phases: phases.map((p) => ({ phase: p, startsAt: r[`${p}_at`] })),
    demo: r.demo === 1,
  };
}

export function resultsDocument(r: RoundRow, results: RoundResults, at: string): z.infer<typeof resultsSchema> {
  return {
    round: roundDocument(r, at),
    rule: WINNER_RULE,
    participation: results.participation,
    participationBreakdown: results.breakdown.map((b) => ({ gender: b.gender === 'f' || b.gender === 'm' ? b.gender : null, ageBand: b.ageBand, ballots: b.ballots })),
    allocatedMad: results.allocated,
    districts: results.groups.filter((g) => g.district).map((g) => ({ id: g.district!.id, name: g.district!.name, envelopeMad: g.envelope, allocatedMad: g.allocated })),
    projects: results.groups.flatMap((g) =>
      g.lines.map((l) => ({
        id: l.projectId,
        districtId: g.district?.id ?? null,
        rank: l.rank,
        title: l.project.title,
        neighbourhood: l.project.neighbourhood,
        costMad: l.cost,
        votes: l.votes,
        winner: l.winner,
        activityId: l.project.activity_id,
      })),
    ),
  };
}

/** The results as CSV rows (one per project), from the same document as the JSON. */
export function resultsCsv(doc: z.infer<typeof resultsSchema>): string {
  const districts = new Map(doc.districts.map((d) => [d.id, d.name]));
  return stringify(
    doc.projects.map((p) =>
      [p.districtId === null ? '' : districts.get(p.districtId) ?? '', p.rank, p.id, p.title, p.neighbourhood, p.costMad, p.votes, p.winner ? 'yes' : 'no', p.activityId ?? ''].map(spreadsheetSafe),
    ),
    { header: true, columns: ['district', 'rank', 'project_id', 'title', 'neighbourhood', 'cost_mad', 'votes', 'winner', 'activity_id'], bom: true },
  );
}

export async function budgetApi(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The results document of a round, or the problem to answer (unknown, or not published yet). */
  async function publishedResults(params: { slug: string; round: number }): Promise<{ doc: z.infer<typeof resultsSchema> } | { problem: [number, string, string] }> {
    const c = await findCollectivity(app.db, params.slug);
    if (!c) return { problem: [404, 'collectivity_not_found', 'Unknown collectivity'] };
    const round = await findRound(app.db, c.id, params.round);
    if (!round) return { problem: [404, 'round_not_found', 'Unknown round'] };
    const at = new Date().toISOString();
    if (!resultsPublished(round, at)) return { problem: [409, 'results_not_published', 'Voting has not closed yet'] };
    return { doc: resultsDocument(round, await roundResults(app.db, c.id, round), at) };
  }
  api.get(
    '/api/v1/collectivities/:slug/budgets',
    {
      schema: {
        tags: ['open data'],
        summary: "A collectivity's participatory budget rounds, with their phases",
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: z.object({ rounds: z.array(roundSchema) }), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const at = new Date().toISOString();
      return { rounds: (await listRounds(app.db, c.id)).map((r) => roundDocument(r, at)) };
    },
  );

  api.get(
    '/api/v1/collectivities/:slug/budgets/:round/results',
    {
      schema: {
        tags: ['open data'],
        summary: 'The results of a participatory budget round, counted from the ballots (after voting has closed)',
        params: z.object({ slug: z.string().max(100), round: z.coerce.number().int().positive().max(999_999_999) }),
        response: { 200: resultsSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const found = await publishedResults(request.params);
      return 'problem' in found ? sendProblem(reply, ...found.problem) : found.doc;
    },
  );

  api.get(
    '/api/v1/collectivities/:slug/budgets/:round/results.csv',
    {
      schema: {
        tags: ['open data'],
        summary: 'The results of a round as CSV (UTF-8 with BOM, one row per project), the same figures as the JSON',
        params: z.object({ slug: z.string().max(100), round: z.coerce.number().int().positive().max(999_999_999) }),
      },
    },
    async (request, reply) => {
      const found = await publishedResults(request.params);
      if ('problem' in found) return sendProblem(reply, ...found.problem);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.slug}-budget-${request.params.round}-results.csv"`)
        .send(resultsCsv(found.doc));
    },
  );
}
