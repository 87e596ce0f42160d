// The surveys' metrics (issue 15), which project 3's and project 4's impact indicators follow:
// satisfaction, the cumulative rate of the CSAT answers on each day answers came, per topic and per
// survey, drafts left out; respondents; and the gender lens' respondents; both databases.
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
  // the demo's surveys (if any) are removed: every figure here is of this file's
  await db.deleteFrom('survey').execute();
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  return { ...ctx, db, settatId, scope: { collectivityId: settatId, programmeId: programme.id } };
}

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
  // an answer dated after today (a clock gone wrong) is not a fact yet
  await answer(db, settatId, services, [1, 1], { at: daysAgo(-2) });

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
  assert.deepEqual(total, { women: 2, men: 1, total: 5 });
});
