// Filing a request for information (src/modules/information/request-routes.tsx, admin-routes.tsx,
// commands/requests.ts): online by a verified citizen, with the receipt mailed and the deadline in
// working days; at the desk on a past date, with a holiday inside the deadline; bad input kept
// with its messages and nothing saved; the per-account daily limit, also under concurrent
// submissions; CSRF, roles and collectivities; the requester's page for the requester only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRules } from '../../src/modules/information/calendar.ts';
import { answerDue } from '../../src/modules/information/model.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId, usingPostgres } from '../helpers/app.ts';
import { addHoliday, base, citizen, deskForm, fileAtDesk, mailsTo, onlyFixedHolidays, team } from '../helpers/information.ts';

const form = { subject: 'ميزانية الجماعة لسنة 2025', details: 'أطلب نسخة إلكترونية من الميزانية المصادق عليها وملحقاتها.', delivery: 'electronic', language: 'ar' };
const requestUrl = '/ar/c/settat/information/request';

test('a citizen files a request online: deadline, trail, receipt mail, their own page', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const amina = await citizen(app, db, 'amina@example.ma');

  const page = await amina.get(requestUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /لا يُنشر أبدا: هويتك/, 'says what is never public');
  assert.match(page.headers['cache-control'] ?? 'no-store', /no-store|private/);

  const res = await amina.post(requestUrl, form);
  assert.equal(res.statusCode, 303);
  const id = Number(/information\/(\d+)\/mine$/.exec(String(res.headers.location))![1]);
  const row = await db.selectFrom('information_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const today = todayInCasablanca();
  assert.equal(row.status, 'received');
  assert.equal(row.channel, 'online');
  assert.equal(row.requester_user_id, amina.id);
  assert.equal(row.received_on, today);
  assert.equal(row.clock_from, today);
  assert.equal(row.due_on, answerDue(await loadRules(db), today, false));
  assert.equal(row.collectivity_id, await collectivityId(database, 'settat'));
  assert.match(row.search_text, /ميزانيه/, 'the subject is normalised for the register’s search');
  const steps = await db.selectFrom('information_step').selectAll().where('request_id', '=', id).execute();
  assert.deepEqual(steps.map((s) => [s.kind, s.on_date, s.due_on, s.actor_role]), [['received', today, row.due_on, 'requester']]);

  const mails = await mailsTo(db, 'amina@example.ma');
  assert.equal(mails.length, 1);
  assert.match(mails[0]!.text_body, /توصلنا بطلبك/);
  assert.match(mails[0]!.text_body, new RegExp(`/information/${id}/mine`));
  assert.doesNotMatch(mails[0]!.text_body, /أطلب نسخة إلكترونية/, 'the details she typed are never mailed');

  const mine = await amina.get(String(res.headers.location));
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /أطلب نسخة إلكترونية من الميزانية/);
  assert.match(mine.body, /التوصل بالطلب/);

  // another citizen, and a visitor, find no such page
  const omar = await citizen(app, db, 'omar@example.ma');
  assert.equal((await omar.get(`/ar/c/settat/information/${id}/mine`)).statusCode, 404);
  const anonymous = await app.inject({ method: 'GET', url: `/ar/c/settat/information/${id}/mine` });
  assert.equal(anonymous.statusCode, 303, 'sent to log in');
  // nor through another collectivity's address
  assert.equal((await amina.get(`/ar/c/province-settat/information/${id}/mine`)).statusCode, 404);

  // an account whose address is not verified is sent to verify it first
  await db.updateTable('app_user').set({ email_verified_at: null }).where('id', '=', omar.id).execute();
  const unverified = await omar.get(requestUrl);
  assert.equal(unverified.statusCode, 303);
  assert.match(String(unverified.headers.location), /verify-email/);

  // in her space
  const space = await amina.get('/fr/account');
  assert.match(space.body, /Mes demandes d'accès à l'information|Mes demandes d&#39;accès à l&#39;information/);
  assert.match(space.body, new RegExp(`/fr/c/settat/information/${id}/mine`));
});

