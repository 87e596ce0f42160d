// Results of a published survey. Public, through the page cache (answers and moderation bump the
// content version): /{locale}/c/{slug}/surveys/{id}/results, …/results/questions/{qid}/texts (the
// published free text of a question, a keyset page at a time), and the anonymised answers
// …/results.csv and …/results.xlsx (streamed, ETag by content version). A draft, or a survey of
// another collectivity under this slug: 404. Back office (permission survey.moderate):
// /admin/c/{slug}/surveys/{id}/texts, the pending free text, and POST …/texts/{answerId}/publish|hide.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedPage } from '../../platform/http.tsx';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { parseId, requireId } from '../../platform/params.ts';
import { pick, pickText, requireCollectivity } from '../../platform/tenancy.ts';
import { writeAnswersCsv, writeAnswersXlsx } from './export.ts';
import { moderateText, moderationActions, type ModerationAction } from './moderation.ts';
import { findSurvey, surveyQuestions, surveyState } from './repository.ts';
import { pendingCount, surveyResults, textsPage } from './results.ts';
import { ModerationPage } from './views/moderation.tsx';
import { ResultsPage, type ResultsView, TextsPage } from './views/results.tsx';

type PublicParams = { locale: string; slug: string; id: string; qid?: string };
type AdminParams = { slug: string; id: string; answerId?: string; action?: string };

/** Published texts shown under each question on the results page; the rest on its own pages. */
const TEXTS_SHOWN = 5;
const TEXTS_PAGE = 20;
const MODERATION_PAGE = 20;

const afterOf = (q: unknown) => parseId((q as Record<string, string | undefined> | undefined)?.after) ?? null;

