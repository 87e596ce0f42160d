// Participatory budget integrity under real conditions (issue 10): concurrent changes of one
// ballot, on two app instances on PostgreSQL; the rule lock that dates cannot walk around; ballots
// that nothing stored links to a person in a non-changeable round; verification attempts counted
// atomically.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { ballotLinkKey, budgetKey, changeKey, voterHash } from '../../src/modules/budget/model.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { type StaffClient, type TestApp, secondInstance, usingPostgres } from '../helpers/app.ts';
import { HOUR, citizen, iso, setup, verify, vote } from '../helpers/budget.ts';

const form = (csrf: string, projects: number[]) => new URLSearchParams([['_csrf', csrf], ...projects.map((id) => ['projects', String(id)]), ['action', 'cast']]).toString();
const flashOf = (setCookie: string | string[] | undefined) => /infitah_flash=(budget\.flash\.[a-z]+)/.exec(([] as string[]).concat(setCookie ?? []).join(';'))?.[1] ?? null;

/** The voter's ballots as stored: each ballot's chosen project ids, sorted. */
async function storedBallots(db: Db, roundId: number) {
  const ballots = await db.selectFrom('budget_ballot').select('id').where('round_id', '=', roundId).execute();
  return Promise.all(ballots.map(async (b) => (await db.selectFrom('budget_ballot_choice').select('project_id').where('ballot_id', '=', b.id).execute()).map((c) => c.project_id).sort((x, y) => x - y)));
}

