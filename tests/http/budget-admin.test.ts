// Participatory budget, back office: administrators create a round (times in Casablanca), enter
// and review projects; the public reads what is possible now and the feasible projects. Wrong
// role, another collectivity, no session and a missing CSRF token change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../src/platform/db/database.ts';
import { isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const HOUR = 3_600_000;
const local = (offsetHours: number) => isoToCasablanca(new Date(Date.now() + offsetHours * HOUR).toISOString());

const roundInput = (over: Record<string, string> = {}) => ({
  title_ar: 'الميزانية التشاركية لسنة 2025',
  title_fr: 'Budget participatif 2025',
  title_en: '',
  envelope_mad: '2000000',
  rule: 'knapsack',
  min_choices: '',
  max_choices: '',
  information_at: local(-48),
  submission_at: local(-24),
  review_at: local(24),
  voting_at: local(48),
  results_at: local(72),
  implementation_at: local(96),
  ...over,
});

async function counts(db: Db) {
  const n = async (table: 'budget_round' | 'budget_project' | 'change_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { rounds: await n('budget_round'), projects: await n('budget_project'), log: await n('change_log') };
}

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  // the demo's rounds are removed: every count in this file is of the rounds it creates
  await ctx.database.db.deleteFrom('budget_round').execute();
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'admin@province.ma', 'focal_point', 'province-settat');
  const admin = await new StaffClient(ctx.app).login('admin@settat.ma');
  return { ...ctx, db: ctx.database.db, admin, settatId: await collectivityId(ctx.database, 'settat') };
}

