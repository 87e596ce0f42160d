// Citizen and association accounts: sign-up → verification mail (read from the outbox, no SMTP
// configured) → link → verified; login and its throttle; forgotten password; profile; download
// my data; delete my account; bad input in Arabic and French; CSRF; the back-office outbox.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.ts';
import type { OpenDatabase } from '../../src/platform/db/database.ts';
import { type MailConfig, mailSenderOf, queueMail } from '../../src/platform/mail/index.ts';
import { registerAccountDeletionHandler } from '../../src/platform/personal-data.ts';
import { requireVerifiedCitizen } from '../../src/modules/accounts/manifest.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const PASSWORD = 'كلمة-سر-المواطنة-2025';

/** The app with no SMTP server (mails are held in the outbox), and a page that only verified
 *  citizens may see, standing for a later module's "propose" page. */
async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  Object.assign(ctx.app.config as Config & { mail?: MailConfig; privacyContact?: string }, {
    mail: { smtpUrl: null, from: 'Infitah <no-reply@test.ma>' },
    privacyContact: 'donnees@infitah.test',
  });
  ctx.app.get('/:locale/test/participate', async (request, reply) => {
    const citizen = await requireVerifiedCitizen(request, reply);
    if (!citizen) return reply;
    return { id: citizen.id, kind: citizen.kind };
  });
  return ctx;
}

/** A visitor's browser on the public pages: cookies, and the CSRF token of the last page. */
class Visitor extends StaffClient {
  async signUp(locale: string, form: Record<string, string>) {
    await this.get(`/${locale}/account/signup`);
    return this.post(`/${locale}/account/signup`, form);
  }
  async logIn(locale: string, email: string, password = PASSWORD) {
    await this.get(`/${locale}/account/login`);
    return this.post(`/${locale}/account/login`, { email, password });
  }
}

const citizen = (email: string, extra: Record<string, string> = {}) => ({
  kind: 'person',
  email,
  password: PASSWORD,
  display_name: 'فاطمة الزهراء',
  gender: 'female',
  age_band: '25_34',
  neighbourhood: 'حي السلام',
  ...extra,
});

async function mailsTo(database: OpenDatabase, to: string) {
  return database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();
}

/** The path and query of the first link of the mail's text (links are absolute, on BASE_URL). */
function linkIn(text: string): string {
  const m = /https?:\/\/[^\s]+/.exec(text);
  assert.ok(m, `no link in ${text}`);
  const url = new URL(m[0]);
  return url.pathname + url.search;
}

