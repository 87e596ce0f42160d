// Sealing (src/modules/budget/commands/seal.ts): once voting has closed, a round's ballots are
// rewritten once across instances, under new ids, without links; the results do not move. On
// PostgreSQL, before sealing a ballot shares its writing transaction (xmin) with its voter's
// "has voted" mark; after sealing, none does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { sealClosedRounds } from '../../src/modules/budget/commands/seal.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { secondInstance, usingPostgres } from '../helpers/app.ts';
import { HOUR, citizen, iso, setup, verify, vote } from '../helpers/budget.ts';

/** Ballots that share the transaction id of a mark: pairs a person with a ballot (PostgreSQL). */
const pairedByXmin = async (db: Db, roundId: number) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from budget_ballot b join budget_voted m on m.xmin = b.xmin and m.round_id = b.round_id where b.round_id = ${roundId}`.execute(db)).rows[0].n,
  );

test('a closed round is sealed once across two instances: new ids, no links, same results, nothing pairs a mark with a ballot', async (t) => {
  const ctx = await setup(t, { changeable: true });
  const { app, db, roundId, p } = ctx;
  // two instances on PostgreSQL; SQLite is one file written by one process
  const other = usingPostgres ? (await secondInstance(t, ctx)).database.db : db;
  for (const [email, cin, birth, projects] of [
    ['amina@example.ma', 'BK123456', '1980-05-17', [p.garden]],
    ['salma@example.ma', 'AB654321', '1992-11-02', [p.lights, p.library]],
    ['omar@example.ma', 'W998877', '1975-01-30', [p.library]],
  ] as const) {
    const voter = await citizen(app, db, email);
    assert.equal((await verify(voter, roundId, cin, birth)).statusCode, 303);
    assert.equal((await vote(voter, roundId, [...projects])).statusCode, 303);
  }
  const before = await db.selectFrom('budget_ballot').select(['id', 'change_key']).where('round_id', '=', roundId).execute();
  assert.equal(before.length, 3);
  assert.ok(before.every((b) => b.change_key !== null), 'a changeable round keeps keyed links while voting is open');
  if (usingPostgres) assert.equal(await pairedByXmin(db, roundId), 3, 'the gap this fixes: each ballot shares its transaction with a mark');

  // still voting: nothing to seal
  assert.equal(await sealClosedRounds(db), 0);

  await db.updateTable('budget_round').set({ results_at: iso(-HOUR), implementation_at: iso(HOUR) }).where('id', '=', roundId).execute();
  const results = async () => (await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results`)).json();
  const resultsBefore = await results();

  // both instances sweep at once: the round is sealed by exactly one
  const counts = await Promise.all([sealClosedRounds(db), sealClosedRounds(other)]);
  assert.equal(counts[0] + counts[1], 1);
  assert.equal(await sealClosedRounds(db), 0, 'sealed once');

  const after = await db.selectFrom('budget_ballot').select(['id', 'change_key']).where('round_id', '=', roundId).execute();
  assert.equal(after.length, 3);
  assert.ok(after.every((b) => /^[0-9a-f]{32}$/.test(b.id) && !before.some((o) => o.id === b.id)), 'every ballot has a new id');
  assert.ok(after.every((b) => b.change_key === null), 'no keyed link survives the close');
  const choices = await db.selectFrom('budget_ballot_choice').select('ballot_id').where('ballot_id', 'in', after.map((b) => b.id)).execute();
  assert.equal(choices.length, 4);
  assert.deepEqual(await results(), resultsBefore);
  if (usingPostgres) assert.equal(await pairedByXmin(db, roundId), 0);
  const round = await db.selectFrom('budget_round').select('sealed_at').where('id', '=', roundId).executeTakeFirstOrThrow();
  assert.ok(round.sealed_at);
});

test('the demo round, whose voting is over, is loaded sealed', async (t) => {
  const { database } = await (await import('../helpers/app.ts')).buildTestApp(t);
  const db = database.db;
  const rounds = await db.selectFrom('budget_round').select(['id', 'results_at', 'sealed_at']).execute();
  const closed = rounds.filter((r) => r.results_at <= new Date().toISOString());
  assert.ok(closed.length >= 1);
  for (const r of closed) {
    assert.ok(r.sealed_at, `round ${r.id} sealed`);
    if (usingPostgres) assert.equal(await pairedByXmin(db, r.id), 0);
  }
});
