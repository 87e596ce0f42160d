// A citizen signs up in Arabic on a phone with JavaScript off, reads the verification mail (kept
// in the outbox: no mail server in tests), opens its link, and logs in to her account. The account
// pages pass the automatic accessibility checks.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('citizen signs up in Arabic, confirms her address from the mail, and logs in', async (t) => {
  const { page, database } = await start(t, { ...phone, locale: 'ar-MA', javaScriptEnabled: false });
  const email = 'khadija@example.ma';
  const password = 'كلمة-سر-طويلة-للحساب-2025';

  const res = await page.goto('/ar/account/signup');
  assert.equal(res?.status(), 200);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await textOf(page, 'h1'), 'إنشاء حساب');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'no sideways scrolling');
  // the privacy notice is on the form, in plain words
  assert.match(await textOf(page, 'section.privacy'), /طبقا للقانون رقم 09-08/);

  await page.getByLabel('نوع الحساب').selectOption('person');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill(password);
  await page.getByLabel('الاسم (أو اسم الجمعية)').fill('خديجة');
  await page.getByLabel('الجنس').selectOption('female');
  await page.getByLabel('الفئة العمرية').selectOption('35_49');
  await page.getByLabel('الحي').fill('حي السلام');
  await Promise.all([page.waitForURL('**/ar/account/check-email'), page.getByRole('button', { name: 'إنشاء الحساب' }).click()]);
  assert.equal(await textOf(page, 'h1'), 'تفقد بريدك الإلكتروني');

  // the mail, as the outbox holds it
  const mail = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
  assert.equal(mail.subject, 'أكد عنوان بريدك الإلكتروني — انفتاح');
  // the mail greets no one by name: nothing typed at sign-up goes into it
  assert.match(mail.text_body, /^مرحبا،/);
  assert.doesNotMatch(mail.text_body, /خديجة/);
  const link = new URL(/https?:\/\/\S+\/ar\/account\/verify\?token=\S+/.exec(mail.text_body)![0]);

  // opening the link (on this test server's address) confirms the address and signs in
  await Promise.all([page.waitForURL((u) => u.pathname === '/ar/account'), page.goto(link.pathname + link.search)]);
  assert.equal(await textOf(page, '.flash'), 'تم تأكيد عنوان بريدك الإلكتروني، وحسابك مفعل.');

  assert.equal(await textOf(page, 'h1'), 'فضائي');
  assert.match(await textOf(page, 'main'), /عنوان بريدك الإلكتروني مؤكد/);
  assert.equal(await page.getByLabel('الاسم (أو اسم الجمعية)').inputValue(), 'خديجة');
  assert.equal(await page.getByLabel('الجنس').inputValue(), 'female');
  const user = await database.db.selectFrom('app_user').select(['email_verified_at', 'locale']).where('email', '=', email).executeTakeFirstOrThrow();
  assert.ok(user.email_verified_at);
  assert.equal(user.locale, 'ar');
});

// axe-core needs JavaScript (its checks run on timers); the pages have no scripts of their own.
test('the account pages have no serious accessibility problems (axe-core)', async (t) => {
  const { page } = await start(t, { ...phone, locale: 'ar-MA' });
  const found: Record<string, unknown> = {};
  const check = async (url: string) => {
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, url);
    const problems = await seriousA11yProblems(page);
    if (problems.length) found[url] = problems;
  };
  for (const url of ['/ar/account/signup', '/ar/account/check-email', '/fr/account/login', '/ar/account/forgot-password', '/ar/account/privacy']) await check(url);

  await page.goto('/ar/account/signup');
  await page.getByLabel('البريد الإلكتروني').fill('axe@example.ma');
  await page.getByLabel('كلمة المرور').fill('كلمة-سر-طويلة-2025');
  await page.getByLabel('الاسم (أو اسم الجمعية)').fill('مواطن');
  await Promise.all([page.waitForURL('**/ar/account/check-email'), page.getByRole('button', { name: 'إنشاء الحساب' }).click()]);
  await page.goto('/ar/account/login');
  await page.getByLabel('البريد الإلكتروني').fill('axe@example.ma');
  await page.getByLabel('كلمة المرور').fill('كلمة-سر-طويلة-2025');
  await Promise.all([page.waitForURL((u) => u.pathname === '/ar/account'), page.locator('main form button[type="submit"]', { hasText: 'تسجيل الدخول' }).click()]);
  for (const url of ['/ar/account', '/ar/account/verify-email', '/ar/account/delete']) await check(url);
  assert.deepEqual(found, {}, JSON.stringify(found, null, 2));
});
