// Consultation on the draft: the draft projects with their contributions and supports, citizens
// contributing and supporting within the window, staff setting the window and entering the
// contributions of a consultation workshop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { collectPersonalData } from '../../src/platform/personal-data.ts';
import { casablancaToIso, isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const DAY = 86_400_000;
type Window = 'open' | 'closed' | 'upcoming' | null;

async function setup(t: Parameters<typeof buildTestApp>[0], options: { window?: Window; status?: string } = {}) {
  const { window = 'open', status = 'consultation' } = options;
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  await db.updateTable('programme').set({ status }).where('id', '=', programme.id).execute();
  if (window) {
    const [from, to] = window === 'open' ? [-1, 5] : window === 'closed' ? [-10, -5] : [5, 10];
    await db
      .insertInto('consultation_window')
      .values({
        programme_id: programme.id,
        collectivity_id: settatId,
        opens_at: new Date(Date.now() + from * DAY).toISOString(),
        closes_at: new Date(Date.now() + to * DAY).toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
  }
  const citizen = await upsertUser(db, { email: 'citoyenne@example.ma', password: TEST_PASSWORD, displayName: 'مواطنة' });
  await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString() }).where('id', '=', citizen.id).execute();
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'editor', 'province-settat');
  const projects = await db.selectFrom('project').select(['id', 'number']).where('collectivity_id', '=', settatId).execute();
  const project = new Map(projects.map((p) => [p.number, p.id]));
  return { ...ctx, settatId, programmeId: programme.id, project, citizenId: citizen.id };
}

async function citizenLogin(app: FastifyInstance, email = 'citoyenne@example.ma') {
  const client = new StaffClient(app);
  await client.get('/ar/account/login');
  const res = await client.post('/ar/account/login', { email, password: TEST_PASSWORD });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return client;
}

/** A count as an Arabic plural message writes it: "لا …" for 0, the singular or the dual for 1 and 2. */
function arabicCount(text: string, zero: string, one: string, two: string, noun: string): number {
  const n = new RegExp(`(\\d+) ${noun}`).exec(text);
  if (n) return Number(n[1]);
  if (text.includes(`لا ${zero}`)) return 0;
  if (text.includes(one)) return 1;
  if (text.includes(two)) return 2;
  throw new Error(`no count of ${noun}`);
}

