// Login throttling under real conditions (issue 10, items 4 and 5): the address it counts by is
// the socket's unless TRUST_PROXY names the proxies; parallel guesses get no more password
// checks than the limit, on two instances; a guesser at one address does not lock the owner out;
// guessing from many addresses pauses password logins and mails the owner a way back in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { parseTrustProxy } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { mailSenderOf } from '../../src/platform/mail/index.ts';
import { CookieJar, TEST_PASSWORD, type TestApp, buildTestApp, createStaff, csrfFrom, secondInstance } from '../helpers/app.ts';

/** A browser at one network address (the socket's peer), posting the login form. */
class Browser {
  jar = new CookieJar();
  csrf = '';
  body = '';
  constructor(readonly app: FastifyInstance, readonly address: string) {}
  async open(url = '/fr/account/login') {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.jar.header() } });
    this.jar.store(res.headers['set-cookie']);
    this.csrf = csrfFrom(res.body) || this.csrf;
    this.body = res.body;
    return this;
  }
  async login(email: string, password: string, headers: Record<string, string> = {}, url = '/fr/account/login') {
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.address,
      headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams({ _csrf: this.csrf, email, password }).toString(),
    });
    this.jar.store(res.headers['set-cookie']);
    return res;
  }
}

const browser = (app: FastifyInstance, address: string, url?: string) => new Browser(app, address).open(url);

/** Another instance on the same database, with TRUST_PROXY set as an operator would. */
async function instanceTrusting(t: Parameters<typeof buildTestApp>[0], first: TestApp, trustProxy: string) {
  const database = openDatabase(first.url);
  const app = await buildApp({ ...first.app.config, trustProxy: parseTrustProxy(trustProxy) }, database, { logger: false });
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return app;
}

test('TRUST_PROXY: unset trusts no proxy; hops, addresses and ranges are read; nonsense is refused', () => {
  assert.equal(parseTrustProxy(undefined), false);
  assert.equal(parseTrustProxy(''), false);
  assert.equal(parseTrustProxy('true'), true);
  assert.deepEqual(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1'), ['127.0.0.1', '10.0.0.0/8', '::1']);
  const hops = parseTrustProxy('2') as (address: string, hop: number) => boolean;
  assert.deepEqual([hops('x', 0), hops('x', 1), hops('x', 2)], [true, true, false]);
  for (const bad of ['yes', '10.0.0.0/40', 'proxy.example', '1.2.3']) assert.throws(() => parseTrustProxy(bad), /TRUST_PROXY/);
});

test('without TRUST_PROXY, 31 failures each with another X-Forwarded-For are counted against the one real address', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const attacker = await browser(app, '203.0.113.7');
  const statuses: number[] = [];
  // a different account each time, so that only the per-address limit (30) can stop it
  for (let i = 0; i < 31; i++) statuses.push((await attacker.login(`victim${i}@example.ma`, 'wrong-password', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
  assert.deepEqual(statuses.slice(0, 30), Array(30).fill(401));
  assert.equal(statuses[30], 429);
});

test('with TRUST_PROXY=1 the address named by the proxy is the one counted', async (t) => {
  const first = await buildTestApp(t, { seed: false });
  const app = await instanceTrusting(t, first, '1');
  const proxy = await browser(app, '10.0.0.2');
  for (let i = 0; i < 31; i++) {
    const res = await proxy.login(`victim${i}@example.ma`, 'wrong-password', { 'x-forwarded-for': `198.51.100.${i}` });
    assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
  }
  // and one client behind the proxy is stopped at 30
  for (let i = 0; i < 30; i++) await proxy.login(`other${i}@example.ma`, 'wrong-password', { 'x-forwarded-for': '198.51.100.200' });
  assert.equal((await proxy.login('last@example.ma', 'wrong-password', { 'x-forwarded-for': '198.51.100.200' })).statusCode, 429);
});

test('40 parallel wrong passwords for one account on two instances: only 5 are checked against the hash', async (t) => {
  const first = await buildTestApp(t, { seed: false });
  const second = await secondInstance(t, first);
  await upsertUser(first.database.db, { email: 'owner@example.ma', password: TEST_PASSWORD, displayName: 'Owner', verified: true });
  const browsers = [await browser(first.app, '203.0.113.7'), await browser(second.app, '203.0.113.7')];
  const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => browsers[i % 2].login('owner@example.ma', `guess-number-${i}`).then((r) => r.statusCode)));
  assert.equal(statuses.filter((s) => s === 401).length, 5);
  assert.equal(statuses.filter((s) => s === 429).length, 35);
});

test('the owner logs in from another address while a guesser hammers their account from one', async (t) => {
  const { app, database } = await buildTestApp(t, { seed: false });
  await createStaff(database, 'focal@settat.test', 'network_admin', null);
  const attacker = await browser(app, '203.0.113.7');
  for (let i = 0; i < 40; i++) await attacker.login('focal@settat.test', `guess-number-${i}`, {}, '/admin/login');
  const refused = await attacker.login('focal@settat.test', TEST_PASSWORD, {}, '/admin/login');
  assert.equal(refused.statusCode, 429); // even the right password, from the guesser's address
  assert.match(refused.body, /Trop de tentatives échouées|محاولات فاشلة كثيرة/);

  const owner = await browser(app, '192.0.2.10', '/admin/login');
  const res = await owner.login('focal@settat.test', TEST_PASSWORD, {}, '/admin/login');
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/admin');
  // the citizen login shares the counts: the guesser is still stopped there, the owner is not
  assert.equal((await (await browser(app, '203.0.113.7')).login('focal@settat.test', TEST_PASSWORD)).statusCode, 429);
  assert.equal((await (await browser(app, '192.0.2.10')).login('focal@settat.test', TEST_PASSWORD)).statusCode, 303);
});

test('a successful login gives its attempt back: the owner who mistyped 4 times starts afresh', async (t) => {
  const { app, database } = await buildTestApp(t, { seed: false });
  await upsertUser(database.db, { email: 'owner@example.ma', password: TEST_PASSWORD, displayName: 'Owner', verified: true });
  const owner = await browser(app, '192.0.2.10');
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 4; i++) assert.equal((await owner.login('owner@example.ma', 'mistyped-password')).statusCode, 401);
    assert.equal((await owner.login('owner@example.ma', TEST_PASSWORD)).statusCode, 303);
  }
});

