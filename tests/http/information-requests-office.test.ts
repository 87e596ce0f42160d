// The back-office worklist (sorted by the running deadline, overdue marked, filters, 50 a page),
// the information office (the person in charge from the collectivity's team only), and the
// requester's personal data: the export, and the deletion that leaves the request in the register
// without naming anyone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectPersonalData, runAccountDeletionHandlers } from '../../src/platform/personal-data.ts';
import { DETAILS_REMOVED } from '../../src/modules/information/personal-data.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { base, citizen, fileAtDesk, step, team } from '../helpers/information.ts';

test('the worklist: by running deadline, overdue marked, filtered, paged', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { editor } = await team(app, database);
  const settat = await collectivityId(database, 'settat');
  // the demo's requests, if any, are left out of the counts below
  await db.deleteFrom('information_request').where('collectivity_id', '=', settat).execute();
  const old = await fileAtDesk(editor, { subject: 'طلب قديم متأخر' }); // due 30 June 2025: overdue
  const answered = await fileAtDesk(editor, { subject: 'طلب تم الرد عليه' });
  assert.equal((await step(editor, answered, 'answered', { on_date: '2025-06-10', outcome: 'full', answer: 'الرد.', publish: '1' })).statusCode, 303);
  const fresh = await fileAtDesk(editor, { subject: 'طلب جديد', received_on: todayInCasablanca() });

  const page = await editor.get(base);
  assert.equal(page.statusCode, 200);
  const order = [...page.body.matchAll(/id="request-(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(order, [old, fresh, answered], 'the overdue first, the answered (no running deadline) last');
  assert.match(page.body, new RegExp(`id="request-${old}" class="late"`));
  assert.doesNotMatch(page.body, new RegExp(`id="request-${fresh}" class="late"`));
  assert.match(page.body, /فاطمة|طلب قديم متأخر/);

  const overdue = await editor.get(`${base}?status=overdue`);
  assert.deepEqual([...overdue.body.matchAll(/id="request-(\d+)"/g)].map((m) => Number(m[1])), [old]);
  const done = await editor.get(`${base}?status=answered`);
  assert.deepEqual([...done.body.matchAll(/id="request-(\d+)"/g)].map((m) => Number(m[1])), [answered]);
  // a bad filter or cursor is ignored, not an error
  assert.equal((await editor.get(`${base}?status=nonsense&after=x`)).statusCode, 200);

  // 50 a page, keyset on (deadline, id)
  const at = new Date().toISOString();
  await db
    .insertInto('information_request')
    .values(Array.from({ length: 60 }, (_, i) => ({
      collectivity_id: settat, channel: 'desk', subject: `طلب ${i}`, details: '—', language: 'ar', delivery: 'copy', status: 'received',
      received_on: '2025-06-02', clock_from: '2025-06-02', due_on: '2025-06-30', created_at: at, updated_at: at,
    })))
    .execute();
  const first = await editor.get(base);
  const ids1 = [...first.body.matchAll(/id="request-(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(ids1.length, 50);
  const next = /href="([^"]+after=[^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
  const second = await editor.get(next);
  const ids2 = [...second.body.matchAll(/id="request-(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(ids2.length, 63 - 50);
  assert.equal(new Set([...ids1, ...ids2]).size, 63, 'no request twice, none left out');
});

test('the office: the person in charge comes from the collectivity’s team', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { focal, editor, other } = await team(app, database);
  const settat = await collectivityId(database, 'settat');
  const editorId = (await db.selectFrom('app_user').select('id').where('email', '=', 'editor@settat.ma').executeTakeFirstOrThrow()).id;
  const outsider = await createStaff(database, 'outsider@province.ma', 'editor', 'province-settat');
  const url = `${base}/office`;
  // the demo names Settat's office: as it was, a refused form leaves it unchanged
  const office = () => db.selectFrom('information_office').selectAll().where('collectivity_id', '=', settat).executeTakeFirst();
  const demoOffice = await office();

  // editors process requests but do not name the office
  assert.equal((await editor.get(url)).statusCode, 403);
  assert.equal((await other.get(url)).statusCode, 403);

  const page = await focal.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /editor@settat\.ma/);
  assert.doesNotMatch(page.body, /outsider@province\.ma/);
  const form = { officer_user_id: String(outsider), officer_name: 'خديجة بناني', officer_title_ar: 'رئيسة مصلحة التواصل', address_ar: 'مقر الجماعة، سطات', hours_ar: 'من الاثنين إلى الجمعة', email: 'info@settat.ma', phone: '+212 523 40 00 00' };
  const refused = await focal.post(url, form);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /اختر شخصا من فريق هذه الجماعة/);
  assert.match(refused.body, /خديجة بناني/);
  assert.deepEqual(await office(), demoOffice);
  const bad = await focal.post(url, { ...form, officer_user_id: String(editorId), phone: 'abc' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /رقم الهاتف غير صحيح/);

  assert.equal((await focal.post(url, { ...form, officer_user_id: String(editorId) })).statusCode, 303);
  // saved again: one row (an upsert)
  await focal.get(url);
  assert.equal((await focal.post(url, { ...form, officer_user_id: String(editorId), hours_ar: 'من 8:30 إلى 16:30' })).statusCode, 303);
  const rows = await db.selectFrom('information_office').selectAll().where('collectivity_id', '=', settat).execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.officer_user_id, editorId);
  assert.equal(rows[0]!.hours_ar, 'من 8:30 إلى 16:30');
  assert.equal(rows[0]!.officer_title_fr, null, 'a missing translation is absent');
  const log = await db.selectFrom('change_log').select('action').where('entity_type', '=', 'information_office').where('collectivity_id', '=', settat).execute();
  // the demo's office is there already: both saves are changes of it, each logged
  assert.deepEqual(log.map((l) => l.action), [demoOffice ? 'update' : 'create', 'update']);
});

test('personal data: the export lists the requests; deletion anonymises them', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { editor } = await team(app, database);
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get('/ar/c/settat/information/request');
  const res = await amina.post('/ar/c/settat/information/request', { subject: 'رخص البناء الممنوحة', details: 'أسكن في زنقة 5 حي الفرح وأطلب رخص البناء المجاورة.', delivery: 'electronic', language: 'ar' });
  const id = Number(/information\/(\d+)\/mine$/.exec(String(res.headers.location))![1]);
  assert.equal((await step(editor, id, 'processing', { on_date: todayInCasablanca(), note: 'أحيل على قسم التعمير.' })).statusCode, 303);

  const exported = (await collectPersonalData(db, { id: amina.id, email: amina.email })) as { informationRequests?: { id: number; details: string; trail: { kind: string; note: string | null }[] }[] };
  assert.equal(exported.informationRequests?.length, 1);
  assert.equal(exported.informationRequests![0]!.details, 'أسكن في زنقة 5 حي الفرح وأطلب رخص البناء المجاورة.');
  assert.deepEqual(exported.informationRequests![0]!.trail.map((s) => s.kind), ['received', 'processing']);
  // through the account's page too
  const download = await amina.get('/ar/account/export');
  assert.equal(download.statusCode, 200);
  assert.match(download.body, /رخص البناء الممنوحة/);

  await db.transaction().execute((trx) => runAccountDeletionHandlers(trx, { id: amina.id, email: amina.email }));
  const r = await db.selectFrom('information_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(r.requester_user_id, null);
  assert.equal(r.requester_name, null);
  assert.equal(r.requester_email, null);
  assert.equal(r.details, DETAILS_REMOVED);
  assert.equal(r.subject, 'رخص البناء الممنوحة', 'the request stays in the register');
  assert.equal(r.status, 'processing');
  assert.equal((await db.selectFrom('information_step').select('id').where('request_id', '=', id).execute()).length, 2, 'the trail stays');
  assert.equal(((await collectPersonalData(db, { id: amina.id, email: amina.email })) as { informationRequests?: unknown }).informationRequests, undefined);
});