test('100 concurrent changes of one ballot (two instances on PostgreSQL) leave one ballot, one of the sets sent, within the envelope', async (t) => {
  const ctx = await setup(t, { changeable: true });
  const { app, db, roundId, p } = ctx;
  // two app instances share the database on PostgreSQL; SQLite is one file, written by one process
  const instances: TestApp['app'][] = usingPostgres ? [app, (await secondInstance(t, ctx)).app] : [app];
  const voter = await citizen(app, db, 'amina@example.ma');
  assert.equal((await verify(voter, roundId, 'BK123456', '1980-05-17')).statusCode, 303);
  await voter.get(`/ar/c/settat/budgets/${roundId}/ballot`);
  // A and B each fit the envelope of 1,000,000; together (1,200,000) they do not
  const A = [p.garden, p.lights].sort((x, y) => x - y);
  const B = [p.library];
  const responses = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      instances[i % instances.length].inject({
        method: 'POST',
        url: `/ar/c/settat/budgets/${roundId}/ballot`,
        headers: { cookie: voter.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(voter.csrf, i % 2 === 0 ? A : B),
      }),
    ),
  );
  const codes = responses.map((r) => r.statusCode);
  assert.deepEqual(codes.filter((c) => c !== 303), [], `every request recorded: ${JSON.stringify(codes.filter((c) => c !== 303))}`);
  // the truth told: the first to commit cast the ballot, each of the others changed it in turn
  const flashes = responses.map((r) => flashOf(r.headers['set-cookie']));
  assert.equal(flashes.filter((f) => f === 'budget.flash.cast').length, 1);
  assert.equal(flashes.filter((f) => f === 'budget.flash.changed').length, 99);
  // one ballot, exactly A or exactly B, and one mark
  const stored = await storedBallots(db, roundId);
  assert.equal(stored.length, 1);
  assert.ok([A.join(), B.join()].includes(stored[0].join()), `stored ${stored[0].join()}`);
  assert.equal((await db.selectFrom('budget_voted').select('voter_hash').where('round_id', '=', roundId).execute()).length, 1);
  // the voter's page shows what is stored, and says it can still be changed
  const page = await voter.get(`/ar/c/settat/budgets/${roundId}/ballot`);
  const checked = [...page.body.matchAll(/name="projects" value="(\d+)" checked/g)].map((m) => Number(m[1])).sort((x, y) => x - y);
  assert.deepEqual(checked, stored[0]);
  assert.match(page.body, /يمكنك تعديله إلى غاية إغلاق التصويت/);
  // the results count one ballot, as many votes as it has choices
  await db.updateTable('budget_round').set({ results_at: iso(-HOUR), implementation_at: iso(HOUR) }).where('id', '=', roundId).execute();
  const doc = (await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results`)).json() as { participation: { total: number }; projects: { votes: number }[] };
  assert.equal(doc.participation.total, 1);
  assert.equal(doc.projects.reduce((s, l) => s + l.votes, 0), stored[0].length);
});

test('a round with a ballot keeps its rule whatever its dates; dates of started phases stay, others only move later', async (t) => {
  const { db, admin, app, roundId, p } = await setup(t, { changeable: true });
  const url = `/admin/c/settat/budgets/${roundId}/edit`;
  const round = await db.selectFrom('budget_round').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
  const fields: Record<string, string> = {
    title_ar: round.title_ar, title_fr: round.title_fr ?? '', title_en: '', envelope_mad: '1000000', rule: 'knapsack', min_choices: '', max_choices: '', changeable: '1',
    ...Object.fromEntries((['information', 'submission', 'review', 'voting', 'results', 'implementation'] as const).map((ph) => [`${ph}_at`, isoToCasablanca(round[`${ph}_at`])])),
  };
  const later = (at: string, hours: number) => isoToCasablanca(new Date(Date.parse(`${at}:00Z`) + hours * HOUR).toISOString());
  // a change to undefined leaves the field out, as an unticked box is
  const edit = async (changes: Record<string, string | undefined>) => {
    await admin.get(url);
    return admin.post(url, Object.fromEntries(Object.entries({ ...fields, ...changes }).filter((e): e is [string, string] => e[1] !== undefined)));
  };
  const voter = await citizen(app, db, 'amina@example.ma');
  assert.equal((await verify(voter, roundId, 'BK123456', '1980-05-17')).statusCode, 303);
  assert.equal((await vote(voter, roundId, [p.garden])).statusCode, 303);

  // the walk-around: the vote's date into the future, then the rule, then the date back
  const future = await edit({ voting_at: later(fields.voting_at, 30), results_at: later(fields.results_at, 30), implementation_at: later(fields.implementation_at, 30) });
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /بدأت هذه المرحلة وسُجّلت أوراق تصويت/);
  // even with the dates moved behind the app's back, the rule stays
  await db.updateTable('budget_round').set({ voting_at: iso(5 * HOUR), results_at: iso(15 * HOUR), implementation_at: iso(25 * HOUR) }).where('id', '=', roundId).execute();
  const moved = await db.selectFrom('budget_round').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
  for (const ph of ['voting', 'results', 'implementation'] as const) fields[`${ph}_at`] = isoToCasablanca(moved[`${ph}_at`]);
  for (const change of [{ envelope_mad: '5000000' }, { rule: 'approval', max_choices: '1' }, { changeable: undefined }]) {
    const locked = await edit(change);
    assert.equal(locked.statusCode, 400, JSON.stringify(change));
    assert.match(locked.body, /لا يمكن تغيير الغلاف والقاعدة وعدد الاختيارات/);
  }
  // a phase not started yet: later is fine, earlier is not
  const earlier = await edit({ results_at: later(fields.results_at, -2) });
  assert.equal(earlier.statusCode, 400);
  assert.match(earlier.body, /لا يمكن إلا تأجيل مرحلة لم تبدأ بعد/);
  const postponed = await edit({ results_at: later(fields.results_at, 2), title_fr: 'Budget participatif 2025 (prolongé)' });
  assert.equal(postponed.statusCode, 303, postponed.body.slice(0, 300));
  const after = await db.selectFrom('budget_round').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
  assert.deepEqual(
    { envelope: Number(after.envelope_mad), rule: after.rule, max: after.max_choices, changeable: after.changeable, title: after.title_fr, results: isoToCasablanca(after.results_at) },
    { envelope: 1_000_000, rule: 'knapsack', max: null, changeable: 1, title: 'Budget participatif 2025 (prolongé)', results: later(fields.results_at, 2) },
  );
});

/** Every table's rows as text, but for the ballots and their choices. */
async function everythingBut(db: Db, skip: string[]): Promise<string> {
  const tables = usingPostgres
    ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows;
  let out = '';
  for (const { name } of tables.filter((t) => !skip.includes(t.name))) {
    out += JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(db)).rows, (_k, v) => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'bigint' ? String(v) : v));
  }
  return out;
}

test('in a non-changeable round nothing stored joins a person or account to a ballot', async (t) => {
  const { app, db, admin, roundId, p } = await setup(t);
  const voters: [StaffClient, string, string][] = [];
  for (const [email, cin, birth] of [['amina@example.ma', 'BK123456', '1980-05-17'], ['salma@example.ma', 'AB654321', '1992-11-02'], ['omar@example.ma', 'W998877', '1975-01-30']]) {
    const v = await citizen(app, db, email);
    assert.equal((await verify(v, roundId, cin, birth)).statusCode, 303);
    voters.push([v, cin, birth]);
  }
  assert.equal((await vote(voters[0][0], roundId, [p.garden])).statusCode, 303);
  assert.equal((await vote(voters[1][0], roundId, [p.lights, p.library])).statusCode, 303);
  assert.equal((await vote(voters[2][0], roundId, [p.library])).statusCode, 303);
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  assert.equal((await admin.post(`/admin/c/settat/budgets/${roundId}/paper`, { cin: 'JC112233', birth_date: '2001-12-31', projects: [String(p.garden), String(p.lights)] })).statusCode, 303);

  // the ballot holds no voter, no account, no time finer than the day, no link; its id is random
  const ballots = await db.selectFrom('budget_ballot').selectAll().where('round_id', '=', roundId).execute();
  assert.equal(ballots.length, 4);
  assert.deepEqual(Object.keys(ballots[0]).sort(), ['cast_on', 'change_key', 'channel', 'collectivity_id', 'district_id', 'id', 'round_id']);
  for (const b of ballots) {
    assert.match(b.id, /^[0-9a-f]{32}$/);
    assert.match(b.cast_on, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(b.change_key, null);
  }
  // the "has voted" marks say who voted (joined to accounts through budget_voter), never how
  const marks = await db.selectFrom('budget_voted').selectAll().where('round_id', '=', roundId).execute();
  assert.equal(marks.length, 4);
  // no column of any other table holds a ballot's id: nothing to join a ballot on but its round
  const rest = await everythingBut(db, ['budget_ballot', 'budget_ballot_choice']);
  for (const b of ballots) assert.ok(!rest.includes(b.id), 'a ballot id outside the ballot tables');
  // and the ballot tables hold no voter hash, account id or address
  const ballotTables = JSON.stringify([ballots, await db.selectFrom('budget_ballot_choice').selectAll().execute()]);
  for (const m of marks) assert.ok(!ballotTables.includes(m.voter_hash));
  assert.ok(!/@example\.ma/.test(ballotTables));
  // row order pairs nothing: on SQLite the ballots, choices and marks have no rowid (kept in key order)
  if (!usingPostgres) {
    for (const table of ['budget_ballot', 'budget_ballot_choice', 'budget_voted']) {
      await assert.rejects(sql`select rowid from ${sql.table(table)}`.execute(db), /no such column: rowid/, table);
    }
  }
  // the results still count every ballot, and participation by gender and age band (from the marks)
  await db.updateTable('budget_round').set({ results_at: iso(-HOUR), implementation_at: iso(HOUR) }).where('id', '=', roundId).execute();
  const doc = (await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results`)).json() as { participation: { total: number; paper: number }; participationBreakdown: { ballots: number }[] };
  assert.equal(doc.participation.total, 4);
  assert.equal(doc.participation.paper, 1);
  assert.equal(doc.participationBreakdown.reduce((s, b) => s + b.ballots, 0), 4);
});

