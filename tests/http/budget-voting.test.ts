// Participatory budget, the integrity core: a census kept only as keyed hashes, verified voters,
// one ballot per person and round (concurrent requests, online and paper), the rules of a ballot,
// and a tally that equals an independent count.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import { StaffClient, usingPostgres } from '../helpers/app.ts';

import { HOUR, citizen, iso, setup, uploadCensus, verify, vote } from '../helpers/budget.ts';

async function ballots(db: Db) {
  const b = await db.selectFrom('budget_ballot').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const c = await db.selectFrom('budget_ballot_choice').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { ballots: Number(b.n), choices: Number(c.n) };
}

/** Every row of every table, as text. */
async function everything(db: Db): Promise<string> {
  const tables = usingPostgres
    ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows;
  let out = '';
  for (const { name } of tables) {
    const rows = (await sql`select * from ${sql.table(name)}`.execute(db)).rows;
    out += JSON.stringify(rows, (_k, v) => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'bigint' ? String(v) : v));
  }
  return out;
}

test('after a census upload, no raw CIN is in any table, the database file or the logs', async (t) => {
  // capture what the process writes to stdout and stderr (pino writes to the file descriptor)
  const captured: string[] = [];
  const writeSync = fs.writeSync;
  const write = fs.write;
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) captured.push(String(data));
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  };
  (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) captured.push(String(data));
    return (write as (...a: unknown[]) => void)(fd, data, ...rest);
  };
  const origOut = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => { captured.push(String(chunk)); return (origOut as (...a: unknown[]) => boolean)(chunk, ...rest); }) as typeof process.stdout.write;
  t.after(() => {
    (fs as { writeSync: unknown }).writeSync = writeSync;
    (fs as { write: unknown }).write = write;
    process.stdout.write = origOut;
  });
  const { db, app, url, roundId, admin } = await setup(t);
  app.log.level = 'trace';
  // a paper ballot and a refused one also go through the CIN
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  await admin.post(`/admin/c/settat/budgets/${roundId}/paper`, { cin: 'JC112233', birth_date: '2001-12-31', projects: ['1'] });
  await admin.post(`/admin/c/settat/budgets/${roundId}/paper`, { cin: 'ZZ000001', birth_date: '2001-12-31', projects: [] });
  const census = await db.selectFrom('budget_census').select('voter_hash').where('round_id', '=', roundId).execute();
  assert.equal(census.length, 4);
  assert.ok(census.every((c) => /^[0-9a-f]{64}$/.test(c.voter_hash)));
  const dump = await everything(db);
  for (const cin of ['BK123456', 'AB654321', 'ab 654321', 'W998877', 'JC112233', 'ZZ000001']) {
    assert.ok(!dump.toUpperCase().includes(cin.toUpperCase()), `${cin} in the tables`);
    assert.ok(!captured.join('').toUpperCase().includes(cin.toUpperCase()), `${cin} in the logs`);
  }
  if (!usingPostgres) {
    const file = url.replace(/^sqlite:/, '');
    const bytes = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
    for (const cin of ['BK123456', 'AB654321', 'W998877', 'JC112233']) assert.ok(!bytes.includes(cin), `${cin} in the database file`);
  }
  // the admin page says how many, and a bad file is refused row by row, without echoing a CIN
  const page = await admin.get(`/admin/c/settat/budgets/${roundId}`);
  assert.match(page.body, /4 أشخاص مسجلين/);
  const bad = await uploadCensus(admin, roundId, [['CIN', 'date'], ['QQ777777', '1990-01-01'], ['12345', '1990-01-01'], ['X1', '31/02/1990']]);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /الأسطر: 3, 4/);
  assert.doesNotMatch(bad.body, /QQ777777/);
  assert.equal((await db.selectFrom('budget_census').select('voter_hash').where('round_id', '=', roundId).execute()).length, 4);
});

