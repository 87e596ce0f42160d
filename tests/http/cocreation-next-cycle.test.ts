// The co-creation of the next programme is public while its plan is a draft (decision 006): once
// its call for proposals is published, the call, its process page and the proposals it receives
// are public at /programmes/{period}/…, and citizens propose to it on the axes it asks about; its
// matrix stays private. Shown on the demo loaded on a fixed day, with "now" fixed on that day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { casablancaToIso } from '../../src/platform/i18n/format.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId } from '../helpers/app.ts';

const DAY = '2031-03-10';
const NEXT = '2032-2033';
const now = Date.parse(casablancaToIso(`${DAY}T11:00`));

test('the next programme being co-created: its call, process and proposals are public, its plan is not; citizens propose to it', async (t) => {
  const { app, database } = await buildTestApp(t, { demoDay: DAY });
  const db = database.db;
  t.mock.timers.enable({ apis: ['Date'], now });
  const settatId = await collectivityId(database, 'settat');
  const next = await db.selectFrom('programme').selectAll().where('collectivity_id', '=', settatId).where('status', '=', 'co_creation').executeTakeFirstOrThrow();
  assert.equal(`${next.start_year}-${next.end_year}`, NEXT);
  assert.equal(Number(next.is_current), 0);
  const call = await db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', settatId).where('programme_id', '=', next.id).executeTakeFirstOrThrow();

  // its process page, in Arabic and French: the notice that it is being co-created, its stages,
  // its call and its coming workshop
  const processFr = await app.inject(`/fr/c/settat/programmes/${NEXT}/process`);
  assert.equal(processFr.statusCode, 200);
  assert.match(processFr.body, /Ce programme est en cours de co-création/);
  assert.match(processFr.body, new RegExp(`href="/fr/c/settat/announcements/${call.id}"`));
  assert.match(processFr.body, /Atelier de co-création du programme d(&#39;|&#x27;|')ouverture 2032-2033 \(exemple fictif\)/);
  assert.match(processFr.body, /· ouvert<\/small>/);
  assert.match(processFr.body, new RegExp(`href="/fr/c/settat/programmes/${NEXT}/proposals"`));
  assert.doesNotMatch(processFr.body, /Appel à idées et propositions sur la plateforme numérique/); // the 2023 call is the other programme's
  const processAr = await app.inject(`/ar/c/settat/programmes/${NEXT}/process`);
  assert.equal(processAr.statusCode, 200);
  assert.match(processAr.body, /<html lang="ar" dir="rtl">/);
  assert.match(processAr.body, /هذا البرنامج في طور الإعداد المشترك/);
  assert.match(processAr.body, /ورشة الإعداد المشترك لبرنامج الانفتاح \u200E2032-\u20602033 \(مثال توضيحي\)/);
  // the current programme's process page still shows 2024–2025's, and points to the next one
  const current = await app.inject('/fr/c/settat/process');
  assert.match(current.body, /Réunion d(&#39;|&#x27;|')information au siège de la région/);
  assert.match(current.body, new RegExp(`href="/fr/c/settat/programmes/${NEXT}/process">La co-création du prochain programme a commencé`));

  // its plan is not public: no matrix at its period, not in the list of programmes nor the API
  assert.equal((await app.inject(`/fr/c/settat/programmes/${NEXT}`)).statusCode, 404);
  assert.doesNotMatch((await app.inject('/fr/c/settat/programmes')).body, new RegExp(NEXT));
  const api = (await app.inject('/api/v1/collectivities/settat/programmes')).json() as { items?: { period: { start: number } }[]; programmes?: { period: { start: number } }[] };
  assert.ok(!JSON.stringify(api).includes('"start":2032'));

  // the proposals it received: on its period's list, not on the current programme's
  const listed = await app.inject(`/ar/c/settat/programmes/${NEXT}/proposals`);
  assert.equal(listed.statusCode, 200);
  for (const title of ['موعد إلكتروني لسحب رخص البناء', 'لقاء مفتوح كل فصل في الملحقات الإدارية', 'نشر تقدم أشغال مشاريع الميزانية التشاركية']) {
    assert.match(listed.body, new RegExp(title), title);
    assert.doesNotMatch((await app.inject('/ar/c/settat/proposals')).body, new RegExp(title));
  }
  assert.match(listed.body, /مثال توضيحي/);

  // the call's notice: open, offering to propose to this call, linked to its programme's pages
  const notice = await app.inject(`/fr/c/settat/announcements/${call.id}`);
  assert.equal(notice.statusCode, 200);
  assert.match(notice.body, new RegExp(`href="/fr/c/settat/proposals/new\\?call=${call.id}"`));
  assert.match(notice.body, new RegExp(`href="/fr/c/settat/programmes/${NEXT}/process"`));
  assert.match(notice.body, new RegExp(`href="/fr/c/settat/programmes/${NEXT}/proposals"`));
  assert.match(notice.body, /Plateforme en ligne, Atelier/); // online and at the workshop, listed the French way

  // a verified citizen proposes to it: the form offers the next programme's axes, the proposal
  // belongs to that programme and shows on its list
  const user = await upsertUser(db, { email: 'houda@example.ma', password: TEST_PASSWORD, displayName: 'هدى' });
  await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString(), locale: 'ar' }).where('id', '=', user.id).execute();
  const citizen = new StaffClient(app);
  await citizen.get('/ar/account/login');
  assert.equal((await citizen.post('/ar/account/login', { email: 'houda@example.ma', password: TEST_PASSWORD })).statusCode, 303);
  const form = await citizen.get(`/ar/c/settat/proposals/new?call=${call.id}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`action="/ar/c/settat/proposals/new\\?call=${call.id}"`));
  const axes = await db.selectFrom('axis').select(['id', 'number', 'programme_id']).where('collectivity_id', '=', settatId).execute();
  const nextAxis = axes.find((a) => a.programme_id === next.id && a.number === 3)!;
  const oldAxis = axes.find((a) => a.programme_id !== next.id && a.number === 3)!;
  assert.match(form.body, new RegExp(`<option value="${nextAxis.id}"`));
  assert.doesNotMatch(form.body, new RegExp(`<option value="${oldAxis.id}"`));
  // an axis of another programme is refused, with nothing saved
  const wrong = await citizen.post(`/ar/c/settat/proposals/new?call=${call.id}`, { title: 'شباك رقمي متنقل', body: 'حافلة مجهزة تزور الأحياء البعيدة.', axis_id: String(oldAxis.id), step: 'publish' });
  assert.equal(wrong.statusCode, 400);
  assert.equal((await db.selectFrom('proposal').select('id').where('author_user_id', '=', user.id).execute()).length, 0);
  const published = await citizen.post(`/ar/c/settat/proposals/new?call=${call.id}`, { title: 'شباك رقمي متنقل', body: 'حافلة مجهزة تزور الأحياء البعيدة.', axis_id: String(nextAxis.id), step: 'publish' });
  assert.equal(published.statusCode, 303, published.body.slice(0, 300));
  const mine = await db.selectFrom('proposal').selectAll().where('author_user_id', '=', user.id).executeTakeFirstOrThrow();
  assert.equal(mine.programme_id, next.id);
  assert.equal(mine.call_id, call.id);
  assert.match((await app.inject(`/ar/c/settat/programmes/${NEXT}/proposals`)).body, /شباك رقمي متنقل/);
  assert.equal((await app.inject(`/ar/c/settat/proposals/${mine.id}`)).statusCode, 200);

  // a draft whose call is not published yet, and a period with no programme: 404
  const draft = await db
    .insertInto('programme')
    .values({ collectivity_id: settatId, title_ar: 'مسودة', title_fr: null, title_en: null, start_year: 2034, end_year: 2035, status: 'draft', created_at: new Date().toISOString(), is_current: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('call_for_proposals')
    .values({ ...call, id: undefined as never, programme_id: draft.id, published_at: new Date(now + 86_400_000).toISOString() })
    .execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();
  assert.equal((await app.inject('/fr/c/settat/programmes/2034-2035/process')).statusCode, 404);
  assert.equal((await app.inject('/fr/c/settat/programmes/2034-2035/proposals')).statusCode, 404);
  assert.equal((await app.inject('/fr/c/settat/programmes/2040-2041/process')).statusCode, 404);
  assert.equal((await app.inject(`/fr/c/nowhere/programmes/${NEXT}/process`)).statusCode, 404);
});
