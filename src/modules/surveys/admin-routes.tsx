// Back office of the surveys module (survey.manage unless said):
//   GET      /admin/c/{slug}/surveys(?after=)              the surveys, newest first
//   GET/POST /admin/c/{slug}/surveys/new                   a new survey (a draft)
//   GET/POST /admin/c/{slug}/surveys/{id}                  its settings, questions, codes
//   POST     …/{id}/publish                                published (needs a question)
//   POST     …/{id}/questions                              a question added
//   GET/POST …/{id}/questions/{qid}                        a question edited
//   POST     …/{id}/questions/{qid}/move | /delete
//   POST     …/{id}/codes                                  N desk codes, shown once
//   GET/POST …/{id}/entries                                paper and desk answers (survey.enter)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowed, staffOf } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/errors.ts';
import { casablancaToIso, isoToCasablanca } from '../../platform/i18n/format.ts';
import { requireId } from '../../platform/params.ts';
import { pick, pickText } from '../../platform/tenancy.ts';
import { type FieldErrors, type FormValues, fieldErrors, htmlConstraints } from '../../platform/validation.ts';
import { meetingChoices } from '../dialogue/participants.ts';
import '../services/tables.ts';
import { submitAnswer } from './commands/answer.ts';
import { addQuestion, createSurvey, deleteQuestion, generateCodes, moveQuestion, publishSurvey, updateQuestion, updateSurvey } from './commands/build.ts';
import { findSurvey, surveyQuestions, surveyState } from './repository.ts';
import { codesForm, entryForm, listQuery, moveForm, questionForm, questionInput, surveyForm, surveyInput } from './schema.ts';
import type { SurveyQuestionRow, SurveyRow } from './tables.ts';
import { type Choices, CodesPage, EntriesPage, NewSurveyPage, QuestionAdminPage, SurveyAdminPage, SurveysAdminPage, adminBase } from './views/builder.tsx';

type Params = { slug: string; id: string; qid: string };
type Form = { values: FormValues; errors: FieldErrors };

const PAGE = 50;
const constraints = { survey: htmlConstraints(surveyForm), question: htmlConstraints(questionForm), codes: htmlConstraints(codesForm) };
const empty: Form = { values: {}, errors: {} };
const manage = { config: { permission: 'survey.manage' } } as const;
const enter = { config: { permission: 'survey.enter' } } as const;

const surveyValues = (s: SurveyRow): FormValues => ({
  title_ar: s.title_ar, title_fr: s.title_fr ?? '', title_en: s.title_en ?? '',
  intro_ar: s.intro_ar ?? '', intro_fr: s.intro_fr ?? '', intro_en: s.intro_en ?? '',
  opens_at: isoToCasablanca(s.opens_at), closes_at: isoToCasablanca(s.closes_at),
  signature: s.anonymous === 1 ? 'anonymous' : 'signed', audience: s.audience,
  meeting_id: s.meeting_id ? String(s.meeting_id) : '', service_id: s.service_id ? String(s.service_id) : '', topic: s.topic,
});

const questionValues = (q: SurveyQuestionRow & { options: { label_ar: string; label_fr: string | null; label_en: string | null }[] }): FormValues => ({
  kind: q.kind, required: String(q.required), about: q.about ?? '',
  text_ar: q.text_ar, text_fr: q.text_fr ?? '', text_en: q.text_en ?? '',
  help_ar: q.help_ar ?? '', help_fr: q.help_fr ?? '', help_en: q.help_en ?? '',
  ...(q.about === null
    ? { options_ar: q.options.map((o) => o.label_ar).join('\n'), options_fr: q.options.map((o) => o.label_fr ?? '').join('\n').trim(), options_en: q.options.map((o) => o.label_en ?? '').join('\n').trim() }
    : {}),
});

const pickFields = (body: FormValues, names: string[]) => Object.fromEntries(names.map((n) => [n, body[n]]));
const surveyFields = ['title_ar', 'title_fr', 'title_en', 'intro_ar', 'intro_fr', 'intro_en', 'opens_at', 'closes_at', 'signature', 'audience', 'meeting_id', 'service_id', 'topic'];
const questionFields = ['kind', 'required', 'about', 'text_ar', 'text_fr', 'text_en', 'help_ar', 'help_fr', 'help_en', 'options_ar', 'options_fr', 'options_en'];

