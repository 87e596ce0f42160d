// The surveys' open data (issue 15): the list of published surveys and a survey's results (counts,
// satisfaction with its rule and interval, by channel); never an individual answer, free text only
// once published; a draft and another collectivity's survey are 404; the ETag answers 304. The
// metrics (satisfaction: the cumulative rate on each day answers came; respondents) and the gender
// lens' respondents, on both databases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { genderLens } from '../../src/modules/ieecag/gender-lens.ts';
import { surveysMetrics } from '../../src/modules/surveys/metrics.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { answer, makeSurvey } from '../helpers/surveys.ts';

const DAY = 86_400_000;
/** An instant `days` ago at noon UTC (13:00 in Casablanca: the same calendar day). */
const daysAgo = (days: number) => new Date(Date.parse(`${todayInCasablanca(new Date(Date.now() - days * DAY))}T12:00:00Z`)).toISOString();

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const otherId = await collectivityId(ctx.database, 'province-settat');
  // the demo's surveys (if any) are removed: every figure here is of this file's
  await db.deleteFrom('survey').execute();
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  return { ...ctx, db, settatId, otherId, scope: { collectivityId: settatId, programmeId: programme.id } };
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

test('metrics: cumulative satisfaction on each day answers came, respondents; the gender lens', async (t) => {
  const { db, settatId, scope } = await setup(t);
  const services = await makeSurvey(db, settatId, { topic: 'services', questions: [{ kind: 'csat' }, { kind: 'csat' }] });
  const council = await makeSurvey(db, settatId, { topic: 'council', questions: [{ kind: 'csat' }] });
  await makeSurvey(db, settatId, { status: 'draft', topic: 'meeting', questions: [{ kind: 'csat' }] });
  // day −3: 5 and 2 → 1/2; day −1: 4, 4 and 1, 3 → 3/6 … written below as an independent count
  await answer(db, settatId, services, [5, 2], { at: daysAgo(3), gender: 'female' });
  await answer(db, settatId, services, [4, 4], { at: daysAgo(1), gender: 'male' });
  await answer(db, settatId, services, [1, 3], { at: daysAgo(1), channel: 'paper' });
  await answer(db, settatId, council, [5], { at: daysAgo(2), gender: 'female' });

  const m = surveysMetrics.satisfaction!;
  const keys = (await m.variants!(db, scope)).map((v) => v.key);
  assert.deepEqual(keys, ['topic:council', 'topic:services', `survey:${services.id}`, `survey:${council.id}`]);
  const day = (d: number) => todayInCasablanca(new Date(Date.parse(daysAgo(d))));
  assert.deepEqual(await m.series(db, scope, 'topic:services'), [
    { date: day(3), value: 50 },
    { date: day(1), value: 50 },
  ]);
  assert.deepEqual(await m.series(db, scope, `survey:${council.id}`), [{ date: day(2), value: 100 }]);
  // every published survey: 1/2, then 2/3, then 4/7
  assert.deepEqual((await m.series(db, scope, null)).map((p) => p.value), [50, 66.7, 57.1]);
  assert.deepEqual(await m.series(db, scope, 'topic:meeting'), []);
  assert.deepEqual(await m.series(db, scope, 'nonsense'), []);
  assert.deepEqual(await surveysMetrics.respondents!.series(db, scope, 'topic:services'), [
    { date: day(3), value: 1 },
    { date: day(1), value: 3 },
  ]);

  const lens = (await genderLens(db, settatId)).find((s) => s.source === 'surveys')!;
  const total = lens.years.reduce((s, y) => ({ women: s.women + y.women, men: s.men + y.men, total: s.total + y.total }), { women: 0, men: 0, total: 0 });
  assert.deepEqual(total, { women: 2, men: 1, total: 4 });
});