test('an administrator creates a round and reviews projects; the public sees the phase and, at the vote, the feasible ones', async (t) => {
  const { app, db, admin } = await setup(t);
  const form = await admin.get('/admin/c/settat/budgets');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /type="datetime-local"/);

  // bad input: a message per field, values kept, nothing saved
  const before = await counts(db);
  const bad = await admin.post('/admin/c/settat/budgets', roundInput({ title_ar: '', envelope_mad: '-5', voting_at: local(10), rule: 'approval' }));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /هذا الحقل إلزامي/);
  assert.match(bad.body, /أدخل مبلغا بالدرهم/);
  assert.match(bad.body, /يجب أن تبدأ هذه المرحلة بعد المرحلة السابقة/);
  assert.match(bad.body, /حدد الحد الأقصى لعدد المشاريع/);
  assert.match(bad.body, /value="Budget participatif 2025"/);
  assert.deepEqual(await counts(db), before);

  const input = roundInput();
  const created = await admin.post('/admin/c/settat/budgets', input);
  assert.equal(created.statusCode, 303, created.body.slice(0, 400));
  const round = await db.selectFrom('budget_round').selectAll().executeTakeFirstOrThrow();
  assert.equal(isoToCasablanca(round.voting_at), input.voting_at);
  assert.equal(round.envelope_mad, 2_000_000);
  const base = `/admin/c/settat/budgets/${round.id}`;
  assert.equal(String(created.headers.location), base);

  // a project entered, then reviewed
  await admin.get(base);
  const badProject = await admin.post(`${base}/projects`, { title: 'ملعب القرب بحي مولاي إسماعيل', description: '', neighbourhood: 'مولاي إسماعيل', estimated_cost_mad: 'مليون' });
  assert.equal(badProject.statusCode, 400);
  assert.match(badProject.body, /value="ملعب القرب بحي مولاي إسماعيل"/);
  assert.match(badProject.body, /أدخل عددا صحيحا/);
  for (const [title, cost] of [['ملعب القرب بحي مولاي إسماعيل', '900000'], ['تشجير شارع الحسن الثاني', '250000']]) {
    const res = await admin.post(`${base}/projects`, { title, description: 'وصف المشروع كما اقترحه السكان.', neighbourhood: 'مولاي إسماعيل', estimated_cost_mad: cost });
    assert.equal(res.statusCode, 303);
  }
  const [stadium, trees] = await db.selectFrom('budget_project').select('id').orderBy('id').execute();
  await admin.get(base);
  const noReason = await admin.post(`${base}/projects/${stadium.id}/review`, { status: 'infeasible', review_reason: '', staff_cost_mad: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /علّل عدم قابلية الإنجاز/);
  assert.equal((await admin.post(`${base}/projects/${stadium.id}/review`, { status: 'infeasible', review_reason: 'العقار في ملكية الدولة.', staff_cost_mad: '' })).statusCode, 303);
  assert.equal((await admin.post(`${base}/projects/${trees.id}/review`, { status: 'feasible', review_reason: '', staff_cost_mad: '280000' })).statusCode, 303);
  const reviewed = await db.selectFrom('budget_project').select(['status', 'staff_cost_mad', 'review_reason']).orderBy('id').execute();
  assert.deepEqual(reviewed.map((r) => r.status), ['infeasible', 'feasible']);
  assert.equal(reviewed[1].staff_cost_mad, 280_000);
  // a project id of no round of this collectivity: not found
  assert.equal((await admin.post(`${base}/projects/999999/review`, { status: 'feasible' })).statusCode, 404);

  // public: submission now, until the review starts; every project with its status and reason
  const list = await app.inject({ method: 'GET', url: '/ar/c/settat/budgets' });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /إيداع المشاريع/);
  assert.match(list.body, /2\.000\.000 درهم/);
  const page = await app.inject({ method: 'GET', url: `/fr/c/settat/budgets/${round.id}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Les projets peuvent être proposés jusqu’au|Les projets peuvent être proposés jusqu'au/);
  assert.match(page.body, /العقار في ملكية الدولة/);
  assert.match(page.body, /Non réalisable/);
  assert.doesNotMatch(page.body, /Voter pour des projets/);

  // at the vote, only the feasible project, at the review's cost
  await db.updateTable('budget_round').set({ review_at: new Date(Date.now() - 2 * HOUR).toISOString(), voting_at: new Date(Date.now() - HOUR).toISOString() }).where('id', '=', round.id).execute();
  const voting = await app.inject({ method: 'GET', url: `/ar/c/settat/budgets/${round.id}` });
  assert.match(voting.body, /صوّت على المشاريع/);
  assert.match(voting.body, /تشجير شارع الحسن الثاني/);
  assert.match(voting.body, /280\.000 درهم/);
  assert.doesNotMatch(voting.body, /ملعب القرب/);

  // the change log holds the round and the reviews
  const log = await db.selectFrom('change_log').select('entity_type').where('entity_type', 'like', 'budget_%').execute();
  assert.ok(log.filter((l) => l.entity_type === 'budget_project').length >= 4);

  // unknown round, other collectivity's URL
  assert.equal((await admin.get('/admin/c/settat/budgets/999999')).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: `/ar/c/province-settat/budgets/${round.id}` })).statusCode, 404);
});

test('only administrators of this collectivity manage its rounds; nothing changes otherwise', async (t) => {
  const { app, db, admin } = await setup(t);
  await admin.get('/admin/c/settat/budgets');
  assert.equal((await admin.post('/admin/c/settat/budgets', roundInput())).statusCode, 303);
  const round = await db.selectFrom('budget_round').select('id').executeTakeFirstOrThrow();
  const base = `/admin/c/settat/budgets/${round.id}`;
  await admin.get(base);
  await admin.post(`${base}/projects`, { title: 'تشجير', description: 'وصف', neighbourhood: 'الحي', estimated_cost_mad: '1000' });
  const project = await db.selectFrom('budget_project').select('id').executeTakeFirstOrThrow();
  const before = await counts(db);
  const project1 = { title: 'مشروع', description: 'وصف', neighbourhood: 'الحي', estimated_cost_mad: '1000' };
  const review = { status: 'feasible', review_reason: '', staff_cost_mad: '' };

  for (const email of ['focal@settat.ma', 'admin@province.ma']) {
    const other = await new StaffClient(app).login(email);
    assert.equal((await other.get('/admin/c/settat/budgets')).statusCode, 403, email);
    assert.equal((await other.get(base)).statusCode, 403, email);
    assert.equal((await other.post('/admin/c/settat/budgets', roundInput())).statusCode, 403, email);
    assert.equal((await other.post(`${base}/projects`, project1)).statusCode, 403, email);
    assert.equal((await other.post(`${base}/projects/${project.id}/review`, review)).statusCode, 403, email);
    assert.equal((await other.post(`${base}/paper`, { cin: 'BK123456', birth_date: '1980-01-01', projects: [String(project.id)] })).statusCode, 403, email);
  }
  // the census upload (multipart) follows the same rules
  const upload = (client: StaffClient, csrf = client.csrf) => {
    const boundary = '----budget-admin-test';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\nBK123456;1980-05-17\r\n--${boundary}--\r\n`;
    return app.inject({ method: 'POST', url: `${base}/census`, headers: { cookie: client.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };
  const focal = await new StaffClient(app).login('focal@settat.ma');
  assert.equal((await upload(focal)).statusCode, 403);
  assert.equal((await upload(await new StaffClient(app).login('admin@province.ma'))).statusCode, 403);
  assert.equal((await upload(new StaffClient(app))).statusCode, 303);
  await admin.get(base);
  assert.equal((await upload(admin, 'forged')).statusCode, 403);
  assert.equal((await db.selectFrom('budget_census').selectAll().execute()).length, 0);

  // the province's admin on the province's URL does not reach Settat's round
  const province = await new StaffClient(app).login('admin@province.ma');
  assert.equal((await province.get(`/admin/c/province-settat/budgets/${round.id}`)).statusCode, 404);

  // no session: to the login page
  const anon = new StaffClient(app);
  const noSession = await anon.post('/admin/c/settat/budgets', roundInput());
  assert.equal(noSession.statusCode, 303);
  assert.match(String(noSession.headers.location), /\/admin\/login/);
  assert.equal((await anon.post(`${base}/projects`, project1)).statusCode, 303);

  // missing or forged CSRF token
  assert.equal((await admin.post('/admin/c/settat/budgets', roundInput(), { csrf: '' })).statusCode, 403);
  assert.equal((await admin.post(`${base}/projects`, project1, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await admin.post(`${base}/projects/${project.id}/review`, review, { csrf: '' })).statusCode, 403);

  assert.deepEqual(await counts(db), before);
  const unchanged = await db.selectFrom('budget_project').select('status').executeTakeFirstOrThrow();
  assert.equal(unchanged.status, 'submitted');
});
