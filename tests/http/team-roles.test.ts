// The team of a collectivity: its admin invites people to roles, and a role exists only once the
// invited person accepts it; the admin removes roles. Committee members review and answer
// proposals, moderators moderate comments, and neither can do anything else.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'admin@province.ma', 'focal_point', 'province-settat');
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

/** The accept link of the last invitation mailed to this address (held: no SMTP in tests). */
async function invitationLink(db: Awaited<ReturnType<typeof setup>>['db'], email: string) {
  const mail = await db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const url = new URL(/https?:\/\/\S+\/admin\/invitation\S+/.exec(mail.text_body)![0]);
  return url.pathname + url.search;
}

async function signIn(app: FastifyInstance, email: string) {
  const client = new StaffClient(app);
  await client.get('/ar/account/login');
  assert.equal((await client.post('/ar/account/login', { email, password: TEST_PASSWORD })).statusCode, 303);
  return client;
}

/** The admin invites; the person signs in, opens the link and accepts. */
async function inviteAndAccept(app: FastifyInstance, db: Awaited<ReturnType<typeof setup>>['db'], admin: StaffClient, email: string, role: string) {
  await admin.get('/admin/c/settat/team');
  assert.equal((await admin.post('/admin/c/settat/team', { email, role })).statusCode, 303);
  const person = await signIn(app, email);
  assert.equal((await person.get(await invitationLink(db, email))).statusCode, 200);
  const accepted = await person.post('/admin/invitation', { token: new URL(await invitationLink(db, email), 'http://x').searchParams.get('token')! });
  assert.equal(accepted.statusCode, 303);
  return person;
}

test('a collectivity admin invites to a role; bad input is refused with a message and nothing saved', async (t) => {
  const { app, db, settatId } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  const overview = (await admin.get('/admin/c/settat')).body;
  for (const space of ['cocreation', 'tracking', 'consistency', 'reports', 'import', 'budgets', 'team']) assert.match(overview, new RegExp(`href="/admin/c/settat/${space}"`));
  const page = await admin.get('/admin/c/settat/team');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /فريق العمل/);
  const before = await grants(db, settatId);

  const cases: [Record<string, string>, RegExp][] = [
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
  assert.equal((await db.selectFrom('staff_invitation').select('id').execute()).length, 0, 'nothing saved');

  // the same answer for an address with an account, one without, one not verified
  const answers = [];
  for (const email of ['Member@Example.ma', 'nobody@example.ma', 'unverified@example.ma']) {
    const res = await admin.post('/admin/c/settat/team', { email, role: 'committee_member' });
    answers.push({ status: res.statusCode, location: res.headers.location, flash: (await admin.get(res.headers.location as string)).body.match(/role="status"[^>]*>([^<]*)/)?.[1] });
  }
  assert.equal(answers[0].status, 303);
  assert.match(answers[0].flash ?? '', /أُرسلت الدعوة إلى هذا العنوان إن كان يستقبل البريد/);
  assert.deepEqual(answers[1], answers[0]);
  assert.deepEqual(answers[2], answers[0]);

  // invitations, not roles: the team is unchanged, the invitations are pending and listed
  assert.deepEqual(await grants(db, settatId), before, 'no role before acceptance');
  const list = (await admin.get('/admin/c/settat/team')).body;
  assert.match(list, /دعوات في انتظار القبول/);
  for (const email of ['member@example.ma', 'nobody@example.ma', 'unverified@example.ma']) assert.match(list, new RegExp(email));
  // the mail holds the link; the table only its hash
  const link = await invitationLink(db, 'member@example.ma');
  const token = new URL(link, 'http://x').searchParams.get('token')!;
  const stored = await db.selectFrom('staff_invitation').selectAll().where('email', '=', 'member@example.ma').executeTakeFirstOrThrow();
  assert.equal(stored.token_hash, createHash('sha256').update(token).digest('hex'));
  assert.ok(!JSON.stringify(await db.selectFrom('staff_invitation').selectAll().execute()).includes(token));
  const log = await db.selectFrom('change_log').select(['entity_type', 'public']).where('entity_type', '=', 'staff_invitation').execute();
  assert.equal(log.length, 3);
  assert.ok(log.every((e) => e.public === 0), 'team changes are not public history');
});

