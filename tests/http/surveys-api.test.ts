// The surveys' open data (issue 15): the list of published surveys and a survey's results (counts,
// satisfaction with its rule and interval, by channel); never an individual answer, free text only
// once published; a draft and another collectivity's survey are 404; the ETag answers 304; both
// databases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { answer, makeSurvey } from '../helpers/surveys.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const otherId = await collectivityId(ctx.database, 'province-settat');
  // the demo's surveys (if any) are removed: every figure here is of this file's
  await db.deleteFrom('survey').execute();
  return { ...ctx, db, settatId, otherId };
}

test('API: published surveys and their results, never an individual answer', async (t) => {
  const { app, db, settatId, otherId } = await setup(t);
  const survey = await makeSurvey(db, settatId, { anonymous: true, topic: 'council', questions: [{ kind: 'csat' }, { kind: 'multiple', options: ['أ', 'ب'] }, { kind: 'text' }] });
  const draft = await makeSurvey(db, settatId, { status: 'draft', questions: [{ kind: 'csat' }] });
  const other = await makeSurvey(db, otherId, { questions: [{ kind: 'csat' }] });
  await answer(db, settatId, survey, [5, [0, 1], { text: 'نص منشور', status: 'public' }], { channel: 'online', deviceHash: 'secret-device-hash' });
  await answer(db, settatId, survey, [2, [1], { text: 'نص في الانتظار' }], { channel: 'paper' });
  await answer(db, settatId, survey, [4, undefined, { text: 'نص محجوب', status: 'hidden' }], { channel: 'desk' });

  const list = await app.inject({ url: '/api/v1/collectivities/settat/surveys' });
  assert.equal(list.statusCode, 200);
  const surveys = list.json().surveys as { id: number; respondents: number; anonymous: boolean; topic: string; state: string }[];
  assert.deepEqual(surveys.map((s) => s.id), [survey.id]);
  assert.deepEqual([surveys[0]!.respondents, surveys[0]!.anonymous, surveys[0]!.topic, surveys[0]!.state], [3, true, 'council', 'open']);

  const res = await app.inject({ url: `/api/v1/collectivities/settat/surveys/${survey.id}/results` });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.deepEqual(body.byChannel, { online: 1, paper: 1, desk: 1 });
  assert.equal(body.satisfaction.satisfied, 2);
  assert.equal(body.satisfaction.answers, 3);
  assert.equal(body.satisfaction.rate, 66.7);
  assert.equal(body.satisfaction.indicative, true);
  assert.ok(body.satisfaction.interval.low < 66.7 && body.satisfaction.interval.high > 66.7);
  assert.match(body.satisfaction.rule, /4 or more/);
  const multiple = body.questions[1];
  assert.deepEqual(multiple.options.map((o: { count: number }) => o.count), [1, 2]);
  assert.deepEqual(body.questions[2].texts, { published: 1, pending: 1, items: ['نص منشور'] });
  assert.ok(!res.body.includes('نص في الانتظار') && !res.body.includes('نص محجوب') && !res.body.includes('secret-device-hash'));

  const etag = res.headers.etag as string;
  assert.ok(etag);
  assert.equal((await app.inject({ url: `/api/v1/collectivities/settat/surveys/${survey.id}/results`, headers: { 'if-none-match': etag } })).statusCode, 304);
  assert.equal((await app.inject({ url: `/api/v1/collectivities/settat/surveys/${draft.id}/results` })).statusCode, 404);
  assert.equal((await app.inject({ url: `/api/v1/collectivities/settat/surveys/${other.id}/results` })).statusCode, 404);
  assert.equal((await app.inject({ url: '/api/v1/collectivities/nowhere/surveys' })).statusCode, 404);

  const openapi = await app.inject({ url: '/api/v1/openapi.json' });
  assert.match(openapi.body, /collectivities\/\{slug\}\/surveys\/\{id\}\/results/);
  assert.match(openapi.body, /SurveySatisfaction/);
});