test('bad input is kept with a message per field, and nothing is saved', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const amina = await citizen(app, db, 'amina@example.ma', 'fr');
  await amina.get('/fr/c/settat/information/request');
  const res = await amina.post('/fr/c/settat/information/request', { ...form, subject: '', urgent: '1' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Ce champ est obligatoire|obligatoire/);
  assert.match(res.body, /Choisissez le motif de l&#39;urgence|Choisissez le motif de l'urgence/);
  assert.match(res.body, /أطلب نسخة إلكترونية من الميزانية/, 'the details are kept');
  assert.equal((await db.selectFrom('information_request').select('id').where('requester_user_id', '=', amina.id).execute()).length, 0);

  // urgent with its ground: three working days
  const ok = await amina.post('/fr/c/settat/information/request', { ...form, urgent: '1', urgent_ground: 'safety' });
  assert.equal(ok.statusCode, 303);
  const row = await db.selectFrom('information_request').selectAll().where('requester_user_id', '=', amina.id).executeTakeFirstOrThrow();
  assert.equal(row.urgent, 1);
  assert.equal(row.urgent_ground, 'safety');
  assert.equal(row.due_on, answerDue(await loadRules(db), row.received_on, true));

  // no CSRF token
  const before = await db.selectFrom('information_request').select('id').execute();
  const forged = await amina.post('/fr/c/settat/information/request', form, { csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  assert.equal((await db.selectFrom('information_request').select('id').execute()).length, before.length);
});

test('staff file a desk request on a past date; a holiday moves the deadline', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  await onlyFixedHolidays(db);
  const staff = await team(app, database);

  // Monday 2 June 2025, 20 working days: Monday 30 June (no fixed holiday in June)
  const plain = await fileAtDesk(staff.editor);
  assert.equal((await db.selectFrom('information_request').select('due_on').where('id', '=', plain).executeTakeFirstOrThrow()).due_on, '2025-06-30');
  // with Monday 9 June off, one day later
  await addHoliday(db, '2025-06-09');
  const id = await fileAtDesk(staff.editor, { channel: 'chafafiya' });
  const row = await db.selectFrom('information_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.due_on, '2025-07-01');
  assert.equal(row.channel, 'chafafiya');
  assert.equal(row.requester_user_id, null);
  assert.equal(row.requester_name, 'فاطمة الزهراء');
  assert.ok(row.filed_by_user_id);
  const log = await db.selectFrom('change_log').select(['action', 'actor_role']).where('entity_type', '=', 'information_request').where('entity_id', '=', id).execute();
  assert.deepEqual(log, [{ action: 'create', actor_role: 'editor' }]);
  // the desk requester's address gets the receipt, in the request's language
  const mails = await mailsTo(db, 'fatima@example.ma');
  assert.equal(mails.length, 2);
  assert.match(mails[1]!.text_body, /1 يوليو 2025|يوليو/);

  // the page shows the private data to staff
  const page = await staff.editor.get(`${base}/${id}`);
  assert.match(page.body, /فاطمة الزهراء/);
  assert.match(page.body, /حي السلام، سطات/);

  // a date in the future, and a bad address: 400, the form kept, nothing saved
  const count = async () => (await db.selectFrom('information_request').select('id').execute()).length;
  const n = await count();
  await staff.editor.get(`${base}/new`);
  const future = await staff.editor.post(`${base}/new`, deskForm({ received_on: '2999-01-04', requester_email: 'not-an-address' }));
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /لا يمكن أن يكون التاريخ في المستقبل/);
  assert.match(future.body, /عنوان البريد الإلكتروني غير صحيح/);
  assert.match(future.body, /value="not-an-address"/);
  assert.equal(await count(), n);
});

test('the desk is for staff of the collectivity who process requests', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const staff = await team(app, database);
  const n = async () => (await db.selectFrom('information_request').select('id').execute()).length;
  const before = await n();
  // a moderator, and the focal point of another collectivity
  for (const who of [staff.moderator, staff.other]) {
    assert.equal((await who.get(`${base}/new`)).statusCode, 403);
    assert.equal((await who.get(base)).statusCode, 403);
    await who.get('/admin');
    assert.equal((await who.post(`${base}/new`, deskForm())).statusCode, 403);
  }
  // a citizen account has no back office
  const amina = await citizen(app, db, 'amina@example.ma');
  assert.notEqual((await amina.get(base)).statusCode, 200);
  // no CSRF
  await staff.focal.get(`${base}/new`);
  assert.equal((await staff.focal.post(`${base}/new`, deskForm(), { csrf: 'x' })).statusCode, 403);
  assert.equal(await n(), before);
});

test('a citizen files at most the daily limit, across collectivities', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  await db.updateTable('information_rules').set({ daily_limit: 2 }).where('id', '=', 1).execute();
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get(requestUrl);
  assert.equal((await amina.post(requestUrl, form)).statusCode, 303);
  await amina.get('/ar/c/province-settat/information/request');
  assert.equal((await amina.post('/ar/c/province-settat/information/request', form)).statusCode, 303);
  await amina.get(requestUrl);
  const third = await amina.post(requestUrl, form);
  assert.equal(third.statusCode, 429);
  assert.match(third.body, /بلغت الحد الأقصى لليوم: طلبان لكل حساب/);
  assert.match(third.body, /أطلب نسخة إلكترونية من الميزانية/, 'the form is kept');
  assert.equal((await db.selectFrom('information_request').select('id').where('requester_user_id', '=', amina.id).execute()).length, 2);
  // a refused form (missing subject) does not use the day up for someone else
  const omar = await citizen(app, db, 'omar@example.ma');
  await omar.get(requestUrl);
  assert.equal((await omar.post(requestUrl, { ...form, subject: '' })).statusCode, 400);
  assert.equal((await omar.post(requestUrl, form)).statusCode, 303);
  assert.equal((await omar.post(requestUrl, form)).statusCode, 303);
});

