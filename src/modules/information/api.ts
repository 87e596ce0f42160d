// GET /api/v1/collectivities/{slug}/information-requests — open data: the register of
// access-to-information requests, anonymised (never the requester, never the request's full
// text), newest first, `limit` at a time (≤ 100) with an `after` cursor, filtered by status, year,
// outcome and lateness. Kept per content version and query, with an ETag (cachedJson).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { datesOf, exceptions, onTime, outcomes, runningDeadline, statuses } from './model.ts';
import { parseCursor, parseExceptions, registerPage } from './repository.ts';

const requestSchema = z
  .object({
    id: z.number().int(),
    subject: z.string(),
    receivedOn: z.string().describe('YYYY-MM-DD, first receipt'),
    dueOn: z.string().describe('YYYY-MM-DD, the deadline that runs now (the answer\'s, extended or not; a complaint\'s while one is pending)'),
    status: z.enum(statuses),
    answeredOn: z.string().nullable().describe('YYYY-MM-DD'),
    outcome: z.enum(outcomes).nullable(),
    onTime: z.boolean().nullable().describe('answered within its deadline; false once the deadline passed unanswered; null while it runs'),
    exceptions: z.array(z.enum(exceptions)).describe('the exceptions of law 31.13 art. 7 invoked by a refusal or a partial answer'),
    url: z.string().describe("the request's public page"),
    demo: z.boolean().describe('example data of the built-in demo'),
  })
  .meta({ id: 'InformationRequest' });

const responseSchema = z
  .object({
    requests: z.array(requestSchema),
    next: z.string().nullable().describe('pass as `after` for the next page; null on the last one'),
  })
  .meta({ id: 'InformationRequests' });

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().regex(/^\d{4}-\d{2}-\d{2}_\d{1,9}$/).optional().describe('the `next` of the previous page'),
  status: z.enum(statuses).optional(),
  outcome: z.enum(outcomes).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('year of receipt'),
  overdue: z.enum(['true', 'false']).optional().describe('true: only the requests past their running deadline today'),
});

const known = new Set<string>(exceptions);

export async function informationApi(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/information-requests',
    {
      schema: {
        tags: ['open data'],
        summary: 'Access-to-information requests (law 31.13): the anonymised register, newest first, with deadlines, status, outcome and the exceptions invoked',
        params: z.object({ slug: z.string().max(100) }),
        querystring: querySchema,
        response: { 200: responseSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const q = request.query;
      const key = `api-information:${c.id}:${c.contentVersion}:${q.limit}|${q.after ?? ''}|${q.status ?? ''}|${q.outcome ?? ''}|${q.year ?? ''}|${q.overdue ?? ''}`;
      return cachedJson(request, reply, key, responseSchema, async () => {
        const today = todayInCasablanca();
        const page = await registerPage(app.db, c.id, { status: q.status, outcome: q.outcome, year: q.year, overdue: q.overdue === 'true' }, today, parseCursor(q.after), q.limit);
        return {
          requests: page.items.map((r) => {
            const d = datesOf(r);
            return {
              id: r.id,
              subject: r.subject,
              receivedOn: r.received_on,
              dueOn: runningDeadline(d) ?? r.due_on,
              status: r.status as (typeof statuses)[number],
              answeredOn: r.answered_on,
              outcome: (r.outcome as (typeof outcomes)[number] | null) ?? null,
              onTime: onTime(d, today),
              exceptions: parseExceptions(r.exceptions).filter((e) => known.has(e)) as (typeof exceptions)[number][],
              url: `${app.config.baseUrl}/ar/c/${c.slug}/information/${r.id}`,
              demo: r.is_example === 1,
            };
          }),
          next: page.next,
        };
      });
    },
  );
}