test('200 concurrent ballots of one verified person record exactly one', async (t) => {
  const { app, db, roundId, p } = await setup(t);
  const voter = await citizen(app, db, 'amina@example.ma');
  const v = await verify(voter, roundId, 'bk123456', '1980-05-17');
  assert.equal(v.statusCode, 303, v.body.slice(0, 300));
  const page = await voter.get(`/ar/c/settat/budgets/${roundId}/ballot`);
  assert.equal(page.statusCode, 200);
  const body = new URLSearchParams([['_csrf', voter.csrf], ['projects', String(p.garden)], ['projects', String(p.lights)], ['action', 'cast']]).toString();
  const responses = await Promise.all(
    Array.from({ length: 200 }, () =>
      app.inject({ method: 'POST', url: `/ar/c/settat/budgets/${roundId}/ballot`, headers: { cookie: voter.jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: body }),
    ),
  );
  const codes = responses.map((r) => r.statusCode);
  assert.equal(codes.filter((c) => c === 303).length, 1, JSON.stringify(codes.filter((c) => c !== 409)));
  assert.equal(codes.filter((c) => c === 409).length, 199);
  assert.deepEqual(await ballots(db), { ballots: 1, choices: 2 });
  const ballot = await db.selectFrom('budget_ballot').selectAll().executeTakeFirstOrThrow();
  assert.equal(ballot.channel, 'online');
  // the ballot names no account
  assert.ok(!Object.keys(ballot).some((k) => k.includes('user')));
  const again = await voter.get(`/ar/c/settat/budgets/${roundId}/ballot`);
  assert.match(again.body, /تم تسجيل تصويتك/);
});

test('paper then online, and online then paper, for the same CIN record one ballot', async (t) => {
  const { app, db, admin, roundId, p } = await setup(t);
  // paper first
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const paper = await admin.post(`/admin/c/settat/budgets/${roundId}/paper`, { cin: 'W998877', birth_date: '1975-01-30', projects: [String(p.library)] });
  assert.equal(paper.statusCode, 303);
  const late = await citizen(app, db, 'omar@example.ma');
  assert.equal((await verify(late, roundId, 'W 998877', '1975-01-30')).statusCode, 303);
  const online = await vote(late, roundId, [p.garden]);
  assert.equal(online.statusCode, 409);
  // a non-changeable round stores nothing that says which ballot, nor which channel, is the person's
  assert.match(online.body, /سبق تسجيل ورقة تصويت لهذا الشخص/);
  assert.deepEqual(await ballots(db), { ballots: 1, choices: 1 });

  // online first
  const early = await citizen(app, db, 'salma@example.ma');
  assert.equal((await verify(early, roundId, 'AB654321', '1992-11-02')).statusCode, 303);
  assert.equal((await vote(early, roundId, [p.garden, p.lights])).statusCode, 303);
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const second = await admin.post(`/admin/c/settat/budgets/${roundId}/paper`, { cin: 'ab654321', birth_date: '1992-11-02', projects: [String(p.library)] });
  assert.equal(second.statusCode, 400);
  assert.match(second.body, /سبق تسجيل ورقة تصويت لهذا الشخص/);
  assert.deepEqual(await ballots(db), { ballots: 2, choices: 3 });
  const channels = await db.selectFrom('budget_ballot').select('channel').orderBy('channel').execute();
  assert.deepEqual(channels.map((c) => c.channel), ['online', 'paper']);
  // staff see counts by channel
  const page = await admin.get(`/admin/c/settat/budgets/${roundId}`);
  assert.match(page.body, /ورقتا تصويت: 1 عبر الإنترنت و1 على الورق/);
});

test('each bad ballot is refused with its message and nothing is recorded', async (t) => {
  const { app, db, admin, settatId, roundId, p } = await setup(t);
  const voter = await citizen(app, db, 'amina@example.ma');

  // not verified yet: sent to the verification page
  const unverifiedVote = await vote(voter, roundId, [p.garden]);
  assert.equal(unverifiedVote.statusCode, 303);
  assert.match(String(unverifiedVote.headers.location), /\/verify$/);
  // an account whose address is not verified
  const fresh = await citizen(app, db, 'new@example.ma', false);
  const r0 = await fresh.post(`/ar/c/settat/budgets/${roundId}/verify`, { cin: 'BK123456', birth_date: '1980-05-17' });
  assert.ok([303, 403].includes(r0.statusCode));
  assert.equal((await db.selectFrom('budget_voter').selectAll().execute()).length, 0);

  // not in the census, a malformed CIN; then the attempts are limited
  const notListed = await verify(voter, roundId, 'BK123456', '1980-05-18');
  assert.equal(notListed.statusCode, 400);
  assert.match(notListed.body, /لم نجد هذا الرقم/);
  assert.doesNotMatch(notListed.body, /value="BK123456"/);
  const malformed = await verify(voter, roundId, '123', '1980-05-18');
  assert.equal(malformed.statusCode, 400);
  assert.match(malformed.body, /حرف أو حرفان ثم أرقام/);
  for (let i = 0; i < 4; i++) await verify(voter, roundId, 'BK123456', `1980-05-0${i + 1}`);
  const limited = await verify(voter, roundId, 'BK123456', '1980-05-17');
  assert.equal(limited.statusCode, 429);
  assert.match(limited.body, /محاولات كثيرة/);
  assert.equal((await db.selectFrom('budget_voter').selectAll().execute()).length, 0);

  // another person verifies and tries every bad ballot
  const voter2 = await citizen(app, db, 'hind@example.ma');
  assert.equal((await verify(voter2, roundId, 'JC112233', '2001-12-31')).statusCode, 303);
  // the same census entry cannot be claimed by a second account
  const thief = await citizen(app, db, 'other@example.ma');
  const taken = await verify(thief, roundId, 'JC112233', '2001-12-31');
  assert.equal(taken.statusCode, 400);
  assert.match(taken.body, /مرتبط بحساب آخر/);

  const over = await vote(voter2, roundId, [p.garden, p.lights, p.library]);
  assert.equal(over.statusCode, 400);
  assert.match(over.body, /يتجاوز الغلاف المالي/);
  assert.match(over.body, /1\.200\.000/);
  assert.match(over.body, /checked/);
  const infeasible = await vote(voter2, roundId, [p.stadium]);
  assert.equal(infeasible.statusCode, 400);
  assert.match(infeasible.body, /غير معروض للتصويت/);
  const unknown = await vote(voter2, roundId, [999_999]);
  assert.equal(unknown.statusCode, 400);
  const none = await vote(voter2, roundId, []);
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /اختر مشروعا واحدا على الأقل/);
  const forged = await vote(voter2, roundId, [p.garden], 'cast', 'forged-token');
  assert.equal(forged.statusCode, 403);
  const noToken = await voter2.app.inject({ method: 'POST', url: `/ar/c/settat/budgets/${roundId}/ballot`, headers: { cookie: voter2.jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: `projects=${p.garden}&action=cast` });
  assert.equal(noToken.statusCode, 403);
  // no session at all
  const anon = await app.inject({ method: 'POST', url: `/ar/c/settat/budgets/${roundId}/ballot`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `projects=${p.garden}&action=cast` });
  assert.ok([303, 403].includes(anon.statusCode));
  // "check my total" records nothing and shows what is left
  const check = await vote(voter2, roundId, [p.garden, p.lights], 'check');
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /مجموع اختياراتك: 700\.000 درهم. المتبقي من الغلاف: 300\.000 درهم/);
  assert.deepEqual(await ballots(db), { ballots: 0, choices: 0 });

  // a good ballot, then a second one
  assert.equal((await vote(voter2, roundId, [p.garden, p.lights])).statusCode, 303);
  const second = await vote(voter2, roundId, [p.library]);
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /سبق تسجيل ورقة تصويت/);
  assert.deepEqual(await ballots(db), { ballots: 1, choices: 2 });

  // voting closed: refused
  await db.updateTable('budget_round').set({ results_at: iso(-HOUR), implementation_at: iso(HOUR) }).where('id', '=', roundId).execute();
  const voter3 = await citizen(app, db, 'youssef@example.ma');
  assert.equal((await verify(voter3, roundId, 'AB654321', '1992-11-02')).statusCode, 303);
  const closed = await vote(voter3, roundId, [p.garden]);
  assert.equal(closed.statusCode, 400);
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const closedPaper = await admin.post(`/admin/c/settat/budgets/${roundId}/paper`, { cin: 'W998877', birth_date: '1975-01-30', projects: [String(p.garden)] });
  assert.equal(closedPaper.statusCode, 400);
  assert.match(closedPaper.body, /التصويت غير مفتوح حاليا/);
  assert.deepEqual(await ballots(db), { ballots: 1, choices: 2 });
  void settatId;
});

