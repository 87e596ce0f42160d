// Following a proposal without supporting it: the follower gets the answer by mail; following
// twice records one row; unfollowing stops the mail; only verified accounts follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';

async function citizen(app: FastifyInstance, email: string) {
  const client = new StaffClient(app);
  await client.get('/fr/account/login');
  assert.equal((await client.post('/fr/account/login', { email, password: TEST_PASSWORD })).statusCode, 303);
  return client;
}

test('a follower is mailed the answer; an unfollower is not; following twice records one', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  for (const email of ['amina@example.ma', 'karim@example.ma']) {
    await upsertUser(db, { email, password: TEST_PASSWORD, displayName: email.split('@')[0], verified: true });
  }
  await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
  const settatId = await collectivityId(database, 'settat');
  // the demo's proposals are all answered: put one back under review
  const proposal = await db.selectFrom('proposal').select(['id', 'title']).where('collectivity_id', '=', settatId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  await db.updateTable('proposal').set({ status: 'under_review' }).where('id', '=', proposal.id).execute();
  const href = `/fr/c/settat/proposals/${proposal.id}`;
  assert.match((await app.inject(href)).body, new RegExp(`href="${href}/follow"`), 'the proposal page links to the follow page');

  const anonymous = await app.inject(`${href}/follow`);
  assert.equal(anonymous.statusCode, 303, 'anonymous visitors are sent to log in');

  const amina = await citizen(app, 'amina@example.ma');
  const page = await amina.get(`${href}/follow`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Suivre la proposition/);
  assert.equal((await amina.post(`${href}/follow`, { follow: '1' })).statusCode, 303);
  assert.equal((await amina.post(`${href}/follow`, { follow: '1' })).statusCode, 303);
  assert.match((await amina.get(`${href}/follow`)).body, /Ne plus suivre/);
  assert.equal((await amina.post(`${href}/follow`, { follow: '1' }, { csrf: 'forged' })).statusCode, 403);

  const karim = await citizen(app, 'karim@example.ma');
  await karim.get(`${href}/follow`);
  await karim.post(`${href}/follow`, { follow: '1' });
  await karim.post(`${href}/follow`, { follow: '0' });
  const follows = await db.selectFrom('proposal_follow').select('user_id').where('proposal_id', '=', proposal.id).execute();
  assert.equal(follows.length, 1, 'one row for Amina, none for Karim');
  const supports = await db.selectFrom('proposal_support').select('user_id').where('proposal_id', '=', proposal.id).execute();
  assert.equal(supports.length, 0, 'following is not supporting');

  // Settat's proposal through another collectivity's URL is unknown
  await loadBerrechid(db);
  assert.equal((await amina.get(`/fr/c/berrechid/proposals/${proposal.id}/follow`)).statusCode, 404);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/proposals/${proposal.id}`);
  assert.equal((await focal.post(`/admin/c/settat/proposals/${proposal.id}`, { status: 'not_retained', answer_fr: 'Hors des compétences de la commune.' })).statusCode, 303);
  const mails = await db.selectFrom('mail_outbox').select(['to_address', 'text_body']).execute();
  assert.ok(mails.some((m) => m.to_address === 'amina@example.ma' && m.text_body.includes('Hors des compétences')), 'the follower got the answer');
  assert.ok(!mails.some((m) => m.to_address === 'karim@example.ma'), 'who stopped following got nothing');

  // "download my data" lists the follow
  const data = await amina.get('/fr/account/export');
  assert.match(data.body, new RegExp(`"proposal_id":\\s*${proposal.id}`));
});
