// Sign-up under abuse (issue 10, items 6 and 7): limited per client address and for everyone
// per hour, with the form kept; the verification mail carries no text the visitor typed; weak
// passwords (common, trivial, the person's address or name) are refused at sign-up and reset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.ts';
import { mailSenderOf } from '../../src/platform/mail/index.ts';
import { SIGNUPS_PER_ADDRESS_PER_HOUR } from '../../src/modules/accounts/commands/registration.ts';
import { CookieJar, buildTestApp, csrfFrom } from '../helpers/app.ts';

const PASSWORD = 'كلمة-سر-المواطنة-2025';

/** A visitor's browser at one network address. */
class Visitor {
  jar = new CookieJar();
  csrf = '';
  constructor(readonly app: FastifyInstance, readonly address = '203.0.113.7') {}
  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.jar.header() } });
    this.jar.store(res.headers['set-cookie']);
    this.csrf = csrfFrom(res.body) || this.csrf;
    return res;
  }
  async post(url: string, form: Record<string, string>) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.address,
      headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: this.csrf, ...form }).toString(),
    });
    this.jar.store(res.headers['set-cookie']);
    return res;
  }
}

const form = (email: string, extra: Record<string, string> = {}) => ({ kind: 'person', email, password: PASSWORD, display_name: 'سعاد', ...extra });

async function visitor(app: FastifyInstance, address?: string, locale = 'ar') {
  const v = new Visitor(app, address);
  await v.get(`/${locale}/account/signup`);
  return v;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
const fieldError = (html: string, field: string) => decode(new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html)?.[1] ?? '');
const users = async (app: FastifyInstance) => Number((await app.db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const mails = async (app: FastifyInstance) => app.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

test('sign-ups from one address: 5 an hour; the sixth gets a 429 in its language with the form kept, and nothing is made or mailed', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const v = await visitor(app);
  for (let i = 0; i < SIGNUPS_PER_ADDRESS_PER_HOUR; i++) assert.equal((await v.post('/ar/account/signup', form(`user${i}@example.ma`))).statusCode, 303);
  const before = [await users(app), (await mails(app)).length];
  const sixth = await v.post('/ar/account/signup', form('sixth@example.ma', { neighbourhood: 'حي الفرح' }));
  assert.equal(sixth.statusCode, 429);
  assert.match(sixth.body, /أنشئت حسابات كثيرة من اتصالك خلال الساعة الأخيرة/);
  assert.match(sixth.body, /value="sixth@example.ma"/);
  assert.match(sixth.body, /value="حي الفرح"/);
  assert.ok(Number(sixth.headers['retry-after']) > 0);
  assert.deepEqual([await users(app), (await mails(app)).length], before);
  // in French too; and someone at another address is not concerned
  const fr = await visitor(app, '203.0.113.7', 'fr');
  assert.match((await fr.post('/fr/account/signup', form('autre@example.ma'))).body, /De nombreux comptes ont été créés depuis votre connexion/);
  assert.equal((await (await visitor(app, '192.0.2.44')).post('/ar/account/signup', form('neighbour@example.ma'))).statusCode, 303);
});

test('sign-ups for everyone: past SIGNUP_MAX_PER_HOUR, the next sign-up from any address waits', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  (app.config as Config).signupsPerHour = 3;
  for (let i = 0; i < 3; i++) assert.equal((await (await visitor(app, `198.51.100.${i + 1}`)).post('/ar/account/signup', form(`u${i}@example.ma`))).statusCode, 303);
  const late = await (await visitor(app, '198.51.100.50', 'fr')).post('/fr/account/signup', form('late@example.ma'));
  assert.equal(late.statusCode, 429);
  assert.match(late.body, /Les inscriptions sont très nombreuses en ce moment/);
  assert.equal(await users(app), 3);
});