test('approval rule: between min and max projects; a changeable ballot is replaced, still one', async (t) => {
  const { app, db, roundId, p } = await setup(t, { rule: 'approval', min: 2, max: 2, changeable: true });
  const voter = await citizen(app, db, 'amina@example.ma');
  assert.equal((await verify(voter, roundId, 'BK123456', '1980-05-17')).statusCode, 303);
  const few = await vote(voter, roundId, [p.garden]);
  assert.equal(few.statusCode, 400);
  assert.match(few.body, /اختر مشروعين على الأقل/);
  const many = await vote(voter, roundId, [p.garden, p.lights, p.library]);
  assert.equal(many.statusCode, 400);
  assert.match(many.body, /اختر مشروعين على الأكثر/);
  assert.deepEqual(await ballots(db), { ballots: 0, choices: 0 });
  assert.equal((await vote(voter, roundId, [p.garden, p.library])).statusCode, 303);
  const changed = await vote(voter, roundId, [p.lights, p.library]);
  assert.equal(changed.statusCode, 303);
  assert.deepEqual(await ballots(db), { ballots: 1, choices: 2 });
  const chosen = await db.selectFrom('budget_ballot_choice').select('project_id').orderBy('project_id').execute();
  assert.deepEqual(chosen.map((c) => c.project_id), [p.lights, p.library].sort((a, b) => a - b));
});