export async function resultsRoutes(app: FastifyInstance): Promise<void> {
  async function publishedSurvey(request: FastifyRequest<{ Params: PublicParams }>) {
    if (!isLocale(request.params.locale)) throw notFound();
    const c = await requireCollectivity(app.db, request.params.slug, request);
    const id = requireId(request.params.id, 'survey_not_found');
    const survey = await findSurvey(app.db, c.id, id);
    if (!survey || survey.status !== 'published') throw notFound('survey_not_found');
    const base = `/${request.locale}/c/${c.slug}`;
    return { c, survey, base, href: `${base}/surveys/${survey.id}/results`, place: { name: pick(c.name, request.locale), href: base } };
  }

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/surveys/:id/results', async (request, reply) => {
    const { c, survey, place, href } = await publishedSurvey(request);
    return cachedPage(request, reply, `survey-results:${c.id}:${c.contentVersion}:${survey.id}`, async () => {
      const locale = request.locale;
      const questions = await surveyQuestions(app.db, c.id, survey.id);
      const results = await surveyResults(app.db, survey.id, questions);
      const shown = new Map<number, ResultsView['questions'] extends Map<number, infer V> ? V : never>();
      for (const q of questions) {
        const texts = q.kind === 'text' ? await textsPage(app.db, survey.id, { status: 'public', questionId: q.id, limit: TEXTS_SHOWN }) : { items: [], next: null };
        shown.set(q.id, {
          text: pickText(q, 'text', locale),
          options: new Map(q.options.map((o) => [o.id, pickText(o, 'label', locale).text])),
          texts: texts.items,
          moreHref: texts.next !== null ? `${href}/questions/${q.id}/texts` : null,
        });
      }
      const view: ResultsView = { title: pickText(survey, 'title', locale), state: surveyState(survey, new Date()), anonymous: survey.anonymous === 1, href, results, breakdowns: results.breakdowns, questions: shown };
      return <ResultsPage place={place} view={view} />;
    });
  });

  app.get<{ Params: PublicParams }>('/:locale/c/:slug/surveys/:id/results/questions/:qid/texts', async (request, reply) => {
    const { c, survey, place, href } = await publishedSurvey(request);
    const qid = requireId(request.params.qid, 'question_not_found');
    const after = afterOf(request.query);
    return cachedPage(request, reply, `survey-texts:${c.id}:${c.contentVersion}:${survey.id}:${qid}:${after ?? ''}`, async () => {
      const question = (await surveyQuestions(app.db, c.id, survey.id)).find((q) => q.id === qid && q.kind === 'text');
      if (!question) throw notFound('question_not_found');
      const page = await textsPage(app.db, survey.id, { status: 'public', questionId: qid, after, limit: TEXTS_PAGE });
      const here = `${href}/questions/${qid}/texts`;
      return (
        <TextsPage
          place={place}
          surveyTitle={pickText(survey, 'title', request.locale)}
          resultsHref={href}
          question={pickText(question, 'text', request.locale)}
          items={page.items}
          firstHref={after !== null ? here : null}
          nextHref={page.next !== null ? `${here}?after=${page.next}` : null}
        />
      );
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get<{ Params: PublicParams }>(`/:locale/c/:slug/surveys/:id/results.${format}`, async (request, reply) => {
      const { c, survey } = await publishedSurvey(request);
      const etag = `"survey-${survey.id}-${c.contentVersion}-${format}-${request.locale}"`;
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const questions = await surveyQuestions(app.db, c.id, survey.id);
      const out = new PassThrough();
      const written = format === 'csv' ? writeAnswersCsv(app.db, survey.id, questions, request.locale, out) : writeAnswersXlsx(app.db, survey.id, questions, request.locale, out);
      written.then(
        () => {
          if (!out.writableEnded) out.end();
        },
        (err: Error) => {
          request.log.error({ err }, 'survey export failed');
          out.destroy(err);
        },
      );
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${c.slug}-survey-${survey.id}-${request.locale}.${format}"`)
        .header('etag', etag)
        .header('cache-control', 'public, max-age=0, must-revalidate')
        .send(out);
    });
  }

  // ---- moderation ----------------------------------------------------------------------------

  const moderate = { config: { permission: 'survey.moderate' } } as const;

  async function staffSurvey(request: FastifyRequest<{ Params: AdminParams }>) {
    const { collectivity: c, actor } = staffOf(request);
    const survey = await findSurvey(app.db, c.id, requireId(request.params.id, 'survey_not_found'));
    if (!survey) throw notFound('survey_not_found');
    return { c, actor, survey, base: `/admin/c/${c.slug}/surveys/${survey.id}/texts` };
  }

  app.get<{ Params: AdminParams }>('/admin/c/:slug/surveys/:id/texts', moderate, async (request, reply) => {
    const { c, survey, base } = await staffSurvey(request);
    const after = afterOf(request.query);
    const [questions, page, pending] = await Promise.all([
      surveyQuestions(app.db, c.id, survey.id),
      textsPage(app.db, survey.id, { status: 'pending', after, limit: MODERATION_PAGE }),
      pendingCount(app.db, survey.id),
    ]);
    const questionText = new Map(questions.map((q) => [q.id, pickText(q, 'text', request.locale).text]));
    return reply.page(
      <ModerationPage
        place={{ slug: c.slug, name: pick(c.name, request.locale) }}
        surveyTitle={pickText(survey, 'title', request.locale).text}
        base={base}
        pending={pending}
        items={page.items.map((x) => ({ id: x.id, question: questionText.get(x.questionId) ?? '', text: x.text }))}
        firstHref={after !== null ? base : null}
        nextHref={page.next !== null ? `${base}?after=${page.next}` : null}
      />,
    );
  });

  app.post<{ Params: AdminParams }>('/admin/c/:slug/surveys/:id/texts/:answerId/:action', { ...moderate, preHandler: app.csrfProtection }, async (request: FastifyRequest<{ Params: AdminParams }>, reply: FastifyReply) => {
    const { c, actor, survey, base } = await staffSurvey(request);
    const action = request.params.action as ModerationAction;
    if (!(action in moderationActions)) throw notFound();
    const result = await moderateText(app.db, { actor, collectivityId: c.id }, survey.id, requireId(request.params.answerId, 'answer_not_found'), action);
    if (!result.ok) throw notFound('answer_not_found');
    return reply.redirectWithFlash(base, `surveys.moderation.flash.${action}`);
  });
}
