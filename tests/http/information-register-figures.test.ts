// A year's figures of access to information, compared with counts made here from the inserted
// rows: by channel, on time (answered by the deadline, extended or not, over those answered or
// past it), the median of working days, outcomes, exceptions, complaints and referrals.
import assert from 'node:assert/strict';
import test from 'node:test';
import { loadRules, workingDaysBetween } from '../../src/modules/information/calendar.ts';
import { informationYear } from '../../src/modules/information/manifest.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { insertRequest } from '../helpers/information-rows.ts';

test('the figures of a year equal the counts of its rows, in French and Arabic, with charts and tables', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const place = await collectivityId(ctx.database, 'province-settat');
  // two years back: every deadline of the year has passed, whatever today is
  const Y = Number(todayInCasablanca().slice(0, 4)) - 2;
  const d = (md: string) => `${Y}-${md}`;
  await insertRequest(db, place, { subject: 'في الأجل', channel: 'online', received_on: d('03-02'), answered_on: d('03-10'), outcome: 'full', answer_public: 1 });
  await insertRequest(db, place, {
    subject: 'مرفوض متأخر', channel: 'desk', received_on: d('03-03'), due_on: d('04-01'), answered_on: d('04-10'), outcome: 'refused', exceptions: JSON.stringify(['private_life', 'investigations']),
    complaint_on: d('04-15'), complaint_decided_on: d('04-20'), complaint_outcome: 'upheld', status: 'complaint_decided',
  });
  await insertRequest(db, place, {
    subject: 'ممدد في الأجل', channel: 'mail', received_on: d('05-04'), due_on: d('06-30'), extended: 1, extension_reason: 'وثائق كثيرة', answered_on: d('06-20'), outcome: 'partial', exceptions: JSON.stringify(['private_life']),
    complaint_on: d('06-25'), complaint_decided_on: d('07-01'), complaint_outcome: 'rejected', cdai_on: d('07-10'), status: 'cdai',
  });
  await insertRequest(db, place, { subject: 'بلا جواب', channel: 'email', received_on: d('09-01'), status: 'processing' });
  await insertRequest(db, place, { subject: 'ينتظر توضيحا', channel: 'chafafiya', received_on: d('10-01'), status: 'clarification' });
  await insertRequest(db, place, { subject: 'السنة السابقة', channel: 'online', received_on: `${Y - 1}-12-30`, answered_on: `${Y}-01-05`, outcome: 'full' });

  // counted here from the rows, as the rule says
  const rows = await db.selectFrom('information_request').selectAll().where('collectivity_id', '=', place).where('received_on', '>=', `${Y}-01-01`).where('received_on', '<=', `${Y}-12-31`).execute();
  const today = todayInCasablanca();
  const counted = rows.filter((r) => r.answered_on !== null || (r.status !== 'clarification' && today > r.due_on));
  const onTime = counted.filter((r) => r.answered_on !== null && r.answered_on <= r.due_on);
  assert.equal(counted.length, 4);
  assert.equal(onTime.length, 2);
  const rules = await loadRules(db);
  const days = rows.filter((r) => r.answered_on).map((r) => workingDaysBetween(rules.calendar, r.clock_from, r.answered_on!)).sort((a, b) => a - b);
  assert.equal(days.length, 3);

  const f = await informationYear(db, place, Y);
  assert.equal(f.received, 5);
  assert.deepEqual(f.byChannel.map((c) => c.count), [1, 1, 1, 1, 1]);
  assert.deepEqual(f.onTime, { counted: 4, onTime: 2, share: 50 });
  assert.equal(f.medianDays, days[1]);
  assert.equal(f.answered, 3);
  assert.deepEqual(Object.fromEntries(f.outcomes.map((o) => [o.outcome, o.count])), { full: 1, partial: 1, refused: 1, not_held: 0, transferred: 0 });
  assert.deepEqual(f.exceptions, [
    { exception: 'private_life', refused: 1, partial: 1 },
    { exception: 'investigations', refused: 1, partial: 0 },
  ]);
  assert.deepEqual(f.complaints, { filed: 2, upheld: 1, rejected: 1, cdai: 1 });

  const fr = await ctx.app.inject({ url: `/fr/c/province-settat/information/figures?year=${Y}` });
  assert.equal(fr.statusCode, 200);
  assert.match(fr.body, /<bdi>50%<\/bdi>/);
  assert.match(fr.body, /2 sur 4 demandes/);
  assert.match(fr.body, /<svg/);
  assert.match(fr.body, /<table>/);
  assert.ok(fr.body.includes(`${days[1]} jours ouvrables`) || fr.body.includes(`${days[1]} jour ouvrable`));
  assert.match(fr.body, /2 déposées, dont 1 accueillie et 1 rejetée/);
  assert.ok(fr.body.includes(`?year=${Y - 1}`), 'a link to the other year');
  const ar = await ctx.app.inject({ url: `/ar/c/province-settat/information/figures?year=${Y}` });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  assert.match(ar.body, /2 من أصل 4 طلبات/);
  assert.ok(!/<script/.test(ar.body));
  // a year without requests says so
  const empty = await ctx.app.inject({ url: `/ar/c/province-settat/information/figures?year=${Y - 5}` });
  assert.equal(empty.statusCode, 200);
  assert.ok(!/<svg/.test(empty.body));
});

test("the yearly evaluation report carries the year's access-to-information figures", async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  // 2024: a year of Settat's programme (the demo's report year)
  await insertRequest(db, settat, { subject: 'طلب 2024 أ', received_on: '2024-03-04', answered_on: '2024-03-11', outcome: 'full' });
  await insertRequest(db, settat, { subject: 'طلب 2024 ب', received_on: '2024-05-06', due_on: '2024-06-03', answered_on: '2024-06-20', outcome: 'refused', exceptions: JSON.stringify(['private_life']) });
  const expected = await informationYear(db, settat, 2024, '2024-12-31');
  const admin = await new StaffClient(ctx.app).login('focal@settat.ma');
  await admin.get('/admin/c/settat/reports');
  assert.equal((await admin.post('/admin/c/settat/reports', { year: '2024' })).statusCode, 303);
  await admin.get('/admin/c/settat/reports/2024');
  assert.equal((await admin.post('/admin/c/settat/reports/2024/publish', {})).statusCode, 303);
  const stored = await db.selectFrom('evaluation_version').select('content').where('collectivity_id', '=', settat).where('year', '=', 2024).executeTakeFirstOrThrow();
  assert.deepEqual((JSON.parse(stored.content) as { information: unknown }).information, expected);
  const page = await ctx.app.inject({ url: '/fr/c/settat/reports/2024' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /id="r-information">Accès à l’information|id="r-information">Accès à l'information|id="r-information">Accès à l&#39;information/);
  assert.ok(page.body.includes(`${expected.onTime.onTime} sur ${expected.onTime.counted} demande`));
});