export async function surveysAdminRoutes(app: FastifyInstance): Promise<void> {
  const admin = (request: FastifyRequest) => {
    const { collectivity: c, actor } = staffOf(request);
    return { c, scope: { actor, collectivityId: c.id }, place: { slug: c.slug, name: pick(c.name, request.locale) } };
  };

  async function choicesOf(collectivityId: number, locale: FastifyRequest['locale']): Promise<Choices> {
    const [meetings, services] = await Promise.all([
      meetingChoices(app.db, collectivityId),
      app.db.selectFrom('public_service').select(['id', 'name_ar', 'name_fr', 'name_en']).where('collectivity_id', '=', collectivityId).orderBy('position').orderBy('id').limit(500).execute(),
    ]);
    return {
      meetings: meetings.map((m) => [String(m.id), `${isoToCasablanca(m.startsAt).slice(0, 10)} — ${pick(m.title, locale).text}`]),
      services: services.map((s) => [String(s.id), pickText(s, 'name', locale).text]),
    };
  }

  async function surveyOf(request: FastifyRequest<{ Params: Params }>, collectivityId: number): Promise<SurveyRow> {
    const s = await findSurvey(app.db, collectivityId, requireId(request.params.id, 'survey_not_found'));
    if (!s) throw notFound('survey_not_found');
    return s;
  }

  async function counts(collectivityId: number, surveyId: number) {
    const rows = await app.db
      .selectFrom('survey_response')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('collectivity_id', '=', collectivityId)
      .where('survey_id', '=', surveyId)
      .groupBy('channel')
      .execute();
    const by = (ch: string) => Number(rows.find((r) => r.channel === ch)?.n ?? 0);
    return { online: by('online'), paper: by('paper'), desk: by('desk') };
  }

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/surveys', manage, async (request, reply) => {
    const { c, place } = admin(request);
    const { after } = listQuery.parse(request.query ?? {});
    const rows = await app.db
      .selectFrom('survey')
      .selectAll()
      .where('collectivity_id', '=', c.id)
      .$if(after !== undefined, (q) => q.where('id', '<', after!))
      .orderBy('id', 'desc')
      .limit(PAGE + 1)
      .execute();
    const shown = rows.slice(0, PAGE);
    const totals = shown.length === 0 ? [] : await app.db
      .selectFrom('survey_response')
      .select(['survey_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('collectivity_id', '=', c.id)
      .where('survey_id', 'in', shown.map((s) => s.id))
      .groupBy('survey_id')
      .execute();
    const base = adminBase(c.slug);
    const at = new Date();
    return reply.page(
      <SurveysAdminPage
        place={place}
        canManage
        publicHref={`/${request.locale}/c/${c.slug}/surveys`}
        rows={shown.map((s) => ({ id: s.id, title: pickText(s, 'title', request.locale), state: surveyState(s, at), opensAt: s.opens_at, closesAt: s.closes_at, responses: Number(totals.find((x) => x.survey_id === s.id)?.n ?? 0) }))}
        firstHref={after !== undefined ? base : null}
        nextHref={rows.length > PAGE ? `${base}?after=${shown[shown.length - 1].id}` : null}
      />,
    );
  });

  async function newPage(request: FastifyRequest, reply: FastifyReply, form: Form, status = 200) {
    const { c, place } = admin(request);
    return reply.page(<NewSurveyPage place={place} state={{ ...form, constraints: constraints.survey }} choices={await choicesOf(c.id, request.locale)} />, status);
  }

  app.get('/admin/c/:slug/surveys/new', manage, (request, reply) => newPage(request, reply, { values: { signature: 'signed', audience: 'everyone', topic: 'services' }, errors: {} }));

  app.post('/admin/c/:slug/surveys/new', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const values = pickFields((request.body ?? {}) as FormValues, surveyFields);
    const parsed = surveyForm.safeParse(values);
    if (!parsed.success) return newPage(request, reply, { values, errors: fieldErrors(parsed.error) }, 400);
    const result = await createSurvey(app.db, scope, surveyInput(parsed.data, casablancaToIso));
    if (!result.ok) return newPage(request, reply, { values, errors: result.errors }, 400);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${result.value}`, 'surveys.admin.flash.created');
  });

  async function surveyPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, forms: { settings?: Form; question?: Form; publish?: FieldErrors; codes?: Form } = {}, status = 200) {
    const { c, place } = admin(request);
    const s = await surveyOf(request, c.id);
    const [questions, responses, choices] = await Promise.all([surveyQuestions(app.db, c.id, s.id), counts(c.id, s.id), choicesOf(c.id, request.locale)]);
    return reply.page(
      <SurveyAdminPage
        place={place}
        id={s.id}
        title={pickText(s, 'title', request.locale).text}
        state={surveyState(s, new Date())}
        responses={responses}
        questions={questions}
        settings={{ ...(forms.settings ?? { values: surveyValues(s), errors: {} }), constraints: constraints.survey }}
        question={{ ...(forms.question ?? { values: { kind: 'csat', required: '1' }, errors: {} }), constraints: constraints.question }}
        publishErrors={forms.publish ?? {}}
        choices={choices}
        audience={s.audience}
        codes={{ ...(forms.codes ?? empty), constraints: constraints.codes }}
        publicHref={`/${request.locale}/c/${c.slug}/surveys/${s.id}`}
        canEnter={allowed(request.user, 'survey.enter', c.id)}
      />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/surveys/:id', manage, (request, reply) => surveyPage(request, reply));

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const values = pickFields((request.body ?? {}) as FormValues, surveyFields);
    const parsed = surveyForm.safeParse(values);
    if (!parsed.success) return surveyPage(request, reply, { settings: { values, errors: fieldErrors(parsed.error) } }, 400);
    const result = await updateSurvey(app.db, scope, s.id, surveyInput(parsed.data, casablancaToIso));
    if (!result.ok) return surveyPage(request, reply, { settings: { values, errors: result.errors } }, 400);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}`, 'surveys.admin.flash.saved');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/publish', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const result = await publishSurvey(app.db, scope, s.id);
    if (!result.ok) return surveyPage(request, reply, { publish: result.errors }, 400);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}`, 'surveys.admin.flash.published');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/questions', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const values = pickFields((request.body ?? {}) as FormValues, questionFields);
    const parsed = questionForm.safeParse(values);
    if (!parsed.success) return surveyPage(request, reply, { question: { values, errors: fieldErrors(parsed.error) } }, 400);
    const result = await addQuestion(app.db, scope, s.id, questionInput(parsed.data));
    if (!result.ok) return surveyPage(request, reply, { question: { values, errors: result.errors } }, 400);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}#questions`, 'surveys.admin.flash.questionAdded');
  });

  async function questionPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, form: Form | null, status = 200) {
    const { c, place } = admin(request);
    const s = await surveyOf(request, c.id);
    const qid = requireId(request.params.qid, 'question_not_found');
    const [questions, responses] = await Promise.all([surveyQuestions(app.db, c.id, s.id), counts(c.id, s.id)]);
    const q = questions.find((x) => x.id === qid);
    if (!q) throw notFound('question_not_found');
    const frozen = responses.online + responses.paper + responses.desk > 0;
    return reply.page(
      <QuestionAdminPage place={place} surveyId={s.id} questionId={q.id} frozen={frozen} state={{ ...(form ?? { values: questionValues(q), errors: {} }), constraints: constraints.question }} />,
      status,
    );
  }

  app.get<{ Params: Params }>('/admin/c/:slug/surveys/:id/questions/:qid', manage, (request, reply) => questionPage(request, reply, null));

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/questions/:qid', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const qid = requireId(request.params.qid, 'question_not_found');
    const values = pickFields((request.body ?? {}) as FormValues, questionFields);
    const parsed = questionForm.safeParse(values);
    if (!parsed.success) return questionPage(request, reply, { values, errors: fieldErrors(parsed.error) }, 400);
    const result = await updateQuestion(app.db, scope, s.id, qid, questionInput(parsed.data));
    if (!result.ok) return questionPage(request, reply, { values, errors: result.errors }, 400);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}#questions`, 'surveys.admin.flash.saved');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/questions/:qid/move', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const parsed = moveForm.safeParse(request.body ?? {});
    if (!parsed.success) return surveyPage(request, reply, {}, 400);
    const result = await moveQuestion(app.db, scope, s.id, requireId(request.params.qid, 'question_not_found'), parsed.data.direction);
    if (!result.ok) return surveyPage(request, reply, { publish: result.errors }, 400);
    return reply.redirect(`${adminBase(c.slug)}/${s.id}#questions`, 303);
  });

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/questions/:qid/delete', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const result = await deleteQuestion(app.db, scope, s.id, requireId(request.params.qid, 'question_not_found'));
    if (!result.ok) return surveyPage(request, reply, { publish: result.errors }, 400);
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}#questions`, 'surveys.admin.flash.questionDeleted');
  });

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/codes', { ...manage, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope, place } = admin(request);
    const s = await surveyOf(request, c.id);
    const values = pickFields((request.body ?? {}) as FormValues, ['count']);
    const parsed = codesForm.safeParse(values);
    if (!parsed.success) return surveyPage(request, reply, { codes: { values, errors: fieldErrors(parsed.error) } }, 400);
    const result = await generateCodes(app.db, scope, s.id, parsed.data.count);
    if (!result.ok) return surveyPage(request, reply, { codes: { values, errors: result.errors } }, 400);
    // shown once: never cached, never stored in clear
    reply.header('cache-control', 'no-store');
    return reply.page(<CodesPage place={place} surveyId={s.id} title={pickText(s, 'title', request.locale)} codes={result.value} answerHref={`${app.config.baseUrl}/${request.locale}/c/${c.slug}/surveys/${s.id}`} />);
  });

  async function entriesPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, form: Form, status = 200) {
    const { c, place } = admin(request);
    const s = await surveyOf(request, c.id);
    if (s.status !== 'published') throw notFound('survey_not_found');
    const [questions, responses] = await Promise.all([surveyQuestions(app.db, c.id, s.id), counts(c.id, s.id)]);
    return reply.page(
      <EntriesPage place={place} surveyId={s.id} title={pickText(s, 'title', request.locale)} counts={responses} questions={questions} values={form.values} errors={form.errors} action={`${adminBase(c.slug)}/${s.id}/entries`} />,
      status,
    );
  }

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/admin/c/:slug/surveys/:id/entries', enter, (request, reply) =>
    entriesPage(request, reply, { values: { channel: request.query?.channel === 'desk' ? 'desk' : 'paper' }, errors: {} }),
  );

  app.post<{ Params: Params }>('/admin/c/:slug/surveys/:id/entries', { ...enter, preHandler: app.csrfProtection }, async (request, reply) => {
    const { c, scope } = admin(request);
    const s = await surveyOf(request, c.id);
    const body = (request.body ?? {}) as FormValues;
    const parsed = entryForm.safeParse(pickFields(body, ['channel', 'gender', 'age_band']));
    if (!parsed.success) return entriesPage(request, reply, { values: body, errors: fieldErrors(parsed.error) }, 400);
    const respondent = { kind: 'staff' as const, staffId: scope.actor.userId!, channel: parsed.data.channel, gender: parsed.data.gender, ageBand: parsed.data.age_band };
    const result = await submitAnswer(app.db, { collectivityId: c.id, surveyId: s.id, respondent }, body);
    if (!result.ok) return entriesPage(request, reply, { values: body, errors: result.errors }, 400);
    // the next slip starts from an empty form, on the same channel
    return reply.redirectWithFlash(`${adminBase(c.slug)}/${s.id}/entries?channel=${parsed.data.channel}`, 'surveys.paper.flash.saved');
  });
}