test('the tally equals an independent count, on the page, in the API and by `infitah tally`', async (t) => {
  const { app, db, url, settatId, roundId, p } = await setup(t);
  // many ballots, written straight to the tables as the paper and online channels would
  const projects = [p.garden, p.lights, p.library];
  const expected = new Map<number, number>(projects.map((id) => [id, 0]));
  const byChannel = { online: 0, paper: 0 };
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 120; i++) {
    const choice = projects.filter(() => rand() < 0.5);
    if (choice.length === 0) choice.push(projects[i % 3]);
    const channel = i % 4 === 0 ? 'paper' : 'online';
    byChannel[channel]++;
    const id = `test-${String(i).padStart(3, '0')}`;
    await db.insertInto('budget_voted').values({ collectivity_id: settatId, round_id: roundId, voter_hash: id }).execute();
    await db.insertInto('budget_ballot').values({ id, collectivity_id: settatId, round_id: roundId, channel, cast_on: iso(0).slice(0, 10) }).execute();
    await db.insertInto('budget_ballot_choice').values(choice.map((project_id) => ({ collectivity_id: settatId, ballot_id: id, project_id }))).execute();
    for (const id of choice) expected.set(id, expected.get(id)! + 1);
  }
  // before voting closes, the results are not published
  const early = await app.inject({ method: 'GET', url: `/api/v1/collectivities/settat/budgets/${roundId}/results` });
  assert.equal(early.statusCode, 409);
  await db.updateTable('budget_round').set({ results_at: iso(-HOUR), implementation_at: iso(HOUR) }).where('id', '=', roundId).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();

  const res = await app.inject({ method: 'GET', url: `/api/v1/collectivities/settat/budgets/${roundId}/results` });
  assert.equal(res.statusCode, 200, res.body);
  const doc = res.json();
  assert.deepEqual(doc.participation, { total: 120, online: byChannel.online, paper: byChannel.paper });
  for (const line of doc.projects) {
    if (line.id === p.stadium) assert.fail('an infeasible project is in the results');
    assert.equal(line.votes, expected.get(line.id), `votes of ${line.id}`);
  }
  // winners, recomputed by hand: rank by votes, take while it fits the envelope of 1,000,000
  const costs = new Map([[p.garden, 400_000], [p.lights, 300_000], [p.library, 500_000]]);
  const ranked = [...expected].sort((a, b) => b[1] - a[1] || costs.get(a[0])! - costs.get(b[0])!);
  let left = 1_000_000;
  const winners = ranked.filter(([id, votes]) => { const fits = votes > 0 && costs.get(id)! <= left; if (fits) left -= costs.get(id)!; return fits; }).map(([id]) => id);
  assert.deepEqual(doc.projects.filter((l: { winner: boolean }) => l.winner).map((l: { id: number }) => l.id), winners);
  assert.equal(doc.allocatedMad, 1_000_000 - left);

  // `infitah tally` recomputes the same document from the ballots
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');
  const cli = spawnSync(process.execPath, [bin, 'tally', '--collectivity', 'settat', '--round', String(roundId)], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const recomputed = JSON.parse(cli.stdout);
  assert.deepEqual({ ...recomputed, round: { ...recomputed.round, phase: null } }, { ...doc, round: { ...doc.round, phase: null } });
  const unknownRound = spawnSync(process.execPath, [bin, 'tally', '--collectivity', 'settat', '--round', '999999'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  assert.notEqual(unknownRound.status, 0);

  const list = await app.inject({ method: 'GET', url: '/api/v1/collectivities/settat/budgets' });
  assert.equal(list.statusCode, 200);
  assert.equal(list.json().rounds[0].phase, 'results');

  const page = await app.inject({ method: 'GET', url: `/fr/c/settat/budgets/${roundId}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /120 bulletins/);
  assert.match(page.body, /un projet est retenu si son coût tient/);
  const ar = await app.inject({ method: 'GET', url: `/ar/c/settat/budgets` });
  assert.match(ar.body, /dir="rtl"/);
  assert.match(ar.body, /النتائج/);
});

test('without a stable secret (no BUDGET_SECRET nor SESSION_SECRET) a census is refused, nothing changed', async (t) => {
  const { app, db, roundId } = await setup(t);
  const saved = process.env.BUDGET_SECRET;
  delete process.env.BUDGET_SECRET;
  t.after(() => {
    if (saved !== undefined) process.env.BUDGET_SECRET = saved;
  });
  // as `npm start` runs without SESSION_SECRET: a random secret at each start
  (app.config as { sessionSecretIsRandom: boolean }).sessionSecretIsRandom = true;
  const before = await db.selectFrom('budget_census').selectAll().execute();
  const admin = await new StaffClient(app).login('admin@settat.ma');
  const res = await uploadCensus(admin, roundId, [['ZZ999999', '1990-01-01']]);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /مفتاح سري ثابت/);
  assert.deepEqual(await db.selectFrom('budget_census').selectAll().execute(), before, 'the loaded census is untouched');
});
