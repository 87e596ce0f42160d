// The ballot-secrecy migration keeps every ballot of an existing database: ballots of the old
// shape (with their voter's hash) become anonymous ballots plus "has voted" marks, with the same
// choices, the day only, and a keyed link where a changeable round is still open.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { ballotLinkKey, changeKey } from '../../src/modules/budget/model.ts';
import { emptyDatabase, provider } from '../helpers/migrations.ts';

const SECRECY = '20261204T1300_budget_secrecy';

test('the secrecy migration moves every existing ballot: same choices, marks from the old hashes, the day only', async (t) => {
  const database = await emptyDatabase(t);
  const db = database.db as any;
  const migrate = async (before?: string) => {
    const { error } = await new Migrator({ db, provider: provider(before) }).migrateToLatest();
    if (error) throw error;
  };
  await migrate(SECRECY);
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const { id: cid } = await db.insertInto('collectivity').values({ slug: 'settat', name_ar: 'سطات', kind: 'commune', created_at: at(0) }).returning('id').executeTakeFirstOrThrow();
  const round = async (changeable: number, open: boolean) =>
    (await db.insertInto('budget_round').values({
      collectivity_id: cid, title_ar: 'دورة', envelope_mad: 1_000_000, rule: 'knapsack', changeable,
      information_at: at(-50), submission_at: at(-40), review_at: at(-30), voting_at: at(-20), results_at: at(open ? 20 : -10), implementation_at: at(30), created_at: at(-60),
    }).returning('id').executeTakeFirstOrThrow()).id as number;
  const closed = await round(0, false);
  const open = await round(1, true);
  const project = async (r: number) => (await db.insertInto('budget_project').values({ collectivity_id: cid, round_id: r, title: 'مشروع', description: 'وصف', neighbourhood: 'حي', estimated_cost_mad: 100, status: 'feasible', created_at: at(-35) }).returning('id').executeTakeFirstOrThrow()).id as number;
  const pc = [await project(closed), await project(closed)];
  const po = await project(open);
  const old = [
    { round_id: closed, voter_hash: 'a'.repeat(64), channel: 'online', cast_at: '2026-06-01T23:30:00.000Z', gender: 'f', age_band: '25-34', choices: [pc[0], pc[1]] },
    { round_id: closed, voter_hash: 'b'.repeat(64), channel: 'paper', cast_at: '2026-06-02T10:00:00.000Z', gender: null, age_band: null, choices: [pc[1]] },
    { round_id: open, voter_hash: 'c'.repeat(64), channel: 'online', cast_at: at(-1), gender: 'm', age_band: '65+', choices: [po] },
  ];
  for (const { choices, ...b } of old) {
    const { id } = await db.insertInto('budget_ballot').values({ collectivity_id: cid, ...b }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('budget_ballot_choice').values(choices.map((project_id) => ({ collectivity_id: cid, ballot_id: id, project_id }))).execute();
  }
  const saved = process.env.SESSION_SECRET;
  process.env.SESSION_SECRET = 'migration-secret-migration-secret';
  t.after(() => {
    if (saved === undefined) delete process.env.SESSION_SECRET;
    else process.env.SESSION_SECRET = saved;
  });

  await migrate();

  const ballots = await db.selectFrom('budget_ballot').selectAll().orderBy('round_id').orderBy('channel').execute();
  assert.equal(ballots.length, 3);
  for (const b of ballots) assert.match(b.id, /^[0-9a-f]{32}$/);
  // Casablanca is UTC+1 here: 23:30 UTC on 1 June is already 2 June
  assert.deepEqual(ballots.map((b: { cast_on: string }) => b.cast_on).slice(0, 2), ['2026-06-02', '2026-06-02']);
  assert.ok(!('voter_hash' in ballots[0]) && !('cast_at' in ballots[0]) && !('gender' in ballots[0]));
  const choices = async (id: string) => (await db.selectFrom('budget_ballot_choice').select('project_id').where('ballot_id', '=', id).execute()).map((c: { project_id: number }) => c.project_id).sort();
  const byRound = (r: number, channel: string) => ballots.find((b: { round_id: number; channel: string }) => b.round_id === r && b.channel === channel);
  assert.deepEqual(await choices(byRound(closed, 'online').id), [...pc].sort());
  assert.deepEqual(await choices(byRound(closed, 'paper').id), [pc[1]]);
  assert.deepEqual(await choices(byRound(open, 'online').id), [po]);
  // the link only where a changeable round is still open, under the ballot-link key
  assert.equal(byRound(closed, 'online').change_key, null);
  assert.equal(byRound(closed, 'paper').change_key, null);
  assert.equal(byRound(open, 'online').change_key, changeKey(ballotLinkKey('migration-secret-migration-secret', {}), open, 'c'.repeat(64)));
  const marks = await db.selectFrom('budget_voted').select(['round_id', 'voter_hash', 'gender', 'age_band']).orderBy('voter_hash').execute();
  assert.deepEqual(marks, old.map((b) => ({ round_id: b.round_id, voter_hash: b.voter_hash, gender: b.gender, age_band: b.age_band })));
  await assert.rejects(sql`select * from budget_attempt`.execute(db));
});
