// Every "at most N an hour" of citizens' writes holds under a burst: N + k concurrent writes by
// one account, split over two app instances on PostgreSQL, store exactly N (issue 10,
// item 5). Supports need no counter: one per account and proposal or project (primary keys).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upsertUser } from '../../src/platform/auth/users.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { MAX_COMMENTS_PER_HOUR, addComment } from '../../src/modules/cocreation/commands/comments.ts';
import { MAX_CONTRIBUTIONS_PER_HOUR, contribute } from '../../src/modules/cocreation/commands/consultation.ts';
import { MAX_PER_HOUR, submitProposal } from '../../src/modules/cocreation/commands/submit-proposal.ts';
import { MAX_SUBMISSIONS_PER_HOUR, submitProject } from '../../src/modules/budget/commands/projects.ts';
import { HOUR, addRound, iso } from '../helpers/budget.ts';
import { TEST_PASSWORD, buildTestApp, collectivityId, secondInstance, usingPostgres } from '../helpers/app.ts';

const EXTRA = 15;

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const first = await buildTestApp(t);
  const db = first.database.db;
  // two pools on PostgreSQL, where races show; SQLite is one file written by one process
  const other = usingPostgres ? (await secondInstance(t, first)).database.db : db;
  const settatId = await collectivityId(first.database, 'settat');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const user = await upsertUser(db, { email: 'burst@example.ma', password: TEST_PASSWORD, displayName: 'مواطن' });
  await db.updateTable('app_user').set({ email_verified_at: iso(0) }).where('id', '=', user.id).execute();
  return { dbs: [db, other], db, settatId, programmeId: programme.id, userId: user.id };
}

/** Runs `count` writes at once, alternating between the two instances' pools; how many succeeded. */
async function burst(dbs: Db[], count: number, write: (db: Db, i: number) => Promise<{ ok: boolean } | null>) {
  const results = await Promise.all(Array.from({ length: count }, (_, i) => write(dbs[i % 2], i)));
  return results.filter((r) => r?.ok).length;
}

const countRows = async (db: Db, table: 'proposal' | 'proposal_comment' | 'consultation_contribution', userId: number) =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('author_user_id', '=', userId).executeTakeFirstOrThrow()).n);

test('proposals: 5 + 15 concurrent submissions on two instances store 5', async (t) => {
  const { dbs, db, settatId, programmeId, userId } = await setup(t);
  await db
    .insertInto('call_for_proposals')
    .values({ collectivity_id: settatId, programme_id: programmeId, opens_at: iso(-HOUR), closes_at: iso(100 * HOUR), channels: 'online', published_at: iso(-HOUR), title_ar: 'طلب اقتراحات', title_fr: null, title_en: null, body_ar: 'نص', body_fr: null, body_en: null })
    .execute();
  const axis = await db.selectFrom('axis').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const ok = await burst(dbs, MAX_PER_HOUR + EXTRA, (d, i) => submitProposal(d, { collectivityId: settatId, programmeId, userId }, { title: `فكرة ${i}`, body: 'نص', axisId: axis.id }, 'ar'));
  assert.equal(ok, MAX_PER_HOUR);
  assert.equal(await countRows(db, 'proposal', userId), MAX_PER_HOUR);
});

test('comments: 10 + 15 concurrent comments on two instances store 10', async (t) => {
  const { dbs, db, settatId, userId } = await setup(t);
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const ok = await burst(dbs, MAX_COMMENTS_PER_HOUR + EXTRA, (d, i) => addComment(d, settatId, proposal.id, userId, `تعليق ${i}`, 'ar', { baseUrl: 'http://test', slug: 'settat', secret: 'test' }));
  assert.equal(ok, MAX_COMMENTS_PER_HOUR);
  assert.equal(await countRows(db, 'proposal_comment', userId), MAX_COMMENTS_PER_HOUR);
});

test('consultation contributions: 10 + 15 concurrent contributions on two instances store 10', async (t) => {
  const { dbs, db, settatId, programmeId, userId } = await setup(t);
  await db.updateTable('programme').set({ status: 'consultation' }).where('id', '=', programmeId).execute();
  await db.insertInto('consultation_window').values({ programme_id: programmeId, collectivity_id: settatId, opens_at: iso(-HOUR), closes_at: iso(100 * HOUR), updated_at: iso(0) }).execute();
  const project = await db.selectFrom('project').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const ok = await burst(dbs, MAX_CONTRIBUTIONS_PER_HOUR + EXTRA, (d, i) => contribute(d, { collectivityId: settatId, programmeId, userId }, project.id, `مساهمة ${i}`, 'ar'));
  assert.equal(ok, MAX_CONTRIBUTIONS_PER_HOUR);
  assert.equal(await countRows(db, 'consultation_contribution', userId), MAX_CONTRIBUTIONS_PER_HOUR);
});

test('budget projects: 3 + 15 concurrent submissions on two instances store 3', async (t) => {
  const { dbs, db, settatId, userId } = await setup(t);
  const { roundId } = await addRound(db, settatId);
  // the round in its submission phase
  await db
    .updateTable('budget_round')
    .set({ information_at: iso(-2 * HOUR), submission_at: iso(-HOUR), review_at: iso(10 * HOUR), voting_at: iso(20 * HOUR), results_at: iso(30 * HOUR), implementation_at: iso(40 * HOUR) })
    .where('id', '=', roundId)
    .execute();
  const input = (i: number) => ({ title: `مشروع ${i}`, description: 'وصف', neighbourhood: 'حي السلام', estimated_cost_mad: 100_000, district_id: null });
  const ok = await burst(dbs, MAX_SUBMISSIONS_PER_HOUR + EXTRA, (d, i) => submitProject(d, { collectivityId: settatId, roundId, userId }, input(i), []));
  assert.equal(ok, MAX_SUBMISSIONS_PER_HOUR);
  const stored = await db.selectFrom('budget_project').select('id').where('round_id', '=', roundId).where('author_id', '=', userId).execute();
  assert.equal(stored.length, MAX_SUBMISSIONS_PER_HOUR);
});

test('a write refused for another reason does not use up the hour', async (t) => {
  const { db, settatId, programmeId, userId } = await setup(t);
  // no call is open: every submission is refused, and none is counted
  for (let i = 0; i < MAX_PER_HOUR + 2; i++) {
    const r = await submitProposal(db, { collectivityId: settatId, programmeId, userId }, { title: 'فكرة', body: 'نص', axisId: 1 }, 'ar');
    assert.equal(r.ok, false);
  }
  const counted = await db.selectFrom('rate_counter').select('n').where('key', '=', `proposal:user:${userId}`).executeTakeFirst();
  assert.equal(counted, undefined);
});