const userCount = async (database: OpenDatabase) =>
  Number((await database.db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const flashOf = (html: string) => decode(/<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? '');
const fieldError = (html: string, field: string) => decode(new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html)?.[1] ?? '');
const settle = (app: FastifyInstance) => mailSenderOf(app).settled();

test('a citizen signs up in Arabic, follows the mailed link and is verified; only then may they take part', async (t) => {
  const { app, database } = await setup(t);
  const visitor = new Visitor(app);

  const form = await visitor.get('/ar/account/signup');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<html lang="ar" dir="rtl">/);
  assert.match(form.body, /name="_csrf" value="[^"]+"/);
  // the privacy notice: the law, what, why, how long, rights
  assert.match(form.body, /09-08/);
  assert.match(form.body, /لا تعرض أبدا لكل شخص على حدة/);
  assert.match(form.body, /بعد 30 يوما/);
  assert.match(form.body, /الاطلاع على معطياتك/);
  assert.match(form.body, /لأي سؤال أو طلب يخص معطياتك: donnees@infitah\.test\./);

  const res = await visitor.post('/ar/account/signup', citizen('Fatima@Example.MA'));
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  assert.equal(res.headers.location, '/ar/account/check-email');
  const check = await visitor.get('/ar/account/check-email');
  assert.match(check.body, /تفقد بريدك الإلكتروني/);

  const user = await database.db.selectFrom('app_user').selectAll().where('email', '=', 'fatima@example.ma').executeTakeFirstOrThrow();
  assert.equal(user.email_verified_at, null);
  assert.deepEqual([user.account_kind, user.gender, user.age_band, user.neighbourhood, user.locale], ['person', 'female', '25_34', 'حي السلام', 'ar']);
  assert.notEqual(user.password_hash, PASSWORD);

  await settle(app);
  const [mail] = await mailsTo(database, 'fatima@example.ma');
  assert.equal(mail.status, 'held'); // no SMTP server: kept in the outbox
  assert.equal(mail.subject, 'أكد عنوان بريدك الإلكتروني — انفتاح');
  assert.match(mail.text_body, /^مرحبا،/); // no name: the mail holds no text typed by the visitor
  assert.doesNotMatch(mail.text_body, /فاطمة/);
  assert.match(mail.text_body, /خلال 48 ساعة/);
  assert.match(mail.text_body, /http:\/\/localhost:3000\/ar\/account\/verify\?token=[\w-]{43}/);
  assert.match(mail.html_body!, /<html lang="ar" dir="rtl">/);
  assert.match(mail.html_body!, /<a href="http:\/\/localhost:3000\/ar\/account\/verify\?token=/);
  const link = linkIn(mail.text_body);

  // signed in but not verified: the account page says so, and taking part is refused
  assert.equal((await visitor.logIn('ar', 'fatima@example.ma')).headers.location, '/ar/account');
  const account = await visitor.get('/ar/account');
  assert.match(account.body, /لم يتم تأكيد عنوان بريدك الإلكتروني بعد/);
  const refused = await visitor.get('/ar/test/participate');
  assert.equal(refused.statusCode, 303);
  assert.equal(refused.headers.location, '/ar/account/verify-email?next=%2Far%2Ftest%2Fparticipate'); // back there once verified
  assert.equal(flashOf((await visitor.get('/ar/account/verify-email')).body), 'أكد عنوان بريدك الإلكتروني أولا لتتمكن من المشاركة.');
  // an anonymous visitor is sent to the login page, and back here afterwards
  const anonymous = await app.inject('/fr/test/participate');
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/fr/account/login?next=%2Ffr%2Ftest%2Fparticipate');

  const verified = await visitor.get(link);
  assert.equal(verified.statusCode, 303);
  assert.equal(verified.headers.location, '/ar/account');
  assert.equal(flashOf((await visitor.get('/ar/account')).body), 'تم تأكيد عنوان بريدك الإلكتروني، وحسابك مفعل.');
  const row = await database.db.selectFrom('app_user').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow();
  assert.ok(row.email_verified_at);
  const allowed = await visitor.get('/ar/test/participate');
  assert.equal(allowed.statusCode, 200);
  assert.deepEqual(allowed.json(), { id: user.id, kind: 'person' });

  // the link works once
  const again = await visitor.get(link);
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /رابط التأكيد هذا غير صالح/);
});

