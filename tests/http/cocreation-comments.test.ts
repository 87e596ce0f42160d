// Comments under proposals: verified accounts comment, readers report, staff hide with a public
// reason that stays in place of the comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  for (const email of ['salma@example.ma', 'youssef@example.ma']) {
    const u = await upsertUser(db, { email, password: TEST_PASSWORD, displayName: email.split('@')[0] });
    await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString() }).where('id', '=', u.id).execute();
  }
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'editor', 'province-settat');
  const settatId = await collectivityId(ctx.database, 'settat');
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  return { ...ctx, href: `/ar/c/settat/proposals/${proposal.id}`, proposalId: proposal.id };
}

async function citizen(app: FastifyInstance, email: string) {
  const client = new StaffClient(app);
  await client.get('/ar/account/login');
  assert.equal((await client.post('/ar/account/login', { email, password: TEST_PASSWORD })).statusCode, 303);
  return client;
}

test('a citizen comments; another reports; staff hide it with a reason that stays visible', async (t) => {
  const { app, database, href } = await setup(t);
  const salma = await citizen(app, 'salma@example.ma');
  await salma.get(`${href}/comment`);
  const empty = await salma.post(`${href}/comment`, { body: '   ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /هذا الحقل إلزامي/);
  const posted = await salma.post(`${href}/comment`, { body: 'فكرة جيدة، <b>أدعمها</b> بشرط نشر لائحة الوثائق.' });
  assert.equal(posted.statusCode, 303);
  const page = (await app.inject(href)).body;
  assert.match(page, /<h2 id="comments">تعليق واحد<\/h2>/);
  assert.match(page, /&lt;b>أدعمها&lt;\/b>/);
  const comment = await database.db.selectFrom('proposal_comment').select('id').executeTakeFirstOrThrow();

  const youssef = await citizen(app, 'youssef@example.ma');
  await youssef.get(`${href}/comments/${comment.id}/report`);
  assert.equal((await youssef.post(`${href}/comments/${comment.id}/report`, { reason: 'إشهار' })).statusCode, 303);
  assert.equal((await youssef.post(`${href}/comments/${comment.id}/report`, { reason: 'مرة ثانية' })).statusCode, 303);
  assert.equal((await database.db.selectFrom('comment_report').selectAll().execute()).length, 1);

  // another collectivity's staff cannot moderate Settat
  const other = await new StaffClient(app).login('focal@province.ma');
  assert.equal((await other.get('/admin/c/settat/moderation')).statusCode, 403);
  await other.get('/admin/c/province-settat');
  assert.equal((await other.post(`/admin/c/settat/comments/${comment.id}/hide`, { reason: 'x' })).statusCode, 403);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  const moderation = await focal.get('/admin/c/settat/moderation');
  assert.match(moderation.body, /تبليغ واحد/);
  assert.match(moderation.body, /إشهار/);
  await focal.get(`/admin/c/settat/comments/${comment.id}/hide`);
  assert.equal((await focal.post(`/admin/c/settat/comments/${comment.id}/hide`, { reason: '' })).statusCode, 400);
  assert.equal((await focal.post(`/admin/c/settat/comments/${comment.id}/hide`, { reason: 'إشهار تجاري' })).statusCode, 303);
  const hidden = (await app.inject(href)).body;
  assert.match(hidden, /أخفي من طرف الإشراف: إشهار تجاري/);
  assert.doesNotMatch(hidden, /أدعمها/);
  const fr = (await app.inject(href.replace('/ar/', '/fr/'))).body;
  assert.match(fr, /Masqué par la modération : إشهار تجاري/);

  await focal.get('/admin/c/settat/moderation');
  assert.equal((await focal.post(`/admin/c/settat/comments/${comment.id}/restore`, {})).statusCode, 303);
  assert.match((await app.inject(href)).body, /أدعمها/);
});

test('commenting needs a verified account and the CSRF token; it is rate limited', async (t) => {
  const { app, database, href } = await setup(t);
  const anonymous = new StaffClient(app);
  const res = await anonymous.get(`${href}/comment`);
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /account\/login/);
  const salma = await citizen(app, 'salma@example.ma');
  await salma.get(`${href}/comment`);
  assert.equal((await salma.post(`${href}/comment`, { body: 'x' }, { csrf: 'forged' })).statusCode, 403);
  for (let i = 0; i < 10; i++) assert.equal((await salma.post(`${href}/comment`, { body: `تعليق ${i}` })).statusCode, 303);
  const eleventh = await salma.post(`${href}/comment`, { body: 'تعليق زائد' });
  assert.equal(eleventh.statusCode, 429);
  assert.match(eleventh.body, /كتبت تعليقات كثيرة/);
  assert.equal((await database.db.selectFrom('proposal_comment').selectAll().execute()).length, 10);
});