test('guessing from many addresses pauses password logins to the account and mails its owner a link that opens it again', async (t) => {
  const { app, database } = await buildTestApp(t, { seed: false });
  await upsertUser(database.db, { email: 'owner@example.ma', password: TEST_PASSWORD, displayName: 'Owner', verified: true });
  await database.db.updateTable('app_user').set({ locale: 'fr' }).where('email', '=', 'owner@example.ma').execute();
  // 21 addresses × 5 guesses: the account's ceiling (100 an hour) is passed, no address's limit is
  const statuses: number[] = [];
  for (let a = 0; a < 21; a++) {
    const guesser = await browser(app, `198.51.100.${a + 1}`);
    for (let i = 0; i < 5; i++) statuses.push((await guesser.login('owner@example.ma', `guess-${a}-${i}`)).statusCode);
  }
  assert.equal(statuses.filter((s) => s === 401).length, 100);
  assert.equal(statuses.filter((s) => s === 429).length, 5);

  const owner = await browser(app, '192.0.2.10');
  const paused = await owner.login('owner@example.ma', TEST_PASSWORD);
  assert.equal(paused.statusCode, 429);
  assert.match(paused.body, /La connexion par mot de passe est suspendue/);

  await mailSenderOf(app).settled();
  const mails = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'owner@example.ma').execute();
  assert.equal(mails.length, 1); // once, however many refusals
  assert.equal(mails[0].subject, "Quelqu'un essaie d'entrer dans votre compte — Infitah");
  const link = new URL(/https?:\/\/\S+/.exec(mails[0].text_body)![0]);
  const token = /name="token" value="([\w-]+)"/.exec((await owner.open(link.pathname + link.search)).body)![1];
  const reset = await app.inject({
    method: 'POST',
    url: '/fr/account/reset-password',
    remoteAddress: '192.0.2.10',
    headers: { cookie: owner.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: owner.csrf, token, password: 'une phrase toute neuve' }).toString(),
  });
  assert.equal(reset.statusCode, 303, reset.body.slice(0, 300));
  assert.equal((await owner.login('owner@example.ma', 'une phrase toute neuve')).statusCode, 303);
});
