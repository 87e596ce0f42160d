// GET /api/v1/collectivities/{slug}/ieecag/opinions — open data: the equality commission's
// published advisory opinions, newest first, with the council's response and the items they
// concern, a keyset page at a time (`limit`, `after` = the `next` of the previous page),
// optionally of one year or one response (as the public register filters them).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { overdueBefore, responseDelay } from './opinion-figures.ts';
import { responseFilters } from './opinion-schema.ts';
import { type OpinionListRow, isOverdue, linksOfOpinions, opinionsPage, parseCursor } from './opinions.ts';
import { opinionLinkKinds, opinionOrigins, responseStatuses } from './tables.ts';

const councilResponseSchema = z
  .object({
    status: z.enum(responseStatuses).describe('pending: no response yet (or not transmitted yet, see transmittedOn)'),
    date: z.string().nullable().describe('YYYY-MM-DD, the day of the response'),
    reason: l10nSchema.optional().describe("the council's reasons (always given when not followed or partly followed)"),
    decision: l10nSchema.optional().describe('the decision the response led to'),
  })
  .meta({ id: 'CouncilResponse' });

const opinionSchema = z
  .object({
    id: z.number().int(),
    number: z.number().int().describe('the opinion\'s number within its year: shown as "number/year"'),
    year: z.number().int(),
    subject: l10nSchema,
    origin: z.enum(opinionOrigins).describe('asked by the council, by its president, or self-initiated by the commission'),
    requestedOn: z.string().nullable().describe('YYYY-MM-DD; null for a self-initiated opinion'),
    adoptedOn: z.string().nullable().describe('YYYY-MM-DD, adopted by the commission'),
    transmittedOn: z.string().nullable().describe('YYYY-MM-DD, transmitted to the council'),
    councilResponse: councilResponseSchema,
    overdue: z.boolean().describe("transmitted longer ago than the commission's delay for a response (default 60 days) and not answered"),
    links: z.array(z.object({ kind: z.enum(opinionLinkKinds), id: z.number().int() }).meta({ id: 'OpinionLink' })).describe('programme axes, projects and activities, proposals and participatory-budget projects the opinion concerns'),
    url: z.string().describe("the opinion's public page"),
    demo: z.boolean().describe('example data of the built-in demo'),
  })
  .meta({ id: 'AdvisoryOpinion' });

const responseSchema = z.object({
  opinions: z.array(opinionSchema),
  next: z.string().nullable().describe('pass as `after` for the next page; null on the last one'),
});

const querySchema = z.object({
  year: z.coerce.number().int().min(1900).max(2999).optional().describe('opinions numbered in this year'),
  response: z.enum(responseFilters).optional().describe('the council\'s response; pending: transmitted, no response yet; overdue: pending beyond the delay'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z
    .string()
    .regex(/^\d{4}-\d{1,9}$/)
    .optional()
    .describe('the `next` of the previous page'),
});

type Answer = { response_reason_ar: string | null; response_reason_fr: string | null; response_reason_en: string | null; response_decision_ar: string | null; response_decision_fr: string | null; response_decision_en: string | null };

function opinionDocument(o: OpinionListRow, answer: Answer | undefined, links: { kind: (typeof opinionLinkKinds)[number]; id: number }[], overdue: boolean, url: string): z.input<typeof opinionSchema> {
  const answered = o.response_status !== 'pending';
  return {
    id: o.id,
    number: o.number,
    year: o.year,
    subject: l10nOf(o, 'subject') ?? {},
    origin: o.origin as (typeof opinionOrigins)[number],
    requestedOn: o.requested_on,
    adoptedOn: o.adopted_on,
    transmittedOn: o.transmitted_on,
    councilResponse: {
      status: o.response_status as (typeof responseStatuses)[number],
      date: answered ? o.response_on : null,
      reason: answered && answer ? l10nOf(answer, 'response_reason') : undefined,
      decision: answered && answer ? l10nOf(answer, 'response_decision') : undefined,
    },
    overdue,
    links,
    url,
    demo: o.is_example === 1,
  };
}

export async function opinionsApi(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/collectivities/:slug/ieecag/opinions',
    {
      schema: {
        tags: ['open data'],
        summary: "The equality commission's published advisory opinions, newest first, with the council's response; follow `next` for the next page",
        params: z.object({ slug: z.string().max(100) }),
        querystring: querySchema,
        response: { 200: responseSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const { year, response, limit, after } = request.query;
      // "overdue" moves with the day: cachedJson keys on it
      const key = `api-ieecag-opinions:${c.id}:${c.contentVersion}:${year ?? ''}:${response ?? ''}:${limit}:${after ?? ''}`;
      return cachedJson(request, reply, key, responseSchema, async () => {
        const today = todayInCasablanca();
        const delay = await responseDelay(app.db, c.id);
        const page = await opinionsPage(app.db, c.id, { publishedOnly: true, year, response, after: parseCursor(after), limit, overdueBefore: overdueBefore(today, delay) });
        const ids = page.items.map((o) => o.id);
        const [links, answers] = await Promise.all([
          linksOfOpinions(app.db, c.id, ids),
          ids.length === 0
            ? []
            : app.db
                .selectFrom('ieecag_opinion')
                .select(['id', 'response_reason_ar', 'response_reason_fr', 'response_reason_en', 'response_decision_ar', 'response_decision_fr', 'response_decision_en'])
                .where('collectivity_id', '=', c.id)
                .where('id', 'in', ids)
                .execute(),
        ]);
        const base = `${app.config.baseUrl}/ar/c/${c.slug}/ieecag/opinions`;
        return {
          opinions: page.items.map((o) =>
            opinionDocument(o, answers.find((a) => a.id === o.id), links.get(o.id) ?? [], isOverdue(o, today, delay), `${base}/${o.id}`),
          ),
          next: page.next,
        };
      });
    },
  );
}
