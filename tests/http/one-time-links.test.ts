// One-time links (verify an address, reset a password, accept an invitation) are secrets: the
// database keeps only their SHA-256, the outbox's copy of a sent mail loses them, and the request
// log never shows them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { type MailTransport, deliverDueMail, mailSenderOf } from '../../src/platform/mail/index.ts';
import { redactSecrets } from '../../src/platform/redact.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, createStaff } from '../helpers/app.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

test('a sent mail keeps no token in the outbox; a held one stays readable; the database keeps only hashes', async (t) => {
  const { app, database } = await buildTestApp(t, { seed: false });
  const db = database.db;
  await upsertUser(db, { email: 'hassan@example.ma', password: TEST_PASSWORD, displayName: 'حسن', verified: true });
  const visitor = new StaffClient(app);
  await visitor.get('/ar/account/forgot-password');
  assert.equal((await visitor.post('/ar/account/forgot-password', { email: 'hassan@example.ma' })).statusCode, 303);
  await mailSenderOf(app).settled();

  // no SMTP server: the mail is held, link included, for an administrator to pass on
  const held = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(held.status, 'held');
  const token = /reset-password\?token=([\w-]+)/.exec(held.text_body)![1];
  await createStaff(database, 'dgct@example.ma', 'network_admin', null);
  const admin = await new StaffClient(app).login('dgct@example.ma');
  assert.match((await admin.get(`/admin/outbox/${held.id}`)).body, new RegExp(token));
  // the token is stored as its hash only
  const stored = await db.selectFrom('account_token').select('id').execute();
  assert.deepEqual(stored.map((r) => r.id), [sha256(token)]);
  const session = await db.selectFrom('user_session').select('id').execute();
  assert.ok(session.every((s) => !admin.jar.header().includes(s.id)), 'sessions are stored as hashes too');

  // once the mail is delivered, the copy kept in the outbox has lost its token, not its text
  await db.updateTable('mail_outbox').set({ status: 'pending' }).where('id', '=', held.id).execute();
  const sent: string[] = [];
  const transport: MailTransport = { sendMail: async (m) => void sent.push(`${m.text}\n${m.html}`) };
  assert.equal((await deliverDueMail(db, transport, 'Infitah <no-reply@example.ma>')).sent, 1);
  assert.match(sent[0], new RegExp(token), 'the recipient gets the working link');
  const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', held.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'sent');
  assert.ok(!JSON.stringify(row).includes(token), 'no token left in the row');
  assert.match(row.text_body, /\/ar\/account\/reset-password\?token=REDACTED/);
  assert.match(row.html_body!, /reset-password\?token=REDACTED/);
  assert.equal(row.text_body, held.text_body.replace(token, 'REDACTED'), 'the rest of the text stays as it was');
  const page = (await admin.get(`/admin/outbox/${held.id}`)).body;
  assert.doesNotMatch(page, new RegExp(token));
  assert.match(page, /تُحذف من نسخة الرسالة المحفوظة هنا الرموز السرية/);
  // only the copy lost it: the link in the mail still works
  assert.equal((await visitor.get(`/ar/account/reset-password?token=${token}`)).statusCode, 200);
});

test('request log lines never contain a one-time token', async (t) => {
  const first = await buildTestApp(t, { seed: false });
  const database = openDatabase(first.url);
  const lines: string[] = [];
  const app = await buildApp({ ...first.app.config, logLevel: 'info' }, database, { logStream: { write: (line) => void lines.push(line) } });
  t.after(async () => {
    await app.close();
    await database.close();
  });
  const urls = [
    '/ar/account/reset-password?token=SECRET1abc',
    '/fr/account/verify?lang=fr&token=SECRET2abc&x=1',
    '/admin/login?next=%2Fadmin%2Finvitation%3Ftoken%3DSECRET3abc',
    '/admin/invitation?token=SECRET4abc',
  ];
  for (const url of urls) await app.inject({ method: 'GET', url });
  const log = lines.join('');
  const access = lines.filter((l) => /"msg":"request"/.test(l)).map((l) => JSON.parse(l));
  assert.equal(access.length, urls.length, 'one line per request at info level');
  for (const line of access) assert.ok(line.method === 'GET' && Number.isInteger(line.status) && typeof line.ms === 'number' && line.reqId, JSON.stringify(line));
  assert.doesNotMatch(log, /SECRET/);
  assert.match(log, /"url":"\/ar\/account\/reset-password\?token=REDACTED"/);
  assert.match(log, /"url":"\/fr\/account\/verify\?lang=fr&token=REDACTED&x=1"/, 'other parameters stay');
});

test('redaction covers the query forms a link takes, and nothing else', () => {
  assert.equal(redactSecrets('https://x.ma/ar/account/verify?token=abc-_1\n'), 'https://x.ma/ar/account/verify?token=REDACTED\n');
  assert.equal(redactSecrets('<a href="/r?a=1&amp;reset_token=abc">'), '<a href="/r?a=1&amp;reset_token=REDACTED">');
  assert.equal(redactSecrets('/admin/login?next=%2Fadmin%2Finvitation%3FToken%3Dabc'), '/admin/login?next=%2Fadmin%2Finvitation%3FToken%3DREDACTED');
  assert.equal(redactSecrets('/ar/c/settat/proposals?q=token&page=2'), '/ar/c/settat/proposals?q=token&page=2');
});