test('a burst of 20 parallel sign-ups from one address makes 5 accounts', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const v = await visitor(app);
  const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => v.post('/ar/account/signup', form(`burst${i}@example.ma`)).then((r) => r.statusCode)));
  assert.equal(statuses.filter((s) => s === 303).length, SIGNUPS_PER_ADDRESS_PER_HOUR);
  assert.equal(await users(app), SIGNUPS_PER_ADDRESS_PER_HOUR);
  assert.equal((await mails(app)).length, SIGNUPS_PER_ADDRESS_PER_HOUR);
});

test('the verification mail greets no one and carries nothing the visitor typed', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const v = await visitor(app, '203.0.113.9', 'fr');
  await v.post('/fr/account/signup', form('cible@example.ma', { display_name: 'Visit http://spam.example now', neighbourhood: 'Buy at spam.example' }));
  await mailSenderOf(app).settled();
  const [mail] = await mails(app);
  assert.equal(mail.to_address, 'cible@example.ma');
  assert.match(mail.text_body, /^Bonjour,\n/);
  for (const body of [mail.subject, mail.text_body, mail.html_body ?? '']) {
    assert.doesNotMatch(body, /spam|Visit/);
  }
});

test('weak passwords are refused at sign-up with a message in Arabic and French, and nothing is saved', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const cases: [string, Record<string, string>, RegExp][] = [
    ['ar', form('a@example.ma', { password: 'aaaaaaaaaa' }), /سهلة التخمين/],
    ['ar', form('b@example.ma', { password: '1234567890' }), /من أكثر كلمات المرور شيوعا/],
    ['fr', form('c@example.ma', { password: 'azertyuiop' }), /fait partie des plus courants/],
    ['fr', form('karima.bennani@example.ma', { password: 'karima.bennani!' }), /ni votre adresse e-mail ni votre nom/],
    ['ar', form('d@example.ma', { password: 'فاطمة الزهراء 2025', display_name: 'فاطمة الزهراء' }), /على عنوان بريدك الإلكتروني أو اسمك/],
    ['fr', form('e@example.ma', { password: '9876543210' }), /trop facile à deviner/],
  ];
  for (const [locale, body, message] of cases) {
    const v = await visitor(app, '203.0.113.20', locale);
    const res = await v.post(`/${locale}/account/signup`, body);
    assert.equal(res.statusCode, 400, body.password);
    assert.match(fieldError(res.body, 'password'), message);
    assert.match(res.body, new RegExp(`value="${body.email}"`));
  }
  assert.equal(await users(app), 0);
  // the project's own test password passes
  assert.equal((await (await visitor(app, '203.0.113.21')).post('/ar/account/signup', form('ok@example.ma'))).statusCode, 303);
});

test('a reset to a common password or to the account\'s name is refused; the link still works for a good one', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  await (await visitor(app, '203.0.113.30', 'fr')).post('/fr/account/signup', form('nadia@example.ma', { display_name: 'Nadia Tazi' }));
  const ask = new Visitor(app, '203.0.113.30');
  await ask.get('/fr/account/forgot-password');
  await ask.post('/fr/account/forgot-password', { email: 'nadia@example.ma' });
  const mail = (await mails(app)).at(-1)!;
  const link = new URL(/https?:\/\/\S+/.exec(mail.text_body)![0]);
  const page = await ask.get(link.pathname + link.search);
  const token = /name="token" value="([\w-]+)"/.exec(page.body)![1];
  const common = await ask.post('/fr/account/reset-password', { token, password: 'motdepasse' });
  assert.equal(common.statusCode, 400);
  assert.match(fieldError(common.body, 'password'), /fait partie des plus courants/);
  const named = await ask.post('/fr/account/reset-password', { token, password: 'nadiatazi1990' });
  assert.equal(named.statusCode, 400);
  assert.match(fieldError(named.body, 'password'), /ni votre adresse e-mail ni votre nom/);
  assert.equal((await ask.post('/fr/account/reset-password', { token, password: 'une phrase bien à moi' })).statusCode, 303);
});
