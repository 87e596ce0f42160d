// Staff enter a workshop with its attendance and proposals, and answer proposals in public.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'editor', 'province-settat');
  const settatId = await collectivityId(ctx.database, 'settat');
  // the current programme's axes (the demo's next programme, in co-creation, has the same numbers)
  const current = await ctx.database.db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const axes = await ctx.database.db.selectFrom('axis').select(['id', 'number']).where('collectivity_id', '=', settatId).where('programme_id', '=', current.id).orderBy('number').execute();
  return { ...ctx, settatId, axis: new Map(axes.map((a) => [a.number, String(a.id)])) };
}

test('staff enter a workshop with its attendance and 3 proposals: the statistics follow', async (t) => {
  const { app, axis } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get('/admin/c/settat/events/new');
  const bad = await focal.post('/admin/c/settat/events', { kind: 'workshop', held_on: '2024-03-02', title_ar: 'ورشة الأحياء', attendance_total: '20', attendance_women: '25' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-attendance_women-error">لا يمكن أن يتجاوز هذا العدد مجموع الحاضرين/);
  const created = await focal.post('/admin/c/settat/events', { kind: 'workshop', held_on: '2024-03-02', title_ar: 'ورشة الأحياء', place_ar: 'دار الشباب', attendance_total: '30', attendance_women: '12', attendance_ieecag: '3' });
  assert.equal(created.statusCode, 303);
  const overview = await focal.get('/admin/c/settat/cocreation');
  const ids = [...overview.body.matchAll(/href="\/admin\/c\/settat\/events\/(\d+)\/proposals"/g)].map((m) => Number(m[1]));
  // the new workshop is listed with a link to enter its proposals; it has the highest id
  assert.equal(ids.length, 5);
  const newest = String(Math.max(...ids));

  await focal.get(`/admin/c/settat/events/${newest}/proposals`);
  // a title without an axis: nothing is saved
  const incomplete = await focal.post(`/admin/c/settat/events/${newest}/proposals`, { title_0: 'إنارة الحي', axis_0: axis.get(3)!, title_1: 'ملعب قرب' });
  assert.equal(incomplete.statusCode, 400);
  assert.match(incomplete.body, /id="f-axis_1-error">هذا الحقل إلزامي/);
  const before = (await app.inject('/api/v1/collectivities/settat/participation')).json();
  assert.equal(before.proposals.total, 31);
  const ok = await focal.post(`/admin/c/settat/events/${newest}/proposals`, {
    title_0: 'رقمنة شهادة السكنى', axis_0: axis.get(3)!,
    title_1: 'ميزانية تشاركية للأحياء', body_1: 'تخصيص غلاف لكل حي', axis_1: axis.get(1)!,
    title_2: 'لقاء شهري مع السكان', axis_2: axis.get(4)!,
  });
  assert.equal(ok.statusCode, 303);
  const after = (await app.inject('/api/v1/collectivities/settat/participation')).json();
  assert.equal(after.proposals.total, 34);
  assert.equal(after.proposals.byChannel.workshop, 17);
  const event = after.events.find((e: any) => e.date === '2024-03-02');
  assert.deepEqual(event.attendance, { total: 30, women: 12, ieecag: 3, associations: null });
  assert.equal(event.proposals, 3);
  const page = await app.inject('/fr/c/settat/participation');
  assert.match(page.body, /34 propositions/);
  assert.match(page.body, /12 \(40%\)/);
});

test('answering a proposal: a reason when not retained, a target when retained; the trail shows it', async (t) => {
  const { app, database, settatId } = await setup(t);
  const proposal = await database.db.selectFrom('proposal').select(['id', 'title']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/proposals/${proposal.id}`);
  const noReason = await focal.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'not_retained', answer_ar: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /اكتب سبب عدم قبول الاقتراح/);
  const noTarget = await focal.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'retained' });
  assert.equal(noTarget.statusCode, 400);
  const steps = async () => (await database.db.selectFrom('proposal_step').select('id').where('proposal_id', '=', proposal.id).execute()).length;
  const stepsBefore = await steps();
  const answer = '<b>خارج</b> اختصاصات الجماعة؛ أحيل على العمالة.';
  const res = await focal.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'not_retained', answer_ar: answer });
  assert.equal(res.statusCode, 303);
  assert.equal(await steps(), stepsBefore + 1);
  const page = (await app.inject(`/ar/c/settat/proposals/${proposal.id}`)).body;
  assert.match(page, /غير مقبول/);
  assert.match(page, /&lt;b>خارج&lt;\/b> اختصاصات الجماعة/);
  assert.doesNotMatch(page, /href="\/ar\/c\/settat\/programme\/projects/);
  // retained into an activity: the proposal links to it and the link shows on the proposal page
  const activity = await database.db.selectFrom('activity').select(['id', 'project_id']).where('collectivity_id', '=', settatId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const retained = await focal.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'retained', activity_id: String(activity.id), answer_fr: 'Intégrée à l’activité.' });
  assert.equal(retained.statusCode, 303);
  const fr = (await app.inject(`/fr/c/settat/proposals/${proposal.id}`)).body;
  assert.match(fr, new RegExp(`href="/fr/c/settat/programme/activities/${activity.id}"`));
  assert.match(fr, /Intégrée à l’activité/);
});

test('another collectivity’s staff and anonymous visitors cannot write; forged posts are refused', async (t) => {
  const { app, database, settatId } = await setup(t);
  const proposal = await database.db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const other = await new StaffClient(app).login('focal@province.ma');
  await other.get('/admin/c/province-settat');
  assert.equal((await other.get('/admin/c/settat/cocreation')).statusCode, 403);
  assert.equal((await other.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'not_retained', answer_ar: 'x' })).statusCode, 403);
  assert.equal((await other.post('/admin/c/settat/events', { kind: 'workshop', held_on: '2024-01-01', title_ar: 'x' })).statusCode, 403);
  const anon = new StaffClient(app);
  assert.equal((await anon.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'not_retained', answer_ar: 'x' })).statusCode, 303);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  assert.equal((await focal.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'not_retained', answer_ar: 'x' }, { csrf: '' })).statusCode, 403);
  const row = await database.db.selectFrom('proposal').select('status').where('id', '=', proposal.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'retained');
});

test('staff open a call for proposals in Casablanca time; it shows on the process page and the feed', async (t) => {
  const { app, database, settatId } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get('/admin/c/settat/calls/new');
  const bad = await focal.post('/admin/c/settat/calls', { title_ar: 'طلب اقتراحات', opens_local: '2026-12-10T09:00', closes_local: '2026-12-01T18:00', channels: 'online' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-closes_local-error">لا يمكن أن يسبق تاريخ الانتهاء/);
  const noChannel = await focal.post('/admin/c/settat/calls', { title_ar: 'طلب اقتراحات', opens_local: '2026-12-01T09:00', closes_local: '2026-12-10T18:00' });
  assert.equal(noChannel.statusCode, 400);
  const ok = await focal.post('/admin/c/settat/calls', { title_ar: 'طلب اقتراحات 2027', title_fr: 'Appel 2027', opens_local: '2026-12-01T09:00', closes_local: '2026-12-10T18:00', channels: ['online', 'workshop'] });
  assert.equal(ok.statusCode, 303);
  const call = await database.db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', settatId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(call.opens_at, '2026-12-01T08:00:00.000Z'); // 09:00 in Casablanca (UTC+1)
  assert.equal(call.channels, 'online,workshop');
  const edit = await focal.get(`/admin/c/settat/calls/${call.id}`);
  assert.match(edit.body, /value="2026-12-01T09:00"/);
  const process = await app.inject('/fr/c/settat/process');
  assert.match(process.body, /Appel 2027/);
  const feed = await app.inject('/fr/c/settat/announcements.atom');
  assert.match(feed.body, /Appel 2027/);
});