/** Per project number: [contributions, supports], as the Arabic consultation page shows them. */
function countsOnPage(body: string): Record<number, [number, number]> {
  const out: Record<number, [number, number]> = {};
  for (const part of body.split('<li id="project-').slice(1)) {
    const n = Number(/^(\d+)"/.exec(part)![1]);
    out[n] = [arabicCount(part, 'مساهمة بعد', 'مساهمة واحدة', 'مساهمتان', 'مساهم'), arabicCount(part, 'داعم بعد', 'داعم واحد', 'داعمان', 'داعم')];
  }
  return out;
}

const contributionCount = async (ctx: { database: { db: any }; settatId: number }) =>
  Number((await ctx.database.db.selectFrom('consultation_contribution').select((eb: any) => eb.fn.countAll().as('n')).where('collectivity_id', '=', ctx.settatId).executeTakeFirstOrThrow()).n);

test('the Settat demo’s consultation figures equal the document, per project, on the page and in the API', async (t) => {
  const { app } = await setup(t, { window: null, status: 'adopted' });
  const ar = await app.inject('/ar/c/settat/consultation');
  assert.equal(ar.statusCode, 200);
  // project 3 → 6, project 4 → 2, project 1 → 4, project 2 → 4: 16 contributions
  assert.deepEqual(countsOnPage(ar.body), { 1: [4, 0], 2: [4, 0], 3: [6, 0], 4: [2, 0] });
  assert.match(ar.body, /التشاور حول مسودة البرنامج غير مفتوح حاليا/);
  assert.doesNotMatch(ar.body, /\/contribute"/);
  const api = (await app.inject('/api/v1/collectivities/settat/participation')).json();
  assert.equal(api.consultation.total, 16);
  assert.deepEqual(Object.fromEntries(api.consultation.byAxis.map((a: any) => [a.axis, a.total])), { 1: 4, 2: 4, 3: 6, 4: 2 });
  const fr = await app.inject('/fr/c/settat/consultation/projects/3');
  assert.equal(fr.statusCode, 200);
  assert.equal((fr.body.match(/<time datetime="2023-07-06/g) ?? []).length, 6);
  assert.match(fr.body, /6 contributions/);
  assert.match(fr.body, /en atelier : 6/);
  assert.match(fr.body, /lang="ar" dir="auto">إيلاء الأولوية لخدمات الحالة المدنية في الرقمنة/);
  assert.equal((await app.inject('/fr/c/settat/consultation/projects/99')).statusCode, 404);
  assert.equal((await app.inject('/fr/c/nowhere/consultation')).statusCode, 404);
});

test('a citizen contributes and supports within the window: the page, the project and the statistics follow; markup stays text', async (t) => {
  const ctx = await setup(t);
  const { app, database, citizenId } = ctx;
  const page = await app.inject('/ar/c/settat/consultation');
  assert.match(page.body, /باب التشاور مفتوح إلى غاية/);
  assert.match(page.body, /href="\/ar\/c\/settat\/consultation\/projects\/3\/contribute"/);
  assert.match(page.body, /href="\/ar\/c\/settat\/consultation\/projects\/3\/support"/);

  // anonymous visitors are sent to the login page
  const anonymous = await app.inject('/ar/c/settat/consultation/projects/3/contribute');
  assert.equal(anonymous.statusCode, 303);
  assert.match(String(anonymous.headers.location), /\/ar\/account\/login/);

  const citizen = await citizenLogin(app);
  const form = await citizen.get('/ar/c/settat/consultation/projects/3/contribute');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="body"/);
  assert.equal(form.headers['cache-control'], 'no-store');
  const empty = await citizen.post('/ar/c/settat/consultation/projects/3/contribute', { body: '  ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="f-body-error">/);
  const forged = await citizen.post('/ar/c/settat/consultation/projects/3/contribute', { body: 'نص' }, { csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  assert.equal(await contributionCount(ctx), 16);

  const sent = await citizen.post('/ar/c/settat/consultation/projects/3/contribute', { body: 'نشر <script>alert(1)</script> مواعيد الشباك الرقمي <b>bold</b>' });
  assert.equal(sent.statusCode, 303);
  assert.equal(sent.headers.location, '/ar/c/settat/consultation/projects/3');
  const project = await citizen.get(String(sent.headers.location));
  assert.match(project.body, /تم نشر مساهمتك/);
  assert.match(project.body, /نشر &lt;script>alert\(1\)&lt;\/script> مواعيد الشباك الرقمي &lt;b>bold&lt;\/b>/);
  assert.ok(!project.body.includes('<script>alert'));
  assert.ok(!project.body.includes('<b>bold'));
  assert.match(project.body, /عبر المنصة: 1 · في الورشات: 6/);

  const support = await citizen.get('/ar/c/settat/consultation/projects/3/support');
  assert.equal(support.statusCode, 200);
  assert.match(support.body, /أؤكد دعمي/);
  const supported = await citizen.post('/ar/c/settat/consultation/projects/3/support', {});
  assert.equal(supported.statusCode, 303);
  assert.match((await citizen.get(String(supported.headers.location))).body, /شكرا، تم تسجيل دعمك/);

  const after = await app.inject('/ar/c/settat/consultation');
  assert.deepEqual(countsOnPage(after.body), { 1: [4, 0], 2: [4, 0], 3: [7, 1], 4: [2, 0] });
  const api = (await app.inject('/api/v1/collectivities/settat/participation')).json();
  assert.equal(api.consultation.total, 17);
  assert.equal(api.consultation.byAxis.find((a: any) => a.axis === 3).total, 7);
  // the workshop keeps its 16: the online contribution belongs to no event
  assert.equal(api.events.find((e: any) => e.date === '2023-07-06').contributions, 16);

  const row = await database.db.selectFrom('consultation_contribution').selectAll().where('author_user_id', '=', citizenId).executeTakeFirstOrThrow();
  assert.equal(row.channel, 'online');
  assert.equal(row.lang, 'ar');
  const logged = await database.db.selectFrom('change_log').select(['entity_type', 'changes']).where('entity_type', 'in', ['consultation_contribution', 'draft_project_support']).execute();
  assert.equal(logged.length, 2);
  assert.ok(logged.every((l) => JSON.parse(l.changes)[0].after === 3));
  // "download my data" lists the contribution and the support
  const mine = (await collectPersonalData(database.db, { id: citizenId, email: 'citoyenne@example.ma' })).consultation as any;
  assert.equal(mine.contributions.length, 1);
  assert.deepEqual(mine.supports.map((s: any) => [s.collectivity, s.project]), [['settat', 3]]);
});

test('outside the window, or when the programme is not in consultation, contributions and supports are refused with the window', async (t) => {
  const closed = await setup(t, { window: 'closed' });
  const list = await closed.app.inject('/ar/c/settat/consultation');
  assert.match(list.body, /كان باب التشاور مفتوحا من .+ إلى .+\./);
  assert.doesNotMatch(list.body, /\/contribute"/);
  const citizen = await citizenLogin(closed.app);
  const form = await citizen.get('/ar/c/settat/consultation/projects/1/contribute');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /كان باب التشاور مفتوحا من/);
  assert.doesNotMatch(form.body, /name="body"/);
  assert.equal((await citizen.get('/ar/c/settat/consultation/projects/1/support')).statusCode, 200);
  // a form kept open in a tab: posted after the window closed
  const late = await citizen.post('/ar/c/settat/consultation/projects/1/contribute', { body: 'متأخرة' });
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /لا تقبل المساهمات والدعم حاليا\. كان باب التشاور مفتوحا من .+ إلى .+\./);
  const lateSupport = await citizen.post('/ar/c/settat/consultation/projects/1/support', {});
  assert.equal(lateSupport.statusCode, 400);
  assert.match(lateSupport.body, /كان باب التشاور مفتوحا من/);
  assert.equal(await contributionCount(closed), 16);
  assert.equal((await closed.database.db.selectFrom('draft_project_support').selectAll().execute()).length, 0);

  const upcoming = await setup(t, { window: 'upcoming' });
  const soon = await upcoming.app.inject('/fr/c/settat/consultation');
  assert.match(soon.body, /La concertation sera ouverte du .+ au .+\./);
  assert.doesNotMatch(soon.body, /\/support"/);

  // within the window, but the programme is adopted: closed too
  const paused = await setup(t, { window: 'open', status: 'adopted' });
  const other = await citizenLogin(paused.app);
  await other.get('/fr/c/settat/consultation/projects/2/contribute');
  const refused = await other.post('/fr/c/settat/consultation/projects/2/contribute', { body: 'texte' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /le programme n’est pas en phase de concertation/);
  assert.equal(await contributionCount(paused), 16);
});

test('one support per account: 30 concurrent supports record one; contributions are rate limited', async (t) => {
  const ctx = await setup(t);
  const { app, database, project } = ctx;
  const citizen = await citizenLogin(app);
  await citizen.get('/ar/c/settat/consultation/projects/4/support');
  const results = await Promise.all(Array.from({ length: 30 }, () => citizen.post('/ar/c/settat/consultation/projects/4/support', {})));
  assert.ok(results.every((r) => r.statusCode === 303), results.map((r) => r.statusCode).join(','));
  const rows = await database.db.selectFrom('draft_project_support').selectAll().where('project_id', '=', project.get(4)!).execute();
  assert.equal(rows.length, 1);
  const again = await citizen.post('/ar/c/settat/consultation/projects/4/support', {});
  assert.equal(again.statusCode, 303);
  assert.match((await citizen.get(String(again.headers.location))).body, /سبق أن دعمت هذا المشروع/);
  assert.deepEqual(countsOnPage((await app.inject('/ar/c/settat/consultation')).body)[4], [2, 1]);

  await citizen.get('/ar/c/settat/consultation/projects/1/contribute');
  for (let i = 0; i < 10; i++) {
    assert.equal((await citizen.post('/ar/c/settat/consultation/projects/1/contribute', { body: `مساهمة ${i}` })).statusCode, 303);
  }
  const eleventh = await citizen.post('/ar/c/settat/consultation/projects/1/contribute', { body: 'مساهمة 11' });
  assert.equal(eleventh.statusCode, 429);
  assert.match(eleventh.body, /أرسلت عددا كبيرا من المساهمات خلال ساعة/);
  assert.equal(await contributionCount(ctx), 26);
});

test('staff set the window and enter a workshop’s contributions all or none; other roles and collectivities are refused', async (t) => {
  const ctx = await setup(t, { window: null });
  const { app, database, project, settatId, programmeId } = ctx;
  const workshop = await database.db.selectFrom('participation_event').select('id').where('collectivity_id', '=', settatId).where('held_on', '=', '2023-07-06').executeTakeFirstOrThrow();
  const windowRow = () => database.db.selectFrom('consultation_window').selectAll().where('programme_id', '=', programmeId).executeTakeFirst();

  // nobody signed in: the login page; a citizen, or another collectivity's staff: 403, nothing saved
  const anonymous = await app.inject('/admin/c/settat/consultation');
  assert.equal(anonymous.statusCode, 303);
  const citizen = await citizenLogin(app);
  assert.equal((await citizen.get('/admin/c/settat/consultation')).statusCode, 403);
  assert.equal((await citizen.post('/admin/c/settat/consultation/window', { opens_local: '2026-01-01T09:00', closes_local: '2026-01-31T18:00' })).statusCode, 403);
  const province = await new StaffClient(app).login('focal@province.ma');
  assert.equal((await province.get('/admin/c/settat/consultation/contributions')).statusCode, 403);
  const foreign = await province.post('/admin/c/settat/consultation/contributions', { event_id: String(workshop.id), project_0: String(project.get(1)), body_0: 'من الإقليم' });
  assert.equal(foreign.statusCode, 403);
  assert.equal((await province.post('/admin/c/settat/consultation/window', { opens_local: '2026-01-01T09:00', closes_local: '2026-01-31T18:00' })).statusCode, 403);
  assert.equal(await windowRow(), undefined);
  assert.equal(await contributionCount(ctx), 16);

  // the window, in Casablanca time
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const overview = await focal.get('/admin/c/settat/consultation');
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /التشاور حول مسودة البرنامج غير مفتوح حاليا/);
  const backwards = await focal.post('/admin/c/settat/consultation/window', { opens_local: '2026-02-01T09:00', closes_local: '2026-01-01T09:00' });
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.body, /id="f-closes_local-error">/);
  const forged = await focal.post('/admin/c/settat/consultation/window', { opens_local: '2026-01-01T09:00', closes_local: '2026-01-31T18:00' }, { csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  assert.equal(await windowRow(), undefined);
  const opens = isoToCasablanca(new Date(Date.now() - DAY).toISOString());
  const closes = isoToCasablanca(new Date(Date.now() + 3 * DAY).toISOString());
  const saved = await focal.post('/admin/c/settat/consultation/window', { opens_local: opens, closes_local: closes });
  assert.equal(saved.statusCode, 303);
  const row = await windowRow();
  assert.equal(row!.opens_at, casablancaToIso(opens));
  assert.equal(row!.closes_at, casablancaToIso(closes));
  const reread = await focal.get('/admin/c/settat/consultation');
  assert.match(reread.body, new RegExp(`name="opens_local"[^>]*value="${opens}"`));
  assert.match(reread.body, /باب التشاور مفتوح إلى غاية/);
  // the programme is in consultation and the window is open: the public page offers the forms
  assert.match((await app.inject('/ar/c/settat/consultation')).body, /projects\/2\/contribute"/);

  // the contributions of a workshop: a row without text, or an unknown project, saves nothing
  const form = await focal.get(`/admin/c/settat/consultation/contributions?event=${workshop.id}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`<option value="${workshop.id}" selected`));
  const incomplete = await focal.post('/admin/c/settat/consultation/contributions', {
    event_id: String(workshop.id),
    project_0: String(project.get(1)), body_0: 'ربط الميزانية التشاركية بالأحياء',
    project_1: String(project.get(2)),
    body_2: 'نص بلا مشروع',
  });
  assert.equal(incomplete.statusCode, 400);
  assert.match(incomplete.body, /id="f-body_1-error">هذا الحقل إلزامي/);
  assert.match(incomplete.body, /id="f-project_2-error">هذا الحقل إلزامي/);
  assert.match(incomplete.body, /ربط الميزانية التشاركية بالأحياء/);
  const unknown = await focal.post('/admin/c/settat/consultation/contributions', {
    event_id: String(workshop.id),
    project_0: String(project.get(1)), body_0: 'مساهمة صحيحة',
    project_1: '999999', body_1: 'مشروع غير موجود',
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /id="f-project_1-error">/);
  const noEvent = await focal.post('/admin/c/settat/consultation/contributions', { event_id: '', project_0: String(project.get(1)), body_0: 'نص' });
  assert.equal(noEvent.statusCode, 400);
  assert.match(noEvent.body, /id="f-event_id-error">/);
  assert.equal(await contributionCount(ctx), 16);

  const ok = await focal.post('/admin/c/settat/consultation/contributions', {
    event_id: String(workshop.id),
    project_0: String(project.get(1)), body_0: 'ربط الميزانية التشاركية بالأحياء',
    project_1: String(project.get(3)), body_1: 'شباك رقمي في كل مقاطعة',
    project_4: String(project.get(3)), body_4: 'تكوين الموظفين على المنصات',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/admin/c/settat/consultation');
  const api = (await app.inject('/api/v1/collectivities/settat/participation')).json();
  assert.equal(api.consultation.total, 19);
  assert.equal(api.events.find((e: any) => e.date === '2023-07-06').contributions, 19);
  assert.deepEqual(countsOnPage((await app.inject('/ar/c/settat/consultation')).body), { 1: [5, 0], 2: [4, 0], 3: [8, 0], 4: [2, 0] });
  const entered = await database.db.selectFrom('consultation_contribution').selectAll().where('collectivity_id', '=', settatId).where('is_demo', '=', 0).execute();
  assert.ok(entered.every((c) => c.channel === 'workshop' && c.event_id === workshop.id && c.submitted_at.startsWith('2023-07-06')));
  const log = await database.db.selectFrom('change_log').selectAll().where('entity_type', '=', 'participation_event').where('entity_id', '=', workshop.id).executeTakeFirstOrThrow();
  assert.equal(log.actor_role, 'editor');
  assert.deepEqual(JSON.parse(log.changes), [{ field: 'contributions', before: null, after: 3 }]);
});