test('wrong, expired, used and other-purpose verification links are refused', async (t) => {
  const { app, database } = await setup(t);
  const visitor = new Visitor(app);
  await visitor.signUp('fr', citizen('karim@example.ma', { display_name: 'Karim' }));
  await settle(app);
  const [mail] = await mailsTo(database, 'karim@example.ma');
  assert.equal(mail.subject, 'Confirmez votre adresse e-mail — Infitah'); // in the language of the sign-up
  const link = linkIn(mail.text_body);
  const token = new URL(link, 'http://x').searchParams.get('token')!;

  for (const bad of ['/fr/account/verify', '/fr/account/verify?token=', `/fr/account/verify?token=${token.slice(0, -2)}xx`, `/fr/account/reset-password?token=${token}`]) {
    const res = await app.inject(bad);
    assert.equal(res.statusCode, 400, bad);
    assert.match(res.body, /n'est pas valable/);
  }
  // expired: 48 hours have passed
  await database.db.updateTable('account_token').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
  assert.equal((await app.inject(link)).statusCode, 400);
  await database.db.updateTable('account_token').set({ expires_at: new Date(Date.now() + 3600_000).toISOString() }).execute();
  assert.equal((await app.inject(link)).statusCode, 303);
  assert.equal((await app.inject(link)).statusCode, 400);
  // 48 hours is what the token was given
  const issued = await database.db.selectFrom('account_token').select(['created_at', 'purpose']).executeTakeFirstOrThrow();
  assert.equal(issued.purpose, 'verify');
});

test('a verified citizen asks for a new link only while unverified; resending is limited', async (t) => {
  const { app, database } = await setup(t);
  const visitor = new Visitor(app);
  await visitor.signUp('ar', citizen('amina@example.ma'));
  await visitor.logIn('ar', 'amina@example.ma');
  await visitor.get('/ar/account/verify-email');
  for (let i = 0; i < 6; i++) {
    const res = await visitor.post('/ar/account/verify-email', {});
    assert.equal(res.statusCode, 303);
  }
  const mails = await mailsTo(database, 'amina@example.ma');
  assert.equal(mails.length, 5); // at most 5 account mails an hour to one address
  assert.equal(flashOf((await visitor.get('/ar/account/verify-email')).body), 'أرسلنا عدة رسائل إلى هذا العنوان خلال الساعة الأخيرة. انتظر قليلا ثم حاول مجددا.');
  // every link is valid until one is used
  assert.equal((await visitor.get(linkIn(mails[2].text_body))).statusCode, 303);
  const page = await visitor.get('/ar/account/verify-email');
  assert.match(page.body, /عنوان بريدك الإلكتروني مؤكد/);
});

test('signing up with an address that has an account creates nothing, answers the same, and tells the owner', async (t) => {
  const { app, database } = await setup(t);
  await new Visitor(app).signUp('fr', citizen('owner@example.ma', { display_name: 'Owner' }));
  const before = await userCount(database);
  const res = await new Visitor(app).signUp('ar', citizen('OWNER@example.ma', { display_name: 'Intrus' }));
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/ar/account/check-email');
  assert.equal(await userCount(database), before);
  const mails = await mailsTo(database, 'owner@example.ma');
  assert.equal(mails.length, 2);
  // in the owner's language, with links to log in and to reset the password
  assert.equal(mails[1].subject, 'Vous avez déjà un compte sur Infitah');
  assert.match(mails[1].text_body, /^Bonjour,/);
  assert.doesNotMatch(mails[1].text_body, /Owner|Intrus/);
  assert.match(mails[1].text_body, /http:\/\/localhost:3000\/fr\/account\/login/);
  assert.match(mails[1].text_body, /http:\/\/localhost:3000\/fr\/account\/forgot-password/);
});

test('forgotten password: the same answer for any address, a 1-hour single-use link, every session ended', async (t) => {
  const { app, database } = await setup(t);
  await new Visitor(app).signUp('ar', citizen('hassan@example.ma', { display_name: 'حسن' }));
  const laptop = new Visitor(app);
  assert.equal((await laptop.logIn('ar', 'hassan@example.ma')).statusCode, 303);
  assert.equal((await laptop.get('/ar/account')).statusCode, 200);

  const ask = async (email: string) => {
    const v = new Visitor(app);
    await v.get('/ar/account/forgot-password');
    return v.post('/ar/account/forgot-password', { email });
  };
  const unknown = await ask('nobody@example.ma');
  const known = await ask('Hassan@example.ma');
  for (const res of [unknown, known]) {
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/ar/account/login');
  }
  assert.equal((await mailsTo(database, 'nobody@example.ma')).length, 0);
  const mail = (await mailsTo(database, 'hassan@example.ma')).at(-1)!;
  assert.equal(mail.subject, 'اختيار كلمة مرور جديدة — انفتاح');
  const link = linkIn(mail.text_body);
  assert.match(link, /^\/ar\/account\/reset-password\?token=/);
  const token = await database.db.selectFrom('account_token').select(['created_at', 'expires_at']).where('purpose', '=', 'reset').executeTakeFirstOrThrow();
  assert.equal(Date.parse(token.expires_at) - Date.parse(token.created_at), 3600_000);

  const phone = new Visitor(app);
  const form = await phone.get(link);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="token" value="[\w-]+"/);
  const tokenValue = /name="token" value="([\w-]+)"/.exec(form.body)![1];
  const short = await phone.post('/ar/account/reset-password', { token: tokenValue, password: 'قصيرة' });
  assert.equal(short.statusCode, 400);
  assert.equal(fieldError(short.body, 'password'), 'يجب أن تتكون كلمة المرور من 10 أحرف على الأقل.');
  const done = await phone.post('/ar/account/reset-password', { token: tokenValue, password: 'كلمة مرور جديدة تماما' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/ar/account/login');

  // the old password no longer works, the new one does; the laptop's session is over
  assert.equal((await new Visitor(app).logIn('ar', 'hassan@example.ma')).statusCode, 401);
  assert.equal((await new Visitor(app).logIn('ar', 'hassan@example.ma', 'كلمة مرور جديدة تماما')).statusCode, 303);
  const old = await laptop.get('/ar/account');
  assert.equal(old.statusCode, 303);
  assert.match(old.headers.location as string, /^\/ar\/account\/login/);
  // reading the mail proved the address
  const user = await database.db.selectFrom('app_user').select('email_verified_at').where('email', '=', 'hassan@example.ma').executeTakeFirstOrThrow();
  assert.ok(user.email_verified_at);

  // used once: the link and the form refuse it now
  assert.equal((await phone.get(link)).statusCode, 400);
  const reuse = await phone.post('/ar/account/reset-password', { token: tokenValue, password: 'كلمة مرور ثالثة طويلة' });
  assert.equal(reuse.statusCode, 400);
  assert.match(reuse.body, /رابط إعادة تعيين كلمة المرور هذا غير صالح/);

  // an expired link is refused
  await ask('hassan@example.ma');
  const late = linkIn((await mailsTo(database, 'hassan@example.ma')).at(-1)!.text_body);
  await database.db.updateTable('account_token').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('used_at', 'is', null).execute();
  assert.equal((await app.inject(late)).statusCode, 400);
});

test('citizen login is throttled like staff login, and logout ends the session', async (t) => {
  const { app, database } = await setup(t);
  await new Visitor(app).signUp('ar', citizen('yassine@example.ma'));
  const visitor = new Visitor(app);
  for (let i = 0; i < 5; i++) {
    const res = await visitor.logIn('ar', 'yassine@example.ma', 'not-the-password');
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /البريد الإلكتروني أو كلمة المرور غير صحيحة/);
    assert.match(res.body, /value="yassine@example.ma"/); // the address is kept, never the password
    assert.doesNotMatch(res.body, /not-the-password/);
  }
  const blocked = await visitor.logIn('ar', 'yassine@example.ma');
  assert.equal(blocked.statusCode, 429);
  assert.match(blocked.body, /محاولات فاشلة كثيرة/);

  const other = new Visitor(app);
  await createStaff(database, 'staff@settat.ma', 'editor', 'settat');
  const ok = await other.logIn('fr', 'staff@settat.ma', 'كلمة-سر-طويلة-2024');
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/fr/account');
  // an open redirect is not followed
  await other.get('/fr/account/login?next=//evil.example/x');
  const page = await other.get('/fr/account/login?next=https://evil.example/');
  assert.equal(page.headers.location, '/fr/account');
  const out = await other.post('/fr/account/logout', {});
  assert.equal(out.statusCode, 303);
  assert.equal(out.headers.location, '/fr/account/login');
  assert.equal((await other.get('/fr/account')).statusCode, 303);
});

test('the profile is edited with the same rules; an association keeps no gender or age', async (t) => {
  const { app, database } = await setup(t);
  await new Visitor(app).signUp('fr', citizen('asso@example.ma', { kind: 'association', display_name: 'Association Amal' }));
  const row = await database.db.selectFrom('app_user').selectAll().where('email', '=', 'asso@example.ma').executeTakeFirstOrThrow();
  assert.deepEqual([row.account_kind, row.gender, row.age_band, row.neighbourhood], ['association', null, null, 'حي السلام']);

  const v = new Visitor(app);
  await v.logIn('fr', 'asso@example.ma');
  const page = await v.get('/fr/account');
  assert.match(page.body, /Association Amal/);
  assert.doesNotMatch(page.body, /name="gender"/);
  const bad = await v.post('/fr/account/profile', { display_name: '', neighbourhood: 'x'.repeat(101), locale: 'de' });
  assert.equal(bad.statusCode, 400);
  assert.equal(fieldError(bad.body, 'display_name'), 'Ce champ est obligatoire.');
  assert.equal(fieldError(bad.body, 'neighbourhood'), 'Ce texte est trop long (100 caractères au plus).');
  assert.equal(fieldError(bad.body, 'locale'), 'Choisissez une des valeurs proposées.');
  assert.ok(decode(bad.body).includes(`value="${'x'.repeat(101)}"`));
  const unchanged = await database.db.selectFrom('app_user').select(['display_name', 'neighbourhood']).where('id', '=', row.id).executeTakeFirstOrThrow();
  assert.deepEqual(unchanged, { display_name: 'Association Amal', neighbourhood: 'حي السلام' });

  const good = await v.post('/fr/account/profile', { display_name: 'جمعية الأمل', gender: 'male', neighbourhood: '', locale: 'ar' });
  assert.equal(good.statusCode, 303);
  assert.equal(flashOf((await v.get('/fr/account')).body), 'Vos informations sont enregistrées.');
  const saved = await database.db.selectFrom('app_user').select(['display_name', 'gender', 'neighbourhood', 'locale']).where('id', '=', row.id).executeTakeFirstOrThrow();
  assert.deepEqual(saved, { display_name: 'جمعية الأمل', gender: null, neighbourhood: null, locale: 'ar' });
});

test('download my data: a JSON file with the account, its profile and its mails, without secrets', async (t) => {
  const { app } = await setup(t);
  await new Visitor(app).signUp('ar', citizen('data@example.ma'));
  const v = new Visitor(app);
  assert.equal((await app.inject('/ar/account/export')).statusCode, 303); // signed in only
  await v.logIn('ar', 'data@example.ma');
  const res = await v.get('/ar/account/export');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^application\/json/);
  assert.match(res.headers['content-disposition'] as string, /^attachment; filename="infitah-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
  const data = res.json();
  assert.ok(data.exportedAt);
  assert.equal(Object.keys(data)[1], 'account');
  assert.equal(data.account.email, 'data@example.ma');
  assert.equal(data.account.displayName, 'فاطمة الزهراء');
  assert.deepEqual([data.account.kind, data.account.gender, data.account.ageBand, data.account.neighbourhood, data.account.locale], ['person', 'female', '25_34', 'حي السلام', 'ar']);
  assert.equal(data.account.emailVerifiedAt, null);
  assert.equal(data.account.sessions.length, 1);
  assert.deepEqual(data.mail.map((m: { subject: string }) => m.subject), ['أكد عنوان بريدك الإلكتروني — انفتاح']);
  assert.doesNotMatch(res.body, /argon2|password|token/i);
});

test('delete my account: password asked again, the row anonymised, sessions ended, and the address can sign up again', async (t) => {
  const { app, database } = await setup(t);
  await new Visitor(app).signUp('ar', citizen('leaving@example.ma'));
  const seen: string[] = [];
  let failHandler = false;
  registerAccountDeletionHandler('test-module', async (trx, person) => {
    // a later module's rows about the person, anonymised in the same transaction
    seen.push(person.email);
    await trx.selectFrom('app_user').select('id').where('id', '=', person.id).executeTakeFirstOrThrow();
    if (failHandler) throw new Error('module failed');
  });
  t.after(() => registerAccountDeletionHandler('test-module', async () => undefined));

  const v = new Visitor(app);
  await v.logIn('ar', 'leaving@example.ma');
  const other = new Visitor(app);
  await other.logIn('ar', 'leaving@example.ma');
  const user = await database.db.selectFrom('app_user').selectAll().where('email', '=', 'leaving@example.ma').executeTakeFirstOrThrow();

  const form = await v.get('/ar/account/delete');
  assert.match(form.body, /تبقى مساهماتك المنشورة/);
  const wrong = await v.post('/ar/account/delete', { password: 'ليست كلمة المرور' });
  assert.equal(wrong.statusCode, 400);
  assert.equal(fieldError(wrong.body, 'password'), 'كلمة المرور غير صحيحة.');
  const empty = await v.post('/ar/account/delete', { password: '' });
  assert.equal(fieldError(empty.body, 'password'), 'هذا الحقل إلزامي.');

  // a module that fails: nothing is half-deleted
  failHandler = true;
  const failed = await v.post('/ar/account/delete', { password: PASSWORD });
  assert.equal(failed.statusCode, 500);
  assert.deepEqual(await database.db.selectFrom('app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow(), user);
  failHandler = false;

  const res = await v.post('/ar/account/delete', { password: PASSWORD });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/ar/account/login');
  assert.equal(flashOf((await v.get('/ar/account/login')).body), 'تم حذف حسابك ومحو معطياتك الشخصية.');
  assert.deepEqual(seen, ['leaving@example.ma', 'leaving@example.ma']);

  const row = await database.db.selectFrom('app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  assert.match(row.email, /^deleted-\d+-[0-9a-f]{12}@deleted\.invalid$/);
  assert.deepEqual(
    [row.password_hash, row.display_name, row.gender, row.age_band, row.neighbourhood, row.email_verified_at],
    ['', '', null, null, null, null],
  );
  assert.ok(row.deleted_at);
  for (const table of ['user_session', 'account_token'] as const) {
    const n = await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0, table);
  }
  assert.equal((await mailsTo(database, 'leaving@example.ma')).length, 0);
  // the other device's session is over, and the old password opens nothing
  assert.equal((await other.get('/ar/account')).statusCode, 303);
  assert.equal((await new Visitor(app).logIn('ar', 'leaving@example.ma')).statusCode, 401);

  // the address is free again
  const again = await new Visitor(app).signUp('ar', citizen('leaving@example.ma', { display_name: 'من جديد' }));
  assert.equal(again.statusCode, 303);
  const fresh = await database.db.selectFrom('app_user').select(['id', 'display_name']).where('email', '=', 'leaving@example.ma').executeTakeFirstOrThrow();
  assert.notEqual(fresh.id, user.id);
  assert.equal(fresh.display_name, 'من جديد');
  assert.equal((await mailsTo(database, 'leaving@example.ma')).length, 1);
});

test('a network administrator cannot delete their account from the public pages; a collectivity role goes with the account', async (t) => {
  const { app, database } = await setup(t);
  await createStaff(database, 'dgct@example.ma', 'network_admin', null);
  const v = new Visitor(app);
  await v.logIn('ar', 'dgct@example.ma', 'كلمة-سر-طويلة-2024');
  await v.get('/ar/account/delete');
  const res = await v.post('/ar/account/delete', { password: 'كلمة-سر-طويلة-2024' });
  assert.equal(res.statusCode, 409);
  assert.match(fieldError(res.body, 'password'), /لا يمكن حذفه من هنا/);
  assert.ok(await database.db.selectFrom('app_user').select('id').where('email', '=', 'dgct@example.ma').executeTakeFirst());
  // staff accounts count as verified: made by an administrator
  assert.equal((await v.get('/ar/test/participate')).statusCode, 200);

  const id = await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = new Visitor(app);
  await admin.logIn('ar', 'admin@settat.ma', 'كلمة-سر-طويلة-2024');
  await admin.get('/ar/account/delete');
  assert.equal((await admin.post('/ar/account/delete', { password: 'كلمة-سر-طويلة-2024' })).statusCode, 303);
  assert.equal((await database.db.selectFrom('role_assignment').select('id').where('user_id', '=', id).execute()).length, 0);
});

test('bad sign-up input: a message on each field in Arabic and in French, values kept, markup as text, nothing saved', async (t) => {
  const { app, database } = await setup(t);
  const before = await userCount(database);
  const cases: { locale: 'ar' | 'fr'; form: Record<string, string>; errors: Record<string, string> }[] = [
    {
      locale: 'ar',
      form: { kind: '', email: '', password: '', display_name: '   ' },
      errors: { kind: 'هذا الحقل إلزامي.', email: 'هذا الحقل إلزامي.', password: 'هذا الحقل إلزامي.', display_name: 'هذا الحقل إلزامي.' },
    },
    {
      locale: 'ar',
      form: citizen('ليس-بريدا', { password: 'قصيرة', display_name: 'ن'.repeat(101), gender: 'other', age_band: '99' }),
      errors: {
        email: 'أدخل عنوان بريد إلكتروني صحيحا.',
        password: 'يجب أن تتكون كلمة المرور من 10 أحرف على الأقل.',
        display_name: 'هذا النص طويل جدا (100 حرف على الأكثر).',
        gender: 'اختر إحدى القيم المقترحة.',
        age_band: 'اختر إحدى القيم المقترحة.',
      },
    },
    {
      locale: 'fr',
      form: citizen(`${'a'.repeat(250)}@example.ma`, { kind: 'company', password: 'court', neighbourhood: 'q'.repeat(101) }),
      errors: {
        kind: 'Choisissez une des valeurs proposées.',
        email: 'Ce texte est trop long (254 caractères au plus).',
        password: 'Le mot de passe doit comporter au moins 10 caractères.',
        neighbourhood: 'Ce texte est trop long (100 caractères au plus).',
      },
    },
    {
      locale: 'fr',
      form: citizen('pas un e-mail', { display_name: '<script>alert(1)</script><b>Saïd</b>', password: '' }),
      errors: { email: 'Saisissez une adresse e-mail valide.', password: 'Ce champ est obligatoire.' },
    },
  ];
  for (const c of cases) {
    const v = new Visitor(app);
    const res = await v.signUp(c.locale, c.form);
    assert.equal(res.statusCode, 400, JSON.stringify(c.form));
    assert.match(res.body, new RegExp(`<html lang="${c.locale}"`));
    assert.match(res.body, c.locale === 'ar' ? /بعض الحقول تحتاج إلى تصحيح/ : /Certains champs sont à corriger/);
    for (const [field, message] of Object.entries(c.errors)) assert.equal(fieldError(res.body, field), message, `${c.locale} ${field}`);
    const errorCount = (res.body.match(/class="error" id="f-/g) ?? []).length;
    assert.equal(errorCount, Object.keys(c.errors).length, JSON.stringify(c.form));
    // typed values come back (passwords never); markup is shown as text
    if (c.form.display_name?.trim()) assert.ok(decode(res.body).includes(`value="${c.form.display_name}"`));
    assert.doesNotMatch(res.body, /<script>alert/);
    if (c.form.password) assert.ok(!res.body.includes(`value="${c.form.password}"`));
  }
  assert.equal(await userCount(database), before);
  assert.equal((await database.db.selectFrom('mail_outbox').selectAll().execute()).length, 0);

  // markup in a name is kept as typed and shown as text
  await new Visitor(app).signUp('fr', citizen('said@example.ma', { display_name: '<b>Saïd</b>' }));
  const v = new Visitor(app);
  await v.logIn('fr', 'said@example.ma');
  const page = await v.get('/fr/account');
  assert.match(page.body, /value="&lt;b>Saïd&lt;\/b>"/);
  assert.doesNotMatch(page.body, /<b>Saïd/);
  const [mail] = await mailsTo(database, 'said@example.ma');
  // the mail does not carry the name at all
  assert.doesNotMatch(mail.text_body, /Saïd/);
  assert.doesNotMatch(mail.html_body!, /Saïd/);
});

test('every account form requires the CSRF token', async (t) => {
  const { app, database } = await setup(t);
  await new Visitor(app).signUp('ar', citizen('csrf@example.ma'));
  const before = await userCount(database);
  const v = new Visitor(app);
  await v.get('/ar/account/signup');
  for (const [url, form] of [
    ['/ar/account/signup', citizen('forged@example.ma')],
    ['/ar/account/login', { email: 'csrf@example.ma', password: PASSWORD }],
    ['/ar/account/forgot-password', { email: 'csrf@example.ma' }],
    ['/ar/account/reset-password', { token: 'x', password: 'كلمة مرور طويلة جدا' }],
    ['/ar/account/logout', {}],
    ['/ar/account/profile', { display_name: 'x', locale: 'ar' }],
    ['/ar/account/delete', { password: PASSWORD }],
    ['/ar/account/verify-email', {}],
  ] as [string, Record<string, string>][]) {
    for (const csrf of ['', 'forged-token']) {
      const res = await v.post(url, form, { csrf });
      assert.equal(res.statusCode, 403, `${url} with "${csrf}"`);
      assert.match(res.body, /انتهت صلاحية هذه الاستمارة/);
    }
  }
  assert.equal(await userCount(database), before);
  assert.equal((await mailsTo(database, 'csrf@example.ma')).length, 1);
  assert.equal((await database.db.selectFrom('user_session').selectAll().execute()).length, 0);
});

test('the outbox: a network admin reads every mail, a collectivity admin those of their collectivity, others nothing', async (t) => {
  const { app, database } = await setup(t);
  await createStaff(database, 'dgct@example.ma', 'network_admin', null);
  await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
  await new Visitor(app).signUp('ar', citizen('reader@example.ma'));
  const settat = await collectivityId(database, 'settat');
  const [settatMail] = await database.db.transaction().execute(async (trx) => [
    await queueMail(trx, { to: 'someone@example.ma', subject: 'اجتماع <لجنة> التتبع', text: 'نص الرسالة <b>', collectivityId: settat }),
  ]);
  await settle(app);
  const accountMail = (await mailsTo(database, 'reader@example.ma'))[0];

  const dgct = await new StaffClient(app).login('dgct@example.ma');
  const list = await dgct.get('/admin/outbox');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /reader@example\.ma/);
  assert.match(list.body, /someone@example\.ma/);
  assert.match(list.body, /لا يوجد خادم بريد مهيأ/);
  assert.match(list.body, /اجتماع &lt;لجنة> التتبع/);
  const one = await dgct.get(`/admin/outbox/${accountMail.id}`);
  assert.equal(one.statusCode, 200);
  assert.match(one.body, /\/ar\/account\/verify\?token=/);
  assert.match(one.body, /محتفظ بها/);
  const held = await dgct.get('/admin/outbox?status=held');
  assert.match(held.body, /reader@example\.ma/);
  const sent = await dgct.get('/admin/outbox?status=sent');
  assert.doesNotMatch(sent.body, /reader@example\.ma/);

  const admin = await new StaffClient(app).login('admin@settat.ma');
  const scoped = await admin.get('/admin/outbox');
  assert.equal(scoped.statusCode, 200);
  assert.match(scoped.body, /someone@example\.ma/);
  assert.doesNotMatch(scoped.body, /reader@example\.ma/);
  assert.equal((await admin.get(`/admin/outbox/${settatMail}`)).statusCode, 200);
  assert.match((await admin.get(`/admin/outbox/${settatMail}`)).body, /نص الرسالة &lt;b>/);
  assert.equal((await admin.get(`/admin/outbox/${accountMail.id}`)).statusCode, 404);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  assert.equal((await focal.get('/admin/outbox')).statusCode, 403);
  assert.equal((await focal.get(`/admin/outbox/${settatMail}`)).statusCode, 403);
  const citizenBrowser = new Visitor(app);
  await citizenBrowser.logIn('ar', 'reader@example.ma');
  assert.equal((await citizenBrowser.get('/admin/outbox')).statusCode, 403);
  const anonymous = await app.inject('/admin/outbox');
  assert.equal(anonymous.statusCode, 303);
  assert.match(anonymous.headers.location as string, /^\/admin\/login/);
});
