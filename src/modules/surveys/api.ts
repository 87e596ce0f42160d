// Open data of the satisfaction surveys:
//   GET /api/v1/collectivities/{slug}/surveys                 published surveys with their window,
//                                                             state, kind (anonymous or signed),
//                                                             topic and respondents
//   GET /api/v1/collectivities/{slug}/surveys/{id}/results    per-question aggregates, the
//                                                             satisfaction rate with its rule and
//                                                             95% interval, respondents by channel;
//                                                             free text only once published, the
//                                                             first TEXTS_CAP of each question
// Never an individual answer (signed or not): counts only, and published free text. Served
// through cachedJson (ETag by the collectivity's content version, which answers bump).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { l10nOf, l10nSchema, problemSchema } from '../../platform/api-schemas.ts';
import { cachedJson, sendProblem } from '../../platform/http.tsx';
import { findCollectivity } from '../../platform/tenancy.ts';
import { findSurvey, surveyQuestions, surveyState } from './repository.ts';
import { publishedSurveys, surveyResults, textsPage } from './results.ts';
import { SATISFIED_FROM, questionKinds, responseChannels, surveyTopics } from './tables.ts';

/** Published free-text answers given per question (the results page pages through them all). */
const TEXTS_CAP = 50;

const satisfactionSchema = z
  .object({
    rule: z.string().describe('how the rate is counted'),
    satisfiedFrom: z.number().int().describe('CSAT answers (1–5) of this value or more count as satisfied'),
    satisfied: z.number().int(),
    answers: z.number().int(),
    rate: z.number().nullable().describe('percent, one decimal; null without answers'),
    interval: z.object({ low: z.number(), high: z.number() }).nullable().describe('95% Wilson score interval, percent'),
    indicative: z.boolean().describe('fewer than 30 answers: the rate is indicative'),
  })
  .meta({ id: 'SurveySatisfaction' });

const surveySummarySchema = z
  .object({
    id: z.number().int(),
    title: l10nSchema,
    opensAt: z.string().describe('ISO 8601 instant'),
    closesAt: z.string().describe('ISO 8601 instant'),
    state: z.enum(['upcoming', 'open', 'closed']),
    anonymous: z.boolean().describe('true: no account, one answer per device token plus rate limits; false: one answer per account'),
    topic: z.enum(surveyTopics),
    respondents: z.number().int(),
    url: z.string().describe('the public results page'),
    demo: z.boolean(),
  })
  .meta({ id: 'SurveySummary' });

const listSchema = z.object({ surveys: z.array(surveySummarySchema) });

const questionSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    kind: z.enum(questionKinds),
    text: l10nSchema,
    answered: z.number().int().describe('respondents who answered it (multiple choice: all respondents, the base of its shares)'),
    values: z.array(z.object({ value: z.number().int(), count: z.number().int() })).optional().describe('csat 1–5, scale 0–10, yes_no 1/0'),
    options: z.array(z.object({ id: z.number().int(), label: l10nSchema, count: z.number().int() })).optional().describe('single and multiple choice; multiple: counts can sum past the respondents'),
    mean: z.number().nullable().optional(),
    satisfaction: satisfactionSchema.optional(),
    texts: z
      .object({ published: z.number().int(), pending: z.number().int(), items: z.array(z.string()).describe(`the first ${TEXTS_CAP} published answers`) })
      .optional(),
  })
  .meta({ id: 'SurveyQuestionResults' });

const resultsSchema = z.object({
  survey: surveySummarySchema,
  byChannel: z.object(Object.fromEntries(responseChannels.map((c) => [c, z.number().int()])) as Record<(typeof responseChannels)[number], z.ZodNumber>).describe('paper and desk answers, typed in by staff, count like online ones'),
  satisfaction: satisfactionSchema.describe('every CSAT answer of the survey'),
  questions: z.array(questionSchema),
});

const RULE = `share of CSAT answers (1–5) of ${SATISFIED_FROM} or more over all CSAT answers`;

