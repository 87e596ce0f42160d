// A citizen signs up, verifies through the mail, proposes an idea in Arabic during an open call,
// is shown similar proposals, publishes; staff answer; she reads the answer and follows the link
// to the project it fed. JavaScript off, phone width.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { collectivityId, createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, start, textOf } from './browser.ts';

after(closeBrowser);

test('citizen submits a proposal in Arabic, sees similar ones, and later reads the answer', async (t) => {
  const { page, database, context } = await start(t, { viewport: { width: 360, height: 780 }, locale: 'ar-MA', javaScriptEnabled: false });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  await db
    .insertInto('call_for_proposals')
    .values({
      collectivity_id: settatId, programme_id: programme.id,
      opens_at: new Date(Date.now() - 86_400_000).toISOString(), closes_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      channels: 'online', published_at: new Date().toISOString(),
      title_ar: 'طلب اقتراحات لبرنامج الانفتاح المقبل', title_fr: null, title_en: null, body_ar: null, body_fr: null, body_en: null,
    })
    .execute();

  // sign up and verify through the mail
  const email = 'amina@example.ma';
  const password = 'كلمة-سر-طويلة-للمقترح-2026';
  await page.goto('/ar/account/signup');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill(password);
  await page.getByLabel('الاسم (أو اسم الجمعية)').fill('أمينة');
  await Promise.all([page.waitForURL('**/ar/account/check-email'), page.getByRole('button', { name: 'إنشاء الحساب' }).click()]);
  const mail = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
  const link = new URL(/https?:\/\/\S+\/ar\/account\/verify\?token=\S+/.exec(mail.text_body)![0]);
  // the link signs her in
  await Promise.all([page.waitForURL((u) => u.pathname === '/ar/account'), page.goto(link.pathname + link.search)]);

  // propose: from the proposals list, with a title close to an existing one
  await page.goto('/ar/c/settat/proposals');
  await Promise.all([page.waitForURL('**/proposals/new'), page.getByRole('link', { name: 'اقترح فكرة' }).click()]);
  assert.match(await textOf(page, 'main'), /طلب اقتراحات لبرنامج الانفتاح المقبل/);
  await page.getByLabel('العنوان').fill('رقمنة وثائق الحالة المدنية في المقاطعات');
  await page.getByLabel('النص').fill('أقترح أن يطلب السكان عقود الازدياد عبر الإنترنت ويتسلموها في أقرب مقاطعة.');
  await page.getByLabel('المحور').selectOption({ label: 'المحور 3: الرقمنة' });
  await page.getByRole('button', { name: 'متابعة' }).click();
  assert.equal(await textOf(page, '#similar'), 'اقتراحات مشابهة موجودة');
  assert.match(await textOf(page, 'section.notice'), /طلب وثائق الحالة المدنية عن بعد/);
  // the values are kept; publish
  assert.equal(await page.getByLabel('العنوان').inputValue(), 'رقمنة وثائق الحالة المدنية في المقاطعات');
  await Promise.all([page.waitForURL(/\/ar\/c\/settat\/proposals\/\d+$/), page.getByRole('button', { name: 'نشر الاقتراح' }).click()]);
  assert.match(await textOf(page, '.flash'), /تم نشر اقتراحك/);
  assert.equal(await textOf(page, 'h1'), 'رقمنة وثائق الحالة المدنية في المقاطعات');
  const proposalUrl = new URL(page.url()).pathname;
  const id = Number(proposalUrl.split('/').pop());

  // staff answer in another browser context: retained into project 3
  await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
  const staff = await context.browser()!.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: false });
  t.after(() => staff.close());
  const staffPage = await staff.newPage();
  await logIn(staffPage, 'focal@settat.ma');
  await staffPage.goto(`/admin/c/settat/proposals/${id}`);
  await staffPage.locator('select[name="status"]').selectOption('retained');
  await staffPage.locator('textarea[name="answer_ar"]').fill('شكرا لك، أدرجت فكرتك في مشروع تعميم الرقمنة.');
  await staffPage.locator('select[name="project_id"]').selectOption({ index: 3 });
  await Promise.all([staffPage.waitForURL('**/admin/c/settat/cocreation'), staffPage.locator('main form button[type="submit"]').click()]);

  // the author is told by mail, and reads the answer and the link to the project
  const answerMail = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.match(answerMail.subject, /رد على اقتراحك/);
  await page.goto(proposalUrl);
  assert.match(await textOf(page, '#trail + ol'), /مقبول/);
  assert.match(await textOf(page, 'main'), /أدرجت فكرتك في مشروع تعميم الرقمنة/);
  await Promise.all([page.waitForURL('**/programme/projects/3'), page.locator('section[aria-labelledby="became"] a').first().click()]);
  assert.match(await textOf(page, 'h1'), /بطاقة المشروع 3/);
  assert.match(await textOf(page, 'main'), /رقمنة وثائق الحالة المدنية في المقاطعات/);
});
