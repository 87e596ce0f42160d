// A verified citizen proposes an idea during an open call: similar proposals first, then
// publication; the staff's answer reaches the author by mail and shows on the proposal's page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff, secondInstance } from '../helpers/app.ts';

async function setup(t: Parameters<typeof buildTestApp>[0], options: { open: boolean } = { open: true }) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const day = 86_400_000;
  // no other call open (the demo's next programme has one open on the day it is loaded)
  if (!options.open) await db.updateTable('call_for_proposals').set({ closes_at: new Date(Date.now() - 6 * day).toISOString() }).where('collectivity_id', '=', settatId).where('closes_at', '>', new Date().toISOString()).execute();
  await db
    .insertInto('call_for_proposals')
    .values({
      collectivity_id: settatId,
      programme_id: programme.id,
      opens_at: new Date(Date.now() - (options.open ? 1 : 10) * day).toISOString(),
      closes_at: new Date(Date.now() + (options.open ? 5 : -5) * day).toISOString(),
      channels: 'online',
      published_at: new Date(Date.now() - 10 * day).toISOString(),
      title_ar: 'طلب اقتراحات 2026',
      title_fr: 'Appel à propositions 2026',
      title_en: null,
      body_ar: 'نص الإعلان',
      body_fr: null,
      body_en: null,
    })
    .execute();
  const citizen = await upsertUser(db, { email: 'citoyenne@example.ma', password: TEST_PASSWORD, displayName: 'مواطنة' });
  await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString(), locale: 'ar', gender: 'female' }).where('id', '=', citizen.id).execute();
  const unverified = await upsertUser(db, { email: 'new@example.ma', password: TEST_PASSWORD, displayName: 'جديد' });
  void unverified;
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  const axis = await db.selectFrom('axis').select('id').where('collectivity_id', '=', settatId).where('programme_id', '=', programme.id).where('number', '=', 3).executeTakeFirstOrThrow();
  return { ...ctx, settatId, programmeId: programme.id, axisId: String(axis.id), citizenId: citizen.id };
}

async function citizenLogin(app: FastifyInstance, email: string) {
  const client = new StaffClient(app);
  await client.get('/ar/account/login');
  const res = await client.post('/ar/account/login', { email, password: TEST_PASSWORD });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return client;
}