test('concurrent submissions at the limit: exactly the limit passes', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  await db.updateTable('information_rules').set({ daily_limit: 3 }).where('id', '=', 1).execute();
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get(requestUrl);
  const results = await Promise.all(Array.from({ length: 12 }, () => amina.post(requestUrl, form)));
  const codes = results.map((r) => r.statusCode).sort();
  assert.equal(codes.filter((c) => c === 303).length, 3, `${codes.join(',')} on ${usingPostgres ? 'PostgreSQL' : 'SQLite'}`);
  assert.equal(codes.filter((c) => c === 429).length, 9);
  assert.equal((await db.selectFrom('information_request').select('id').where('requester_user_id', '=', amina.id).execute()).length, 3);
});

test('a request moves the register’s pages, and the programme’s only when an indicator follows it', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settat = await collectivityId(database, 'settat');
  const versions = () => db.selectFrom('collectivity').select(['content_version', 'plan_version']).where('id', '=', settat).executeTakeFirstOrThrow();
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get(requestUrl);
  let before = await versions();
  assert.equal((await amina.post(requestUrl, form)).statusCode, 303);
  let after = await versions();
  assert.equal(after.content_version, before.content_version + 1);
  assert.equal(after.plan_version, before.plan_version, 'no indicator follows the requests');

  // an indicator of the programme follows the number of requests: its card shows the value
  const indicator = await db.selectFrom('indicator').select('id').where('collectivity_id', '=', settat).orderBy('id').executeTakeFirstOrThrow();
  await db.deleteFrom('indicator_metric').where('indicator_id', '=', indicator.id).execute();
  await db.insertInto('indicator_metric').values({ indicator_id: indicator.id, collectivity_id: settat, metric: 'information.requests', variant: null }).execute();
  before = await versions();
  assert.equal((await amina.post(requestUrl, form)).statusCode, 303);
  after = await versions();
  assert.equal(after.content_version, before.content_version + 1);
  assert.equal(after.plan_version, before.plan_version + 1);
});
