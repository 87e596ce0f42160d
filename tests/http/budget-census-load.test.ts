// Loading a census file beside the current one (commands/rounds.ts loadCensus): other requests are
// answered while a large file is written, every check sees either the whole old list or the whole
// new one, two uploads at once leave one file whole, and voters added in person are counted once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { censusEntry, censusSize } from '../../src/modules/budget/repository.ts';
import { StaffClient, createStaff, secondInstance } from '../helpers/app.ts';
import { CENSUS, citizen, setup, uploadCensus, verify } from '../helpers/budget.ts';

const cins = (prefix: string, n: number) => [['CIN', 'date_naissance'], ...Array.from({ length: n }, (_, i) => [`${prefix}${String(i).padStart(6, '0')}`, '1980-05-17'])];

test('while a large census loads, other requests are answered and see the whole old list', async (t) => {
  const { db, app, admin, settatId, roundId } = await setup(t);
  const before = await censusSize(db, settatId, roundId);
  assert.equal(before.total, CENSUS.length - 1);
  const oldLoad = (await db.selectFrom('budget_round').select('census_load').where('id', '=', roundId).executeTakeFirstOrThrow()).census_load!;

  const voters = 20_000;
  const upload = uploadCensus(admin, roundId, cins('QA', voters));
  let done = false;
  void upload.finally(() => (done = true));
  // another request's view of the census, as often as the connection lets it, until the upload ends
  const seen: { written: number; total: number }[] = [];
  while (!done) {
    await turn(); // as a request arriving from the network would
    const written = await db.selectFrom('budget_census').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).where('load_id', '>', oldLoad).executeTakeFirstOrThrow();
    seen.push({ written: Number(written.n), total: (await censusSize(db, settatId, roundId)).total });
  }
  const res = await upload;
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));

  // part of the new file was in the table while the old list was still the census: the file was
  // written in several transactions with other work between them (on SQLite's single connection too)
  assert.ok(seen.some((s) => s.written > 0 && s.written < voters && s.total === before.total), `no view between the load's transactions: ${JSON.stringify(seen.slice(0, 5))}`);
  // and no view ever counted a mix of the two lists
  assert.deepEqual([...new Set(seen.map((s) => s.total))].filter((n) => n !== before.total && n !== voters), []);

  // after: the new list only, the old rows deleted
  assert.equal((await censusSize(db, settatId, roundId)).total, voters);
  const rows = await db.selectFrom('budget_census').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  assert.equal(Number(rows.n), voters);
  const voter = await citizen(app, db, 'census-old@example.ma');
  const refused = await verify(voter, roundId, 'BK123456', '1980-05-17');
  assert.equal(refused.statusCode, 400, 'someone only on the old list is no longer on it');
  const accepted = await verify(voter, roundId, 'QA012345', '1980-05-17');
  assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 300));
});

test('two census files uploaded at once (two instances): one of them whole is the census, nothing of the other stays', async (t) => {
  const first = await setup(t);
  const { db, settatId, roundId } = first;
  const other = await secondInstance(t, first);
  await createStaff(other.database, 'admin2@settat.ma', 'focal_point', 'settat');
  const admin2 = await new StaffClient(other.app).login('admin2@settat.ma');

  const [a, b] = await Promise.all([uploadCensus(first.admin, roundId, cins('FA', 5_000)), uploadCensus(admin2, roundId, cins('FB', 7_000))]);
  assert.ok([a.statusCode, b.statusCode].every((s) => s === 303 || s === 400), `${a.statusCode} ${b.statusCode}`);
  assert.ok(a.statusCode === 303 || b.statusCode === 303, 'at least one was applied');
  // an upload that was not applied says so, in the admin's language
  for (const res of [a, b].filter((r) => r.statusCode === 400)) assert.match(res.body, /رُفع ملف آخر للإحصاء/);

  const size = (await censusSize(db, settatId, roundId)).total;
  assert.ok(size === 5_000 || size === 7_000, `the census is one file whole, not ${size}`);
  const prefixes = await db.selectFrom('budget_census').select(['load_id', (eb) => eb.fn.countAll().as('n')]).where('round_id', '=', roundId).groupBy('load_id').execute();
  assert.deepEqual(prefixes.map((r) => Number(r.n)), [size], 'the rows of one load only remain');
});

test('a voter added in person and then in the file is counted once; a load stopped half-way is never seen', async (t) => {
  const { db, admin, settatId, roundId } = await setup(t);
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const added = await admin.post(`/admin/c/settat/budgets/${roundId}/in-person`, { cin: 'XY777777', birth_date: '1990-01-01' });
  assert.equal(added.statusCode, 303, added.body.slice(0, 300));
  assert.deepEqual(await censusSize(db, settatId, roundId), { total: CENSUS.length, inPerson: 1 });
  // someone already on the list is refused at the desk
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const twice = await admin.post(`/admin/c/settat/budgets/${roundId}/in-person`, { cin: 'BK123456', birth_date: '1980-05-17' });
  assert.equal(twice.statusCode, 400);

  // what an upload stopped half-way leaves (a load number claimed, some rows written, no swap)
  const round = await db.selectFrom('budget_round').select(['census_load', 'census_loads']).where('id', '=', roundId).executeTakeFirstOrThrow();
  const stopped = round.census_loads + 1;
  await db.updateTable('budget_round').set({ census_loads: stopped }).where('id', '=', roundId).execute();
  const ghost = 'f'.repeat(64);
  await db.insertInto('budget_census').values({ collectivity_id: settatId, round_id: roundId, load_id: stopped, voter_hash: ghost, source: 'census' }).execute();
  assert.equal(await censusEntry(db, settatId, roundId, ghost), undefined, 'a row of a load never put in place is not on the list');
  assert.equal((await censusSize(db, settatId, roundId)).total, CENSUS.length);

  // the next file lists the in-person voter too: one person, still "in person"
  const next = await uploadCensus(admin, roundId, [...CENSUS, ['XY777777', '1990-01-01']]);
  assert.equal(next.statusCode, 303, next.body.slice(0, 300));
  assert.deepEqual(await censusSize(db, settatId, roundId), { total: CENSUS.length, inPerson: 1 });
  const left = await db.selectFrom('budget_census').select('voter_hash').where('round_id', '=', roundId).where('voter_hash', '=', ghost).execute();
  assert.deepEqual(left, [], 'the stopped load was cleaned up by the next one');
});