const satisfactionDoc = (s: { satisfied: number; answers: number; rate: number | null; low: number | null; high: number | null; few: boolean }) => ({
  rule: RULE,
  satisfiedFrom: SATISFIED_FROM,
  satisfied: s.satisfied,
  answers: s.answers,
  rate: s.rate,
  interval: s.low !== null && s.high !== null ? { low: s.low, high: s.high } : null,
  indicative: s.few,
});

type SurveyLike = { id: number; opens_at: string; closes_at: string; status: string; anonymous: number; topic: string; is_example: number; title_ar: string; title_fr: string | null; title_en: string | null };

export async function surveysApi(app: FastifyInstance): Promise<void> {
  const summary = (slug: string, s: SurveyLike, respondents: number): z.input<typeof surveySummarySchema> => ({
    id: s.id,
    title: l10nOf(s, 'title') ?? {},
    opensAt: s.opens_at,
    closesAt: s.closes_at,
    state: surveyState(s, new Date()) as 'upcoming' | 'open' | 'closed',
    anonymous: s.anonymous === 1,
    topic: s.topic as (typeof surveyTopics)[number],
    respondents,
    url: `${app.config.baseUrl}/ar/c/${slug}/surveys/${s.id}/results`,
    demo: s.is_example === 1,
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/collectivities/:slug/surveys',
    {
      schema: {
        tags: ['open data'],
        summary: "The collectivity's published satisfaction surveys, newest window first, with their respondents",
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: listSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      return cachedJson(request, reply, `api-surveys:${c.id}:${c.contentVersion}`, listSchema, async () => ({
        surveys: (await publishedSurveys(app.db, c.id)).map((s) => summary(c.slug, s, s.respondents)),
      }));
    },
  );

  api.get(
    '/api/v1/collectivities/:slug/surveys/:id/results',
    {
      schema: {
        tags: ['open data'],
        summary: "A published survey's results: per-question counts, the satisfaction rate with its rule and 95% interval, respondents by channel (never an individual answer)",
        params: z.object({ slug: z.string().max(100), id: z.coerce.number().int().min(1).max(999_999_999) }),
        response: { 200: resultsSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const c = await findCollectivity(app.db, request.params.slug, request);
      if (!c) return sendProblem(reply, 404, 'collectivity_not_found', 'Unknown collectivity');
      const survey = await findSurvey(app.db, c.id, request.params.id);
      if (!survey || survey.status !== 'published') return sendProblem(reply, 404, 'survey_not_found', 'This collectivity has no published survey of this id');
      return cachedJson(request, reply, `api-survey-results:${c.id}:${c.contentVersion}:${survey.id}`, resultsSchema, async () => {
        const questions = await surveyQuestions(app.db, c.id, survey.id);
        const r = await surveyResults(app.db, survey.id, questions);
        const docs = [];
        for (const q of r.questions) {
          const kind = q.question.kind as (typeof questionKinds)[number];
          const texts = kind === 'text' ? await textsPage(app.db, survey.id, { status: 'public', questionId: q.question.id, limit: TEXTS_CAP }) : null;
          docs.push({
            id: q.question.id,
            position: q.question.position,
            kind,
            text: l10nOf(q.question, 'text') ?? {},
            answered: q.answered,
            ...(q.values.length > 0 ? { values: q.values, mean: q.mean } : {}),
            ...(kind === 'single' || kind === 'multiple' ? { options: q.question.options.map((o, i) => ({ id: o.id, label: l10nOf(o, 'label') ?? {}, count: q.options[i]!.count })) } : {}),
            ...(q.satisfaction ? { satisfaction: satisfactionDoc(q.satisfaction) } : {}),
            ...(texts ? { texts: { published: q.published, pending: q.pending, items: texts.items.map((x) => x.text) } } : {}),
          });
        }
        return { survey: summary(c.slug, survey, r.respondents), byChannel: r.byChannel, satisfaction: satisfactionDoc(r.satisfaction), questions: docs };
      });
    },
  );
}
