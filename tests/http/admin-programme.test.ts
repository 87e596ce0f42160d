// The back office: a focal point and an editor keep the programme up to date; bad input, wrong roles,
// other collectivities and forged posts are refused with nothing saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await loadBerrechid(ctx.database.db);
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@berrechid.ma', 'focal_point', 'berrechid');
  const settatId = await collectivityId(ctx.database, 'settat');
  const activities = await ctx.database.db
    .selectFrom('activity')
    .innerJoin('project', 'project.id', 'activity.project_id')
    .select(['activity.id', 'activity.number', 'project.number as project', 'activity.end_date', 'activity.title_ar'])
    .where('activity.collectivity_id', '=', settatId)
    .orderBy('project.number')
    .orderBy('activity.number')
    .execute();
  return { ...ctx, settatId, activities };
}

/** The activity form's current values, as the browser would post them back. */
async function activityForm(client: StaffClient, id: number): Promise<Record<string, string | string[]>> {
  const res = await client.get(`/admin/c/settat/activities/${id}`);
  assert.equal(res.statusCode, 200);
  const form: Record<string, string | string[]> = {};
  for (const m of res.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    const name = m[1];
    if (name === '_csrf') continue;
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (/type="checkbox"/.test(tag)) {
      if (/checked/.test(tag)) form[name] = [...((form[name] as string[]) ?? []), value];
    } else form[name] = value;
  }
  for (const m of res.body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    form[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '';
  }
  for (const m of res.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) form[m[1]] = m[2];
  return form;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

test('a focal point changes an activity’s end date; the public page and its history show it', async (t) => {
  const { app, activities } = await setup(t);
  const target = activities.find((a) => a.project === 3 && a.number === 2)!;
  const before = await app.inject(`/ar/c/settat/programme/activities/${target.id}`); // now cached
  assert.match(before.body, /31 دجنبر 2024/);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  const form = await activityForm(focal, target.id);
  assert.equal(form.end_date, '2024-12-31');
  const res = await focal.post(`/admin/c/settat/activities/${target.id}`, { ...form, end_date: '2025-06-30' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.equal(res.headers.location, '/admin/c/settat');
  const overview = await focal.get('/admin/c/settat');
  assert.match(overview.body, /تم الحفظ/);

  const after = await app.inject(`/ar/c/settat/programme/activities/${target.id}`);
  assert.match(after.body, /30 يونيو 2025/);
  assert.match(after.body, /سجل التعديلات/);
  assert.match(after.body, /<del><bdi>31 دجنبر 2024<\/bdi><\/del> ← <ins><bdi>30 يونيو 2025<\/bdi><\/ins>/);
  assert.match(after.body, /عدله: نقطة الارتكاز/);
  assert.doesNotMatch(after.body, /focal@settat\.ma/);
  const card = await app.inject('/fr/c/settat/programme/projects/3');
  assert.match(card.body, /Modifié par le point focal/);
  const api = (await app.inject('/api/v1/collectivities/settat/programme')).json();
  assert.equal(api.programme.axes[2].projects[0].activities[1].end, '2025-06-30');
});

test('invalid activity input: the same form with a message on each field, values kept, nothing saved', async (t) => {
  const { app, database, activities } = await setup(t);
  const target = activities[0];
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const form = await activityForm(focal, target.id);
  const snapshot = async () => database.db.selectFrom('activity').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
  const original = await snapshot();
  const logCount = async () => Number((await database.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const logsBefore = await logCount();

  const cases: [Record<string, string>, string, RegExp][] = [
    [{ title_ar: '   ' }, 'title_ar', /هذا الحقل إلزامي/],
    [{ end_date: '2023-01-01' }, 'end_date', /لا يمكن أن يسبق تاريخ الانتهاء تاريخ البدء/],
    [{ progress: '150' }, 'progress', /يجب أن تكون نسبة الإنجاز بين 0 و100/],
    [{ progress: '-1' }, 'progress', /يجب أن تكون نسبة الإنجاز بين 0 و100/],
    [{ cost_kind: 'amount', cost_amount_mad: '-500' }, 'cost_amount_mad', /لا يمكن أن يكون المبلغ سالبا/],
    [{ start_date: '2024-02-30' }, 'start_date', /أدخل تاريخا صحيحا/],
    [{ title_fr: 'x'.repeat(301) }, 'title_fr', /هذا النص طويل جدا \(300 حرف على الأكثر\)/],
    [{ status: 'finished' }, 'status', /اختر إحدى القيم المقترحة/],
  ];
  for (const [change, field, message] of cases) {
    const res = await focal.post(`/admin/c/settat/activities/${target.id}`, { ...form, ...change });
    assert.equal(res.statusCode, 400, JSON.stringify(change));
    assert.match(res.body, /بعض الحقول تحتاج إلى تصحيح/);
    const fieldError = new RegExp(`id="f-${field}-error">([^<]*)<`).exec(res.body);
    assert.ok(fieldError, `no message on ${field}`);
    assert.match(fieldError[1], message);
    assert.match(res.body, new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`));
    // the values typed are kept
    const [[key, value]] = Object.entries(change).filter(([k]) => k === field);
    if (value.trim() && field !== 'status') assert.ok(decode(res.body).includes(`value="${value}"`), `value of ${key} not kept`);
  }
  // several wrong fields at once: each gets its message
  const many = await focal.post(`/admin/c/settat/activities/${target.id}`, { ...form, end_date: '2023-01-01', progress: '101', title_ar: '' });
  assert.equal(many.statusCode, 400);
  for (const f of ['end_date', 'progress', 'title_ar']) assert.match(many.body, new RegExp(`id="f-${f}-error"`));

  assert.deepEqual(await snapshot(), original);
  assert.equal(await logCount(), logsBefore);
});

test('French messages for invalid input, and a new activity in French', async (t) => {
  const { app, database } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get('/admin/c/settat/activities/new?lang=fr');
  const project = await database.db.selectFrom('project').select('id').where('number', '=', 4).where('collectivity_id', '=', await collectivityId(database, 'settat')).executeTakeFirstOrThrow();
  const base = {
    project_id: String(project.id), number: '3', title_ar: 'نشر محاضر اللقاءات التواصلية', title_fr: 'Publication des comptes rendus', title_en: '',
    cost_kind: 'amount', cost_amount_mad: '15000', funding_kind: 'own', start_date: '2025-01-01', end_date: '2025-12-31', status: 'planned', progress: '0', weight: '1',
  };
  const bad = await focal.post('/admin/c/settat/activities', { ...base, end_date: '2024-12-31', cost_amount_mad: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /La date de fin ne peut pas précéder la date de début/);
  assert.match(bad.body, /Saisissez le montant en MAD/);
  assert.match(bad.body, /<html lang="fr" dir="ltr">/);
  const ok = await focal.post('/admin/c/settat/activities', base);
  assert.equal(ok.statusCode, 303);
  const api = (await app.inject('/api/v1/collectivities/settat/programme')).json();
  const created = api.programme.axes[3].projects[0].activities[2];
  assert.equal(created.title.fr, 'Publication des comptes rendus');
  assert.equal(created.title.en, undefined);
  assert.deepEqual(created.cost, { kind: 'amount', amountMad: 15000 });
  const page = await app.inject('/fr/c/settat/programme');
  assert.match(page.body, /15\.000 MAD/); // fr-MA groups thousands with a period
  // the same number twice in one project is refused
  const dup = await focal.post('/admin/c/settat/activities', base);
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /Ce numéro est déjà utilisé/);
});

test('wrong role, another collectivity, no session, no CSRF token: refused, nothing changed', async (t) => {
  const { app, database, activities, settatId } = await setup(t);
  const target = activities[0];
  const axis = await database.db.selectFrom('axis').select('id').where('collectivity_id', '=', settatId).where('number', '=', 1).executeTakeFirstOrThrow();
  const count = async (table: 'axis' | 'activity' | 'change_log') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const state = async () => [await count('axis'), await count('activity'), await count('change_log'), (await database.db.selectFrom('activity').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow()).end_date];
  const initial = await state();

  // an editor (content only) may not delete an axis nor change the programme's status
  const editor = await new StaffClient(app).login('editor@settat.ma');
  await editor.get('/admin/c/settat');
  const del = await editor.post(`/admin/c/settat/axes/${axis.id}/delete`, {});
  assert.equal(del.statusCode, 403);
  assert.match(del.body, /غير مسموح/);
  assert.equal((await editor.post('/admin/c/settat/programme', { title_ar: 'x', start_year: '2024', end_year: '2025', status: 'closed' })).statusCode, 403);
  assert.equal((await editor.get('/admin/c/settat/programme')).statusCode, 403);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get('/admin/c/settat');

  // a focal point of Berrechid may not touch Settat
  const other = await new StaffClient(app).login('focal@berrechid.ma');
  const otherForm = await other.get(`/admin/c/settat/activities/${target.id}`);
  assert.equal(otherForm.statusCode, 403);
  await other.get('/admin/c/berrechid');
  const cross = await other.post(`/admin/c/settat/activities/${target.id}`, { end_date: '2025-06-30' });
  assert.equal(cross.statusCode, 403);
  // …nor reach Settat's activity through Berrechid's URL
  const viaOwn = await other.post(`/admin/c/berrechid/activities/${target.id}/delete`, {});
  assert.equal(viaOwn.statusCode, 404);

  // no session: sent to the login page
  const anonymous = new StaffClient(app);
  await anonymous.get('/admin/login');
  const anon = await anonymous.post(`/admin/c/settat/activities/${target.id}/delete`, {});
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/admin\/login/);

  // a forged post without the CSRF token
  const forged = await focal.post(`/admin/c/settat/activities/${target.id}/delete`, {}, { csrf: '' });
  assert.equal(forged.statusCode, 403);
  const wrongToken = await focal.post(`/admin/c/settat/activities/${target.id}/delete`, {}, { csrf: 'not-a-token' });
  assert.equal(wrongToken.statusCode, 403);

  assert.deepEqual(await state(), initial);

  // the focal point may not delete an axis that citizens' proposals are filed under…
  const refused = await focal.post(`/admin/c/settat/axes/${axis.id}/delete`, {});
  assert.equal(refused.statusCode, 303);
  assert.match((await focal.get(String(refused.headers.location))).body, /لا يمكن حذف هذا المحور: مقترحات المواطنين مصنفة فيه/);
  assert.deepEqual(await state(), initial);
  // …and deletes it once none is (its projects and activities go with it)
  await database.db.deleteFrom('proposal').where('axis_id', '=', axis.id).execute();
  assert.equal((await focal.post(`/admin/c/settat/axes/${axis.id}/delete`, {})).statusCode, 303);
  assert.equal(await count('axis'), (initial[0] as number) - 1);
  assert.equal(await count('activity'), (initial[1] as number) - 4);
});

test('ids of another collectivity in a form are refused as invalid choices', async (t) => {
  const { app, database, activities } = await setup(t);
  const berrechidId = await collectivityId(database, 'berrechid');
  const foreignProject = await database.db.selectFrom('project').select('id').where('collectivity_id', '=', berrechidId).executeTakeFirstOrThrow();
  const foreignPartner = await database.db.selectFrom('partner').select('id').where('collectivity_id', '=', berrechidId).executeTakeFirstOrThrow();
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const form = await activityForm(focal, activities[0].id);
  const res = await focal.post(`/admin/c/settat/activities/${activities[0].id}`, { ...form, project_id: String(foreignProject.id), partners: [String(foreignPartner.id)] });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /id="f-project_id-error">اختر إحدى القيم المقترحة/);
  const row = await database.db.selectFrom('activity').select('project_id').where('id', '=', activities[0].id).executeTakeFirstOrThrow();
  assert.notEqual(row.project_id, foreignProject.id);
});

test('text containing HTML is shown as text everywhere', async (t) => {
  const { app, activities } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const form = await activityForm(focal, activities[0].id);
  const evil = '<script>alert("x")</script><b>عنوان</b>';
  assert.equal((await focal.post(`/admin/c/settat/activities/${activities[0].id}`, { ...form, title_ar: evil })).statusCode, 303);
  for (const url of ['/ar/c/settat/programme', `/ar/c/settat/programme/activities/${activities[0].id}`, '/ar/c/settat/programme/projects/1']) {
    const body = (await app.inject(url)).body;
    assert.ok(!body.includes('<script'), url);
    assert.ok(body.includes('&lt;script'), url);
  }
  const adminPage = await focal.get('/admin/c/settat');
  assert.ok(!adminPage.body.includes('<script'));
});

test('login: one generic message for a wrong password or an unknown email; repeated failures lock for a while', async (t) => {
  const { app } = await setup(t);
  const client = new StaffClient(app);
  await client.get('/admin/login');
  const wrong = await client.post('/admin/login', { email: 'focal@settat.ma', password: 'wrong-password' });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /البريد الإلكتروني أو كلمة المرور غير صحيحة/);
  const unknown = await client.post('/admin/login', { email: 'nobody@settat.ma', password: 'wrong-password' });
  assert.equal(unknown.statusCode, 401);
  assert.equal(
    /<p class="errors-summary" role="alert">([^<]+)</.exec(unknown.body)?.[1],
    /<p class="errors-summary" role="alert">([^<]+)</.exec(wrong.body)?.[1],
  );
  for (let i = 0; i < 4; i++) await client.post('/admin/login', { email: 'focal@settat.ma', password: `wrong-${i}` });
  const locked = await client.post('/admin/login', { email: 'focal@settat.ma', password: 'كلمة-سر-طويلة-2024' });
  assert.equal(locked.statusCode, 429);
  assert.match(locked.body, /محاولات فاشلة كثيرة/);
  // another account is not locked by these failures
  const admin = await client.post('/admin/login', { email: 'editor@settat.ma', password: 'كلمة-سر-طويلة-2024' });
  assert.equal(admin.statusCode, 303);
  // logout ends the session
  await client.get('/admin');
  assert.equal((await client.post('/admin/logout', {})).statusCode, 303);
  assert.equal((await client.get('/admin')).statusCode, 303);
});

test('cached public pages follow every write: programme, network home and collectivity home', async (t) => {
  const { app, database, settatId, activities } = await setup(t);
  // from the document's state (every activity planned, 0%), without the demo's example progress
  await database.db.updateTable('activity').set({ status: 'planned', progress: 0 }).where('collectivity_id', '=', settatId).execute();
  await database.db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();
  const urls = ['/ar/c/settat/programme', '/fr/', '/en/c/settat', `/fr/c/settat/programme/activities/${activities[0].id}`];
  for (const url of urls) assert.equal((await app.inject(url)).statusCode, 200);
  const progressOf = (body: string) => [...body.matchAll(/<progress max="100" value="(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(progressOf((await app.inject('/ar/c/settat/programme')).body)[0], 0);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  const form = await activityForm(focal, activities[0].id);
  const res = await focal.post(`/admin/c/settat/activities/${activities[0].id}`, { ...form, status: 'in_progress', progress: '60' });
  assert.equal(res.statusCode, 303);

  // 60% on one activity out of 12 of equal weight: 5% for the programme, 15% for project 1
  const programme = (await app.inject('/ar/c/settat/programme')).body;
  assert.equal(progressOf(programme)[0], 5);
  assert.match(programme, /نسبة الإنجاز: 15%/);
  const network = (await app.inject('/fr/')).body;
  assert.match(network, /<progress max="100" value="5"/);
  assert.match((await app.inject('/en/c/settat')).body, /<progress max="100" value="5"/);
  assert.match((await app.inject(`/fr/c/settat/programme/activities/${activities[0].id}`)).body, /En cours/);
  const api = (await app.inject('/api/v1/collectivities/settat/programme')).json();
  assert.equal(api.programme.progress, 5);
  assert.equal(api.programme.axes[0].projects[0].progress, 15);
});

test('the programme’s own changes show in the matrix page’s history; a new activity is named in the card’s history', async (t) => {
  const { app, database } = await setup(t);
  const admin = await new StaffClient(app).login('focal@settat.ma');
  await admin.get('/admin/c/settat/programme?lang=fr');
  const programme = await database.db.selectFrom('programme').selectAll().where('collectivity_id', '=', await collectivityId(database, 'settat')).executeTakeFirstOrThrow();
  const res = await admin.post('/admin/c/settat/programme', {
    title_ar: programme.title_ar, title_fr: programme.title_fr ?? '', title_en: programme.title_en ?? '',
    start_year: '2024', end_year: '2025', status: 'in_implementation',
    adoption_session_ar: programme.adoption_session_ar ?? '', adoption_reference_ar: programme.adoption_reference_ar ?? '', adoption_date: '',
  });
  assert.equal(res.statusCode, 303);
  const page = (await app.inject('/fr/c/settat/programme')).body;
  assert.match(page, /Modifié par le point focal/);
  assert.match(page, /<del><bdi>Adopté<\/bdi><\/del> → <ins><bdi>En cours de mise en œuvre<\/bdi><\/ins>/);

  const project = await database.db.selectFrom('project').select('id').where('programme_id', '=', programme.id).where('number', '=', 1).executeTakeFirstOrThrow();
  // an editor adds an activity: the history names the role it was added under
  const editor = await new StaffClient(app).login('editor@settat.ma');
  await editor.get('/admin/c/settat/activities/new');
  const created = await editor.post('/admin/c/settat/activities', {
    project_id: String(project.id), number: '5', title_ar: 'ورشة تقييم الميزانية التشاركية', cost_kind: 'none', funding_kind: 'own',
    start_date: '2025-01-01', end_date: '2025-03-31', status: 'planned', progress: '0', weight: '1',
  });
  assert.equal(created.statusCode, 303);
  const card = (await app.inject('/ar/c/settat/programme/projects/1')).body;
  assert.match(card, /أضافه: محرر\(ة\) المحتوى: «ورشة تقييم الميزانية التشاركية»/);
  assert.match((await app.inject('/fr/c/settat/programme/projects/1')).body, /Ajouté par le·la rédacteur·rice/);
});

test('a project or an activity that citizens’ proposals were retained into is not deleted: their trail stays', async (t) => {
  const { app, database, settatId } = await setup(t);
  const db = database.db;
  const fed = await db.selectFrom('proposal').select(['project_id', 'activity_id']).where('collectivity_id', '=', settatId).where('project_id', 'is not', null).executeTakeFirstOrThrow();
  const activity = await db.selectFrom('activity').select('id').where('collectivity_id', '=', settatId).where('project_id', '=', fed.project_id!).executeTakeFirstOrThrow();
  await db.updateTable('proposal').set({ activity_id: activity.id }).where('collectivity_id', '=', settatId).where('project_id', '=', fed.project_id!).execute();
  const admin = await new StaffClient(app).login('focal@settat.ma');
  await admin.get('/admin/c/settat');
  const project = await admin.post(`/admin/c/settat/projects/${fed.project_id}/delete`, {});
  assert.match((await admin.get(String(project.headers.location))).body, /لا يمكن حذف هذا المشروع/);
  const act = await admin.post(`/admin/c/settat/activities/${activity.id}/delete`, {});
  assert.match((await admin.get(String(act.headers.location))).body, /لا يمكن حذف هذا النشاط/);
  assert.ok(await db.selectFrom('project').select('id').where('id', '=', fed.project_id!).executeTakeFirst());
  assert.ok(await db.selectFrom('activity').select('id').where('id', '=', activity.id).executeTakeFirst());
});
