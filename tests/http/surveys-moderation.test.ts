// Moderation of a survey's free-text answers (issue 15): a moderator publishes or hides each
// pending text; the public results and the export show it only once published, never once hidden.
// The wrong role, another collectivity's moderator and a POST without CSRF are refused, nothing
// changed; both databases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { answer, makeSurvey } from '../helpers/surveys.ts';

const SECRET_PENDING = 'نص ينتظر المراجعة';
const SECRET_HIDDEN = 'نص محجوب';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const survey = await makeSurvey(db, settatId, { questions: [{ kind: 'csat' }, { kind: 'text' }] });
  await answer(db, settatId, survey, [4, { text: SECRET_PENDING }]);
  await answer(db, settatId, survey, [2, { text: SECRET_HIDDEN, status: 'hidden' }], { channel: 'paper' });
  return { ...ctx, db, survey };
}

test('moderation: publish and hide; wrong role, other collectivity, no CSRF refused', async (t) => {
  const { app, db, survey, database } = await setup(t);
  await createStaff(database, 'mod@settat.ma', 'moderator', 'settat');
  await createStaff(database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(database, 'mod@province.ma', 'moderator', 'province-settat');
  const pending = await db.selectFrom('survey_answer').select('id').where('survey_id', '=', survey.id).where('text_status', '=', 'pending').executeTakeFirstOrThrow();
  const status = async () => (await db.selectFrom('survey_answer').select('text_status').where('id', '=', pending.id).executeTakeFirstOrThrow()).text_status;
  const url = `/admin/c/settat/surveys/${survey.id}/texts`;

  const committee = await new StaffClient(app).login('committee@settat.ma');
  assert.equal((await committee.get(url)).statusCode, 403);
  assert.equal((await committee.post(`${url}/${pending.id}/publish`, {})).statusCode, 403);
  const foreign = await new StaffClient(app).login('mod@province.ma');
  assert.equal((await foreign.get(url)).statusCode, 403);
  assert.equal((await foreign.post(`${url}/${pending.id}/publish`, {})).statusCode, 403);
  // a moderator of the other collectivity, under its own slug: Settat's survey is not found
  const theirs = await foreign.post(`/admin/c/province-settat/surveys/${survey.id}/texts/${pending.id}/publish`, {});
  assert.equal(theirs.statusCode, 404);
  assert.equal(await status(), 'pending');

  const mod = await new StaffClient(app).login('mod@settat.ma');
  const queue = await mod.get(url);
  assert.equal(queue.statusCode, 200);
  assert.ok(queue.body.includes(SECRET_PENDING));
  assert.ok(!queue.body.includes(SECRET_HIDDEN));
  assert.equal((await mod.post(`${url}/${pending.id}/publish`, {}, { csrf: 'forged' })).statusCode, 403);
  assert.equal(await status(), 'pending');

  const before = await app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results` });
  assert.ok(!before.body.includes(SECRET_PENDING));
  const published = await mod.post(`${url}/${pending.id}/publish`, {});
  assert.equal(published.statusCode, 303);
  assert.equal(await status(), 'public');
  const after = await app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results` });
  assert.ok(after.body.includes(SECRET_PENDING), 'the cached page moved with the content version');
  await mod.get(url);
  assert.equal((await mod.post(`${url}/${pending.id}/hide`, {})).statusCode, 303);
  assert.equal(await status(), 'hidden');
  const csv = await app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results.csv` });
  assert.ok(!csv.body.includes(SECRET_PENDING));
  assert.equal((await mod.post(`${url}/999999/hide`, {})).statusCode, 404);
});