test('in a changeable round the link needs the ballot secret, and the round page says what it implies', async (t) => {
  const { app, db, roundId, p } = await setup(t, { changeable: true });
  const voter = await citizen(app, db, 'amina@example.ma');
  assert.equal((await verify(voter, roundId, 'BK123456', '1980-05-17')).statusCode, 303);
  assert.equal((await vote(voter, roundId, [p.garden])).statusCode, 303);
  const [ballot] = await db.selectFrom('budget_ballot').selectAll().where('round_id', '=', roundId).execute();
  const secret = app.config.sessionSecret;
  const hash = voterHash(budgetKey(secret), 'BK123456', '1980-05-17');
  assert.ok(ballot.change_key && ballot.change_key !== hash);
  // the census key does not open it; the ballot-link key does
  assert.notEqual(changeKey(budgetKey(secret), roundId, hash), ballot.change_key);
  assert.equal(changeKey(ballotLinkKey(secret), roundId, hash), ballot.change_key);
  for (const [locale, text] of [['ar', /برابط بينك وبين ورقة تصويتك لا يفتحه إلا المفتاح السري/], ['fr', /un lien que seule la clé secrète de son serveur permet d’ouvrir/], ['en', /a link between you and your ballot that only its server’s secret key can open/]] as const) {
    const page = await app.inject(`/${locale}/c/settat/budgets/${roundId}`);
    assert.match(page.body, text, locale);
  }
  // a non-changeable round's page does not say it
  await db.updateTable('budget_round').set({ changeable: 0 }).where('id', '=', roundId).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('slug', '=', 'settat').execute();
  assert.doesNotMatch((await app.inject(`/en/c/settat/budgets/${roundId}`)).body, /a link between you and your ballot/);
});

test('20 concurrent wrong verifications by one account (two instances on PostgreSQL): at most 5 reach the census', async (t) => {
  const ctx = await setup(t);
  const { app, db, roundId } = ctx;
  const instances = usingPostgres ? [app, (await secondInstance(t, ctx)).app] : [app];
  const voter = await citizen(app, db, 'amina@example.ma');
  await voter.get(`/ar/c/settat/budgets/${roundId}/verify`);
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      instances[i % instances.length].inject({
        method: 'POST',
        url: `/ar/c/settat/budgets/${roundId}/verify`,
        headers: { cookie: voter.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: voter.csrf, cin: 'BK123456', birth_date: `1980-01-${String(i + 1).padStart(2, '0')}` }).toString(),
      }),
    ),
  );
  const checked = responses.filter((r) => r.statusCode === 400);
  const limited = responses.filter((r) => r.statusCode === 429);
  assert.equal(checked.length, 5, JSON.stringify(responses.map((r) => r.statusCode)));
  assert.ok(checked.every((r) => /لم نجد هذا الرقم/.test(r.body)));
  assert.equal(limited.length, 15);
  assert.ok(limited.every((r) => /محاولات كثيرة/.test(r.body)));
  // the right identity is refused too for the hour, in French as well
  await voter.get(`/fr/c/settat/budgets/${roundId}/verify`);
  const right = await voter.post(`/fr/c/settat/budgets/${roundId}/verify`, { cin: 'BK123456', birth_date: '1980-05-17' });
  assert.equal(right.statusCode, 429);
  assert.match(right.body, /Trop de tentatives/);
  assert.equal((await db.selectFrom('budget_voter').selectAll().execute()).length, 0);
});