test('the invited person accepts with a verified account at that address, once; anyone else is refused', async (t) => {
  const { app, db, settatId } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  await admin.get('/admin/c/settat/team');
  await admin.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'committee_member' });
  await admin.post('/admin/c/settat/team', { email: 'unverified@example.ma', role: 'moderator' });
  const link = await invitationLink(db, 'member@example.ma');
  const token = new URL(link, 'http://x').searchParams.get('token')!;
  const roleOf = async (email: string) =>
    (await db.selectFrom('role_assignment as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select('r.role').where('u.email', '=', email).where('r.collectivity_id', '=', settatId).execute()).map((r) => r.role);

  // not signed in: what the invitation offers, and how to accept it
  const anonymous = new StaffClient(app);
  const offer = await anonymous.get(link);
  assert.equal(offer.statusCode, 200);
  assert.match(offer.body, /أنت مدعو\(ة\) للانضمام إلى فريق جماعة سطات بصفة: عضو\(ة\) لجنة التتبع/);
  assert.match(offer.body, /href="\/admin\/login\?next=/);
  assert.equal((await anonymous.post('/admin/invitation', { token })).statusCode, 403, 'no session, no CSRF token');

  // another account, even a staff one, cannot take it
  const salma = await signIn(app, 'salma@example.ma');
  const refused = await salma.get(link);
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /أُرسلت هذه الدعوة إلى عنوان آخر/);
  assert.equal((await salma.post('/admin/invitation', { token })).statusCode, 403);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get('/admin');
  assert.equal((await focal.post('/admin/invitation', { token })).statusCode, 403);
  assert.deepEqual(await roleOf('salma@example.ma'), []);
  assert.deepEqual(await roleOf('focal@settat.ma'), ['editor']);

  // an address not verified yet: told to verify first
  const unverified = await db.selectFrom('app_user').select('id').where('email', '=', 'unverified@example.ma').executeTakeFirstOrThrow();
  await db.updateTable('app_user').set({ password_hash: (await db.selectFrom('app_user').select('password_hash').where('email', '=', 'salma@example.ma').executeTakeFirstOrThrow()).password_hash }).where('id', '=', unverified.id).execute();
  const late = await signIn(app, 'unverified@example.ma');
  const notYet = await late.get(await invitationLink(db, 'unverified@example.ma'));
  assert.equal(notYet.statusCode, 403);
  assert.match(notYet.body, /أكّد عنوانك الإلكتروني أولاً/);
  assert.deepEqual(await roleOf('unverified@example.ma'), []);

  // the invited person signs in from the invitation's page, comes back to it and accepts: the
  // role exists from now on, in the change log under their name
  const member = new StaffClient(app);
  const loginHref = /href="(\/admin\/login\?next=[^"]+)"/.exec((await member.get(link)).body)![1].replaceAll('&amp;', '&');
  await member.get(loginHref);
  const next = new URL(loginHref, 'http://x').searchParams.get('next')!;
  const signedIn = await member.post('/admin/login', { email: 'member@example.ma', password: TEST_PASSWORD, next });
  assert.equal(signedIn.statusCode, 303);
  assert.equal(signedIn.headers.location, link.replace(/&lang=\w+$/, ''));
  const page = await member.get(signedIn.headers.location as string);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /قبول الدور/);
  assert.doesNotMatch(page.body, /action="[^"]*token=/, 'the form posts the token in its body, not its URL');
  const accepted = await member.post('/admin/invitation', { token });
  assert.equal(accepted.statusCode, 303);
  assert.equal(accepted.headers.location, '/admin/c/settat');
  assert.deepEqual(await roleOf('member@example.ma'), ['committee_member']);
  const entry = await db.selectFrom('change_log').select(['actor_user_id', 'actor_role']).where('entity_type', '=', 'role_assignment').executeTakeFirstOrThrow();
  assert.deepEqual(entry, { actor_user_id: (await db.selectFrom('app_user').select('id').where('email', '=', 'member@example.ma').executeTakeFirstOrThrow()).id, actor_role: 'committee_member' });
  assert.equal((await member.get('/admin/c/settat/cocreation')).statusCode, 200);

  // the link is used up
  const again = await member.get(link);
  assert.equal(again.statusCode, 404);
  assert.match(again.body, /رابط الدعوة هذا غير صالح/);
  assert.equal((await member.post('/admin/invitation', { token })).statusCode, 404);
  assert.deepEqual(await roleOf('member@example.ma'), ['committee_member']);
});

