// Settat's access-to-information demo, loaded on a fixed day: every status and outcome occurs,
// some requests are overdue, every date is consistent (received ≤ steps ≤ the load day, deadlines
// as the model computes them), every row is an example, the expected Islamic holidays of 2025–2027
// are there, and loading again (the same day or later) changes nothing. The requests' stories also
// play on every day of a year without a step the app would refuse.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Db } from '../../src/platform/db/database.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { addDays, loadRules } from '../../src/modules/information/calendar.ts';
import { type Status, answerDue, complaintDue, extendedDue, isOverdue, outcomes, statusAfter, statuses, type StepKind } from '../../src/modules/information/model.ts';
import { islamicHolidays, playRequest, settatRequests } from '../../src/modules/information/seed/settat.ts';
import { buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadSettatInformation } from '../../src/modules/information/seed/settat.ts';

// a Monday in Rajab, weeks before Ramadan; the calendar year of the run does not matter
const DAY = '2026-01-19';

async function snapshot(db: Db) {
  const [requests, steps, publications, office, holidays] = await Promise.all([
    db.selectFrom('information_request').selectAll().orderBy('id').execute(),
    db.selectFrom('information_step').selectAll().orderBy('id').execute(),
    db.selectFrom('information_publication').selectAll().orderBy('id').execute(),
    db.selectFrom('information_office').selectAll().execute(),
    db.selectFrom('public_holiday').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify({ requests, steps, publications, office, holidays });
}

test('the demo shows every status, some overdue requests, and consistent dates', async (t) => {
  const ctx = await buildTestApp(t, { demoDay: DAY });
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const rules = await loadRules(db);
  const requests = await db.selectFrom('information_request').selectAll().where('collectivity_id', '=', settat).orderBy('id').execute();
  assert.ok(requests.length >= 10 && requests.length <= 14, `${requests.length} requests`);
  assert.ok(requests.every((r) => r.is_example === 1));

  // every status, every outcome, and the channels
  assert.deepEqual([...new Set(requests.map((r) => r.status))].sort(), [...statuses].sort());
  assert.deepEqual([...new Set(requests.filter((r) => r.status === 'answered').map((r) => r.outcome))].sort(), [...outcomes].sort());
  assert.deepEqual([...new Set(requests.map((r) => r.channel))].sort(), ['chafafiya', 'desk', 'email', 'mail', 'online']);
  assert.ok(requests.some((r) => r.language === 'fr') && requests.filter((r) => r.language === 'ar').length > requests.length / 2);
  const overdue = requests.filter((r) => isOverdue({ ...r, status: r.status as Status }, DAY));
  assert.ok(overdue.length >= 2, `${overdue.length} overdue`);
  assert.ok(overdue.some((r) => r.answered_on === null && r.status !== 'complaint'), 'one waits for its answer past its deadline');
  // refusals and partial answers name their exceptions (art. 7, 18)
  for (const r of requests.filter((r) => r.outcome === 'refused' || r.outcome === 'partial')) assert.ok(JSON.parse(r.exceptions ?? '[]').length > 0, r.subject);
  // one answer withheld from the register, with its reason
  const withheld = requests.filter((r) => r.answered_on && r.answer_public === 0);
  assert.equal(withheld.length, 1);
  assert.ok(withheld[0]!.answer_private_reason);
  assert.ok(requests.find((r) => r.outcome === 'transferred')!.transferred_to);

  const steps = await db.selectFrom('information_step').selectAll().where('collectivity_id', '=', settat).orderBy('request_id').orderBy('at').orderBy('id').execute();
  for (const r of requests) {
    const trail = steps.filter((s) => s.request_id === r.id);
    assert.equal(trail[0]!.kind, 'received', r.subject);
    assert.equal(trail[0]!.on_date, r.received_on);
    let previous = r.received_on;
    for (const s of trail) {
      assert.ok(s.on_date >= previous && s.on_date <= DAY, `${r.subject}: ${s.kind} on ${s.on_date}`);
      previous = s.on_date;
    }
    // the status is where the last step leads
    assert.equal(statusAfter(trail.at(-1)!.kind as StepKind), r.status, r.subject);
    // deadlines as the model computes them, from the stored dates
    const original = answerDue(rules, r.clock_from, r.urgent === 1);
    assert.equal(r.due_on, r.extended === 1 ? extendedDue(rules, original) : original, r.subject);
    if (r.complaint_on) assert.equal(r.complaint_due_on, complaintDue(rules, r.complaint_on), r.subject);
    const answered = trail.find((s) => s.kind === 'answered');
    assert.equal(r.answered_on, answered?.on_date ?? null, r.subject);
    assert.equal(r.complaint_on, trail.find((s) => s.kind === 'complaint')?.on_date ?? null);
    assert.equal(r.complaint_decided_on, trail.find((s) => s.kind === 'complaint_decided')?.on_date ?? null);
    assert.equal(r.cdai_on, trail.find((s) => s.kind === 'cdai')?.on_date ?? null);
    assert.ok(r.received_on <= DAY && r.clock_from >= r.received_on);
  }

  const office = await db.selectFrom('information_office').selectAll().where('collectivity_id', '=', settat).executeTakeFirstOrThrow();
  assert.equal(office.is_example, 1);
  assert.ok(office.officer_title_ar && office.address_ar && office.hours_ar);
  const publications = await db.selectFrom('information_publication').selectAll().where('collectivity_id', '=', settat).execute();
  assert.ok(publications.length >= 6 && publications.length <= 8);
  assert.ok(publications.every((p) => p.is_example === 1 && p.url && p.published_on <= DAY));
  for (const category of ['budget', 'council_decisions', 'minutes', 'procurement', 'statistics']) assert.ok(publications.some((p) => p.category === category), category);

  // the expected Islamic holidays, marked as to be confirmed
  const dated = await db.selectFrom('public_holiday').selectAll().where('kind', '=', 'dated').execute();
  for (const year of ['2025', '2026', '2027']) assert.ok(dated.filter((h) => h.on_date!.startsWith(year)).length >= 4, year);
  assert.ok(dated.every((h) => h.name_ar.includes('يؤكده مدير الشبكة') && h.name_fr!.includes('à confirmer')));
});

test('loading the demo again changes nothing, the same day or later', async (t) => {
  const ctx = await buildTestApp(t, { demoDay: DAY });
  const db = ctx.database.db;
  const before = await snapshot(db);
  await loadDemoContent(db, { today: DAY });
  assert.equal(await snapshot(db), before);
  await loadDemoContent(db, { today: addDays(DAY, 40) });
  assert.equal(await snapshot(db), before);
});

test('the requests’ stories play on any load day, holidays included', async (t) => {
  const ctx = await buildTestApp(t, { seed: false });
  const db = ctx.database.db;
  // the expected holidays, as the demo enters them
  const stamp = '2026-01-01T00:00:00.000Z';
  await db.insertInto('public_holiday').values(islamicHolidays.map(([date, [ar]]) => ({ kind: 'dated' as const, month_day: null, from_year: null, on_date: date, name_ar: ar, name_fr: null, name_en: null, created_at: stamp, updated_at: stamp }))).execute();
  const rules = await loadRules(db);
  for (let day = '2025-06-01'; day <= '2027-06-30'; day = addDays(day, 3)) {
    const seen = new Set<string>();
    for (const s of settatRequests) {
      const { request, steps } = playRequest(rules, s, day);
      assert.ok(steps.every((step) => step.on_date <= day && step.on_date >= request.received_on), `${day}: ${s.subject}`);
      seen.add(request.status);
    }
    assert.equal(seen.size, statuses.length, `${day}: every status`);
  }
});

test('the person in charge is the demo’s focal point account when there is one', async (t) => {
  const ctx = await buildTestApp(t, { demoDay: DAY });
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  // loaded before the demo's accounts exist (npm start creates them after): no account named
  const office = await db.selectFrom('information_office').selectAll().where('collectivity_id', '=', settat).executeTakeFirstOrThrow();
  assert.equal(office.officer_user_id, null);
  await db.deleteFrom('information_office').where('collectivity_id', '=', settat).execute();
  const focal = await createStaff(ctx.database, 'point-focal@settat.ma', 'focal_point', 'settat');
  await loadSettatInformation(db, { today: DAY });
  const again = await db.selectFrom('information_office').selectAll().where('collectivity_id', '=', settat).executeTakeFirstOrThrow();
  assert.equal(again.officer_user_id, focal);
  assert.equal(again.officer_name, 'point-focal');
  assert.equal(again.is_example, 1);
});
