// The team of a collectivity: its admin grants and removes roles; committee members review and
// answer proposals, moderators moderate comments, and neither can do anything else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  await createStaff(ctx.database, 'admin@settat.ma', 'collectivity_admin', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'admin@province.ma', 'collectivity_admin', 'province-settat');
  for (const email of ['member@example.ma', 'moderator@example.ma', 'salma@example.ma']) {
    const u = await upsertUser(db, { email, password: TEST_PASSWORD, displayName: email.split('@')[0] });
    await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString() }).where('id', '=', u.id).execute();
  }
  // an account whose owner never clicked the verification link
  await db.insertInto('app_user').values({ email: 'unverified@example.ma', password_hash: 'x', display_name: 'u', created_at: new Date().toISOString() }).execute();
  const settatId = await collectivityId(ctx.database, 'settat');
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  return { ...ctx, db, settatId, proposalId: proposal.id };
}

const grants = (db: Awaited<ReturnType<typeof setup>>['db'], collectivityId: number) =>
  db.selectFrom('role_assignment').select(['user_id', 'role']).where('collectivity_id', '=', collectivityId).execute();

test('a collectivity admin grants committee and moderator roles; bad input is refused with a message and nothing saved', async (t) => {
  const { app, db, settatId } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  const overview = (await admin.get('/admin/c/settat')).body;
  for (const space of ['cocreation', 'tracking', 'consistency', 'reports', 'import', 'budgets', 'team']) assert.match(overview, new RegExp(`href="/admin/c/settat/${space}"`));
  const page = await admin.get('/admin/c/settat/team');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /فريق العمل/);
  const before = (await grants(db, settatId)).length;

  const cases: [Record<string, string>, RegExp][] = [
    [{ email: 'nobody@example.ma', role: 'committee_member' }, /لا يوجد حساب بهذا العنوان/],
    [{ email: 'unverified@example.ma', role: 'committee_member' }, /لم يؤكد صاحب هذا الحساب/],
    [{ email: 'not-an-address', role: 'committee_member' }, /aria-invalid="true"/],
    [{ email: 'member@example.ma', role: 'network_admin' }, /aria-invalid="true"/],
    [{ email: 'focal@settat.ma', role: 'editor' }, /لهذا الحساب هذا الدور/],
  ];
  for (const [form, message] of cases) {
    const res = await admin.post('/admin/c/settat/team', form);
    assert.equal(res.statusCode, 400, JSON.stringify(form));
    assert.match(res.body, message);
    assert.match(res.body, new RegExp(`value="${form.email}"`), 'the value is kept');
  }
  assert.equal((await grants(db, settatId)).length, before, 'nothing saved');

  assert.equal((await admin.post('/admin/c/settat/team', { email: 'Member@Example.ma', role: 'committee_member' })).statusCode, 303);
  assert.equal((await admin.post('/admin/c/settat/team', { email: 'moderator@example.ma', role: 'moderator' })).statusCode, 303);
  const list = (await admin.get('/admin/c/settat/team')).body;
  assert.match(list, /member@example.ma/);
  assert.match(list, /عضو\(ة\) لجنة التتبع/);
  const log = await db.selectFrom('change_log').select(['entity_type', 'public']).where('entity_type', '=', 'role_assignment').execute();
  assert.equal(log.length, 2);
  assert.ok(log.every((e) => e.public === 0), 'team changes are not public history');
});