test('a pending invitation is listed and can be cancelled; its link then no longer works', async (t) => {
  const { app, db } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  await admin.get('/admin/c/settat/team');
  await admin.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'editor' });
  const link = await invitationLink(db, 'member@example.ma');
  const invitation = await db.selectFrom('staff_invitation').select('id').executeTakeFirstOrThrow();

  // not through another collectivity's URL, nor by its admin
  const other = await new StaffClient(app).login('admin@province.ma');
  await other.get('/admin/c/province-settat/team');
  assert.equal((await other.post(`/admin/c/settat/team/invitations/${invitation.id}/revoke`, {})).statusCode, 403);
  assert.equal((await other.post(`/admin/c/province-settat/team/invitations/${invitation.id}/revoke`, {})).statusCode, 400);

  await admin.get('/admin/c/settat/team');
  const cancelled = await admin.post(`/admin/c/settat/team/invitations/${invitation.id}/revoke`, {});
  assert.equal(cancelled.statusCode, 303);
  assert.doesNotMatch((await admin.get('/admin/c/settat/team')).body, /member@example\.ma/);
  const member = await signIn(app, 'member@example.ma');
  assert.equal((await member.get(link)).statusCode, 404);
});

test('someone who accepted a role may still delete their account: the role goes with it', async (t) => {
  const { app, db, database, settatId } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  const member = await inviteAndAccept(app, db, admin, 'member@example.ma', 'moderator');
  const before = (await grants(db, settatId)).length;
  await member.get('/ar/account/delete');
  assert.equal((await member.post('/ar/account/delete', { password: TEST_PASSWORD })).statusCode, 303);
  assert.equal((await grants(db, settatId)).length, before - 1);
  const entry = await db.selectFrom('change_log').select(['action', 'changes']).where('entity_type', '=', 'role_assignment').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(entry.action, 'delete');
  const history = await db.selectFrom('change_log').select('changes').where('entity_type', 'in', ['staff_invitation', 'role_assignment']).execute();
  assert.equal(history.length, 3, 'invited, accepted, given up');
  assert.ok(history.every((h) => !h.changes.includes('member@example.ma')), 'the team history no longer names the address');

  // a network administrator, whom nobody here could replace, is told why not
  await createStaff(database, 'dgct@example.ma', 'network_admin', null);
  const dgct = await signIn(app, 'dgct@example.ma');
  await dgct.get('/ar/account/delete');
  const refused = await dgct.post('/ar/account/delete', { password: TEST_PASSWORD });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /هذا حساب مدبر\(ة\) للشبكة، ولا يمكن حذفه من هنا/);
  assert.ok(await db.selectFrom('app_user').select('id').where('email', '=', 'dgct@example.ma').where('deleted_at', 'is', null).executeTakeFirst());
});

test('a committee member reviews and answers proposals and nothing else; a moderator only moderates', async (t) => {
  const { app, db, settatId, proposalId } = await setup(t);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  await inviteAndAccept(app, db, admin, 'member@example.ma', 'committee_member');
  await inviteAndAccept(app, db, admin, 'moderator@example.ma', 'moderator');

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
  assert.equal((await focal.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'focal_point' })).statusCode, 403);

  const other = await new StaffClient(app).login('admin@province.ma');
  await other.get('/admin/c/province-settat/team');
  assert.equal((await other.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'editor' })).statusCode, 403);
  const focalGrant = await db.selectFrom('role_assignment as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select('r.id').where('u.email', '=', 'focal@settat.ma').executeTakeFirstOrThrow();
  assert.equal((await other.post(`/admin/c/settat/team/${focalGrant.id}/revoke`, {})).statusCode, 403);
  // a grant of Settat cannot be revoked through the province's URL either
  assert.equal((await other.post(`/admin/c/province-settat/team/${focalGrant.id}/revoke`, {})).statusCode, 400);

  const anon = new StaffClient(app);
  assert.equal((await anon.post('/admin/c/settat/team', { email: 'member@example.ma', role: 'editor' })).statusCode, 303, 'no session: to the login page');
  assert.equal((await db.selectFrom('staff_invitation').select('id').execute()).length, 0, 'no invitation either');

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