test('a citizen is shown similar proposals, publishes, and later reads the answer', async (t) => {
  const { app, database, axisId, settatId, programmeId } = await setup(t);
  const citizen = await citizenLogin(app, 'citoyenne@example.ma');
  const form = await citizen.get('/ar/c/settat/proposals/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /طلب اقتراحات 2026/);
  const proposal = { title: 'رقمنة خدمات الحالة المدنية بالمقاطعات', body: 'تمكين السكان من طلب الوثائق عن بعد.', axis_id: axisId };
  const check = await citizen.post('/ar/c/settat/proposals/new', { ...proposal, step: 'check' });
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /اقتراحات مشابهة موجودة/);
  assert.match(check.body, /طلب وثائق الحالة المدنية عن بعد/);
  assert.match(check.body, /name="step" value="publish"/);
  const count = async () => Number((await database.db.selectFrom('proposal').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', settatId).where('programme_id', '=', programmeId).executeTakeFirstOrThrow()).n);
  assert.equal(await count(), 31);
  const published = await citizen.post('/ar/c/settat/proposals/new', { ...proposal, step: 'publish' });
  assert.equal(published.statusCode, 303);
  assert.equal(await count(), 32);
  const page = await citizen.get(String(published.headers.location));
  assert.match(page.body, /تم نشر اقتراحك/);
  assert.match(page.body, /رقمنة خدمات الحالة المدنية بالمقاطعات/);
  const id = Number(/proposals\/(\d+)/.exec(String(published.headers.location))![1]);
  const stats = (await app.inject('/api/v1/collectivities/settat/participation')).json();
  assert.equal(stats.proposals.byChannel.online, 18);
  assert.deepEqual(stats.contributors, { total: 1, byGender: { female: 1, male: 0, unknown: 0 } });

  // staff answer: retained into project 3; the author gets a mail and the page links to the project
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/proposals/${id}`);
  const project = await database.db.selectFrom('project').select('id').where('collectivity_id', '=', settatId).where('number', '=', 3).executeTakeFirstOrThrow();
  const answered = await focal.post(`/admin/c/settat/proposals/${id}`, { status: 'retained', project_id: String(project.id), answer_ar: 'أدرجت في مشروع الرقمنة.' });
  assert.equal(answered.statusCode, 303);
  const mail = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'citoyenne@example.ma').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.match(mail.subject, /رد على اقتراحك/);
  assert.match(mail.text_body, /أدرجت في مشروع الرقمنة/);
  assert.match(mail.text_body, new RegExp(`/ar/c/settat/proposals/${id}`));
  const after = await app.inject(`/ar/c/settat/proposals/${id}`);
  assert.match(after.body, /أدرجت في مشروع الرقمنة/);
  assert.match(after.body, /href="\/ar\/c\/settat\/programme\/projects\/3"/);
});

test('submissions: anonymous and unverified visitors are sent away; bad input is refused; markup stays text', async (t) => {
  const { app, axisId } = await setup(t);
  const anonymous = new StaffClient(app);
  const res = await anonymous.get('/ar/c/settat/proposals/new');
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /\/ar\/account\/login/);
  const unverified = await citizenLogin(app, 'new@example.ma');
  const refused = await unverified.get('/ar/c/settat/proposals/new');
  assert.equal(refused.statusCode, 303);
  assert.match(String(refused.headers.location), /verify-email/);

  const citizen = await citizenLogin(app, 'citoyenne@example.ma');
  await citizen.get('/fr/c/settat/proposals/new');
  const empty = await citizen.post('/fr/c/settat/proposals/new', { title: '', body: 'x'.repeat(5000), axis_id: '' , step: 'publish' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="f-title-error">Ce champ est obligatoire/);
  assert.match(empty.body, /id="f-body-error">Ce texte est trop long/);
  assert.match(empty.body, /id="f-axis_id-error">/);
  const forged = await citizen.post('/fr/c/settat/proposals/new', { title: 'x', body: 'y', axis_id: axisId, step: 'publish' }, { csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  const markup = await citizen.post('/fr/c/settat/proposals/new', { title: '<script>alert(1)</script> Bancs', body: '<img src=x onerror=alert(1)>', axis_id: axisId, step: 'publish' });
  assert.equal(markup.statusCode, 303);
  const page = await app.inject(String(markup.headers.location).replace('/fr/', '/ar/'));
  assert.ok(!page.body.includes('<script>alert'));
  assert.ok(!page.body.includes('<img src=x'));
  assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script> Bancs'));
});

test('a submission outside the window is refused with the window’s state; too many are rate limited', async (t) => {
  const closed = await setup(t, { open: false });
  const citizen = await citizenLogin(closed.app, 'citoyenne@example.ma');
  const form = await citizen.get('/ar/c/settat/proposals/new');
  assert.match(form.body, /لا يوجد حاليا طلب اقتراحات مفتوح/);
  const res = await citizen.post('/ar/c/settat/proposals/new', { title: 'فكرة', body: 'نص', axis_id: closed.axisId, step: 'publish' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /باب تلقي الاقتراحات مغلق حاليا/);
  assert.match(res.body, /كان باب الاقتراحات مفتوحا من .+ إلى .+\./);

  const open = await setup(t);
  const busy = await citizenLogin(open.app, 'citoyenne@example.ma');
  await busy.get('/ar/c/settat/proposals/new');
  for (let i = 0; i < 5; i++) {
    assert.equal((await busy.post('/ar/c/settat/proposals/new', { title: `فكرة ${i}`, body: 'نص', axis_id: open.axisId, step: 'publish' })).statusCode, 303);
  }
  const sixth = await busy.post('/ar/c/settat/proposals/new', { title: 'فكرة 6', body: 'نص', axis_id: open.axisId, step: 'publish' });
  assert.equal(sixth.statusCode, 429);
  assert.match(sixth.body, /قدمت عددا كبيرا من الاقتراحات/);
});

test('a burst of 20 concurrent submissions by one account records exactly the hourly limit', async (t) => {
  const { app, database, axisId } = await setup(t);
  const citizen = await citizenLogin(app, 'citoyenne@example.ma');
  await citizen.get('/ar/c/settat/proposals/new');
  const user = await database.db.selectFrom('app_user').select('id').where('email', '=', 'citoyenne@example.ma').executeTakeFirstOrThrow();
  const statuses = await Promise.all(
    Array.from({ length: 20 }, (_, i) => citizen.post('/ar/c/settat/proposals/new', { title: `فكرة متزامنة ${i}`, body: 'نص', axis_id: axisId, step: 'publish' }).then((r) => r.statusCode)),
  );
  const stored = await database.db.selectFrom('proposal').select('id').where('author_user_id', '=', user.id).execute();
  assert.equal(stored.length, 5);
  assert.equal(statuses.filter((s) => s === 303).length, 5);
  assert.equal(statuses.filter((s) => s === 429).length, 15);
});

test('one support per account: 50 concurrent supports record one; answered proposals cannot be supported', async (t) => {
  const { app, database, axisId, settatId } = await setup(t);
  const citizen = await citizenLogin(app, 'citoyenne@example.ma');
  await citizen.get('/ar/c/settat/proposals/new');
  const published = await citizen.post('/ar/c/settat/proposals/new', { title: 'حديقة للأطفال', body: 'في حي مبروكة', axis_id: axisId, step: 'publish' });
  const href = String(published.headers.location);
  const page = await app.inject(href);
  assert.match(page.body, /لا داعم بعد/);
  const id = Number(/proposals\/(\d+)/.exec(href)![1]);
  const supportRows = async () => database.db.selectFrom('proposal_support').selectAll().where('proposal_id', '=', id).execute();

  // the author cannot support their own proposal: refused by the server, with a message
  const own = await citizen.get(`${href}/support`);
  assert.equal(own.statusCode, 200);
  assert.match(own.body, /لا يمكنك دعم اقتراحك/);
  assert.doesNotMatch(own.body, /أؤكد دعمي/);
  assert.equal((await citizen.post(`${href}/support`, { support: '1' })).statusCode, 303);
  assert.match((await citizen.get(`${href}/support`)).body, /<p class="flash" role="status">لا يمكنك دعم اقتراحك/);
  assert.equal((await supportRows()).length, 0);

  const supporterRow = await upsertUser(database.db, { email: 'supporter@example.ma', password: TEST_PASSWORD, displayName: 'داعمة' });
  await database.db.updateTable('app_user').set({ email_verified_at: new Date().toISOString() }).where('id', '=', supporterRow.id).execute();
  const supporter = await citizenLogin(app, 'supporter@example.ma');
  const confirm = await supporter.get(`${href}/support`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /أؤكد دعمي/);
  const results = await Promise.all(Array.from({ length: 50 }, () => supporter.post(`${href}/support`, { support: '1' })));
  assert.ok(results.every((r) => r.statusCode === 303));
  assert.equal((await supportRows()).length, 1);
  assert.match((await app.inject(href)).body, /داعم واحد/);
  // the support page now says so, and offers to withdraw
  const supported = await supporter.get(`${href}/support`);
  assert.match(supported.body, /أنت تدعم هذا الاقتراح/);
  assert.match(supported.body, /سحب دعمي/);
  const again = await supporter.post(`${href}/support`, { support: '1' });
  assert.equal(again.statusCode, 303);
  assert.match((await supporter.get(`${href}/support`)).body, /سبق أن دعمت هذا الاقتراح/);
  // withdrawn, then given again: the public count follows (the page cache is bumped)
  await supporter.post(`${href}/support`, { support: '0' });
  assert.equal((await supportRows()).length, 0);
  assert.match((await app.inject(href)).body, /لا داعم بعد/);
  assert.match((await supporter.get(`${href}/support`)).body, /أؤكد دعمي/);
  await supporter.post(`${href}/support`, { support: '1' });
  assert.equal((await supportRows()).length, 1);

  // supporting follows the proposal: the staff's answer reaches the author and each supporter
  // once, in their own language
  const followerRow = await upsertUser(database.db, { email: 'follower@example.ma', password: TEST_PASSWORD, displayName: 'متابع' });
  await database.db.updateTable('app_user').set({ email_verified_at: new Date().toISOString(), locale: 'fr' }).where('id', '=', followerRow.id).execute();
  const follower = await citizenLogin(app, 'follower@example.ma');
  await follower.get(`${href}/support`);
  assert.equal((await follower.post(`${href}/support`, {})).statusCode, 303);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/proposals/${id}`);
  assert.equal((await focal.post(`/admin/c/settat/proposals/${id}`, { status: 'not_retained', answer_ar: 'خارج اختصاص الجماعة.', answer_fr: 'Hors des compétences de la commune.' })).statusCode, 303);
  const mails = await database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body']).where('to_address', 'in', ['citoyenne@example.ma', 'follower@example.ma']).orderBy('to_address').execute();
  assert.deepEqual(mails.map((m) => m.to_address), ['citoyenne@example.ma', 'follower@example.ma']);
  assert.match(mails[0].text_body, /خارج اختصاص الجماعة/);
  assert.match(mails[1].subject, /^Réponse à une proposition que vous suivez/);
  assert.match(mails[1].text_body, /Hors des compétences de la commune/);

  const answered = await database.db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).where('status', '=', 'retained').executeTakeFirstOrThrow();
  assert.doesNotMatch((await app.inject(`/ar/c/settat/proposals/${answered.id}`)).body, /\/support"/);
  await supporter.post(`/ar/c/settat/proposals/${answered.id}/support`, {});
  assert.equal((await database.db.selectFrom('proposal_support').selectAll().where('proposal_id', '=', answered.id).execute()).length, 0);
});

test('a citizen’s proposal leaves the programme’s pages and API as they were; the staff’s answer moves them (two instances)', async (t) => {
  const first = await setup(t);
  const other = await secondInstance(t, first);
  const etag = async (url: string) => {
    const res = await other.app.inject(url);
    assert.equal(res.statusCode, 200, url);
    return String(res.headers.etag);
  };
  const plan = ['/fr/c/settat/programme', '/ar/c/settat/programme/projects/3', '/api/v1/collectivities/settat/programme'];
  const before = await Promise.all(plan.map(etag));
  const listBefore = await etag('/ar/c/settat/proposals');

  const citizen = await citizenLogin(first.app, 'citoyenne@example.ma');
  await citizen.get('/ar/c/settat/proposals/new');
  const title = 'خريطة رقمية لمرافق الأحياء';
  const published = await citizen.post('/ar/c/settat/proposals/new', { title, body: 'نشر خريطة المرافق العمومية على البوابة.', axis_id: first.axisId, step: 'publish' });
  assert.equal(published.statusCode, 303);
  const hits = other.app.pageCache.hits;
  assert.deepEqual(await Promise.all(plan.map(etag)), before, 'the plan did not change: its pages are the same');
  assert.equal(other.app.pageCache.hits - hits, plan.length, 'and are served from the cache, not rendered again');
  assert.notEqual(await etag('/ar/c/settat/proposals'), listBefore);
  assert.match((await other.app.inject('/ar/c/settat/proposals')).body, new RegExp(title));

  // retained into project 3: the project's page now names it where it came from
  const id = Number(/proposals\/(\d+)/.exec(String(published.headers.location))![1]);
  const focal = await new StaffClient(first.app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/proposals/${id}`);
  const project = await first.database.db.selectFrom('project').select('id').where('collectivity_id', '=', first.settatId).where('number', '=', 3).executeTakeFirstOrThrow();
  assert.equal((await focal.post(`/admin/c/settat/proposals/${id}`, { status: 'retained', project_id: String(project.id), answer_ar: 'أدرجت.' })).statusCode, 303);
  assert.notEqual(await etag('/ar/c/settat/programme/projects/3'), before[1]);
  assert.match((await other.app.inject('/ar/c/settat/programme/projects/3')).body, new RegExp(title));
});

test('a proposal moves the programme’s pages when one of its indicators counts the proposals (two instances)', async (t) => {
  const first = await setup(t);
  const other = await secondInstance(t, first);
  const db = first.database.db;
  // project 3's first indicator follows the number of proposals
  const indicator = await db
    .selectFrom('indicator')
    .innerJoin('project', 'project.id', 'indicator.project_id')
    .select('indicator.id')
    .where('indicator.collectivity_id', '=', first.settatId)
    .where('project.number', '=', 3)
    .orderBy('indicator.id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('indicator_metric').where('indicator_id', '=', indicator.id).execute();
  await db.insertInto('indicator_metric').values({ indicator_id: indicator.id, collectivity_id: first.settatId, metric: 'cocreation.proposals', variant: null }).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', 1) })).where('id', '=', first.settatId).execute();
  const card = () => other.app.inject('/fr/c/settat/programme/projects/3');
  const before = await card();

  const citizen = await citizenLogin(first.app, 'citoyenne@example.ma');
  await citizen.get('/ar/c/settat/proposals/new');
  const published = await citizen.post('/ar/c/settat/proposals/new', { title: 'خريطة رقمية لمرافق الأحياء', body: 'نشر خريطة المرافق العمومية على البوابة.', axis_id: first.axisId, step: 'publish' });
  assert.equal(published.statusCode, 303);
  const hits = other.app.pageCache.hits;
  const after = await card();
  assert.equal(other.app.pageCache.hits, hits, 'the card is rendered again, with the indicator as it is now');
  assert.equal(after.statusCode, 200);
  assert.ok(before.headers.etag);
});