test('a committee member reviews and answers proposals and nothing else; a moderator only moderates', async (t) => {
  const { app, db, settatId, proposalId } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  await admin.get('/admin/c/settat/team');
  await admin.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'committee_member' });
  await admin.post('/admin/c/settat/team', { email: 'moderator@example.ma', role: 'moderator' });

  const member = await new StaffClient(app).login('member@example.ma');
  const landing = await member.get('/admin/c/settat');
  assert.equal(landing.statusCode, 303);
  assert.equal(landing.headers.location, '/admin/c/settat/cocreation');
  const worklist = await member.get('/admin/c/settat/cocreation');
  assert.equal(worklist.statusCode, 200);
  assert.doesNotMatch(worklist.body, /calls\/new/, 'no call management for the committee');
  await member.get(`/admin/c/settat/proposals/${proposalId}`);
  const answered = await member.post(`/admin/c/settat/proposals/${proposalId}`, { status: 'not_retained', answer_ar: 'خارج اختصاصات الجماعة.' });
  assert.equal(answered.statusCode, 303);
  const step = await db.selectFrom('proposal_step').select(['actor_role', 'status']).where('proposal_id', '=', proposalId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(step, { actor_role: 'committee_member', status: 'not_retained' });
  for (const url of ['/admin/c/settat/calls/new', '/admin/c/settat/process', '/admin/c/settat/moderation', '/admin/c/settat/team', '/admin/c/settat/axes/new']) {
    assert.equal((await member.get(url)).statusCode, 403, url);
  }
  const events = await db.selectFrom('participation_event').select('id').where('collectivity_id', '=', settatId).execute();
  assert.equal((await member.post('/admin/c/settat/events', { kind: 'workshop', held_on: '2024-01-01', title_ar: 'ورشة' })).statusCode, 403);
  assert.equal((await db.selectFrom('participation_event').select('id').where('collectivity_id', '=', settatId).execute()).length, events.length);

  // a citizen comments; the moderator hides it
  const salma = new StaffClient(app);
  await salma.get('/ar/account/login');
  await salma.post('/ar/account/login', { email: 'salma@example.ma', password: TEST_PASSWORD });
  await salma.get(`/ar/c/settat/proposals/${proposalId}/comment`);
  assert.equal((await salma.post(`/ar/c/settat/proposals/${proposalId}/comment`, { body: 'تعليق' })).statusCode, 303);
  const comment = await db.selectFrom('proposal_comment').select('id').executeTakeFirstOrThrow();

  const moderator = await new StaffClient(app).login('moderator@example.ma');
  assert.equal((await moderator.get('/admin/c/settat')).headers.location, '/admin/c/settat/moderation');
  assert.equal((await moderator.get('/admin/c/settat/moderation')).statusCode, 200);
  await moderator.get(`/admin/c/settat/comments/${comment.id}/hide`);
  assert.equal((await moderator.post(`/admin/c/settat/comments/${comment.id}/hide`, { reason: 'خارج الموضوع' })).statusCode, 303);
  assert.ok((await db.selectFrom('proposal_comment').select('hidden_at').where('id', '=', comment.id).executeTakeFirstOrThrow()).hidden_at);
  assert.equal((await moderator.get('/admin/c/settat/cocreation')).statusCode, 403);
  assert.equal((await moderator.post(`/admin/c/settat/proposals/${proposalId}`, { status: 'retained' })).statusCode, 403);
  // the committee member cannot moderate
  assert.equal((await member.post(`/admin/c/settat/comments/${comment.id}/restore`, {})).statusCode, 403);
});

test('only a collectivity admin of that collectivity manages its team; nobody removes their own role; forged posts are refused', async (t) => {
  const { app, db, settatId } = await setup(t);
  const before = await grants(db, settatId);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  assert.equal((await focal.get('/admin/c/settat/team')).statusCode, 403);
  assert.equal((await focal.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'collectivity_admin' })).statusCode, 403);

  const other = await new StaffClient(app).login('admin@province.ma');
  await other.get('/admin/c/province-settat/team');
  assert.equal((await other.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'editor' })).statusCode, 403);
  const focalGrant = await db.selectFrom('role_assignment as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select('r.id').where('u.email', '=', 'focal@settat.ma').executeTakeFirstOrThrow();
  assert.equal((await other.post(`/admin/c/settat/team/${focalGrant.id}/revoke`, {})).statusCode, 403);
  // a grant of Settat cannot be revoked through the province's URL either
  assert.equal((await other.post(`/admin/c/province-settat/team/${focalGrant.id}/revoke`, {})).statusCode, 400);

  const anon = new StaffClient(app);
  assert.equal((await anon.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'editor' })).statusCode, 403, 'no session, no CSRF token');

  const admin = await new StaffClient(app).login('admin@settat.ma');
  await admin.get('/admin/c/settat/team');
  assert.equal((await admin.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'editor' }, { csrf: 'forged' })).statusCode, 403);
  const own = await db.selectFrom('role_assignment as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select('r.id').where('u.email', '=', 'admin@settat.ma').executeTakeFirstOrThrow();
  const refused = await admin.post(`/admin/c/settat/team/${own.id}/revoke`, {});
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /لا يمكنك سحب دورك بنفسك/);
  assert.deepEqual(await grants(db, settatId), before, 'nothing changed');

  // removing the focal point's role takes effect on their next request
  assert.equal((await admin.post(`/admin/c/settat/team/${focalGrant.id}/revoke`, {})).statusCode, 303);
  assert.equal((await focal.get('/admin/c/settat')).statusCode, 403);
});
