// Chefchaouen's focal point finds a Settat project in the library of practices (searched in
// Arabic) and reuses it in Chefchaouen's draft programme, on a phone, in Arabic, without
// JavaScript; the Settat project's page moves from "no collectivity reused it" to one, and the
// copy's page in the back office is the draft's.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { collectivityId, createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ar-MA', javaScriptEnabled: false };

test('a focal point reuses a Settat project in a draft and the origin counts it', async (t) => {
  const { page, database, context, base } = await start(t, PHONE);
  const db = database.db;
  const settat = await collectivityId(database, 'settat');
  const chefchaouen = await collectivityId(database, 'chefchaouen');
  await createStaff(database, 'focal@chefchaouen.ma', 'focal_point', 'chefchaouen');
  // the next period, whatever the year the test runs in
  const next = Number(new Date().toISOString().slice(0, 4)) + 1;
  const draft = await db
    .insertInto('programme')
    .values({ collectivity_id: chefchaouen, title_ar: 'برنامج العمل المقبل', start_year: next, end_year: next + 5, status: 'draft', created_at: new Date().toISOString(), is_current: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const origin = await db
    .selectFrom('project as p')
    .innerJoin('programme as g', 'g.id', 'p.programme_id')
    .select(['p.id', 'p.title_ar'])
    .where('p.collectivity_id', '=', settat)
    .where('g.is_current', '=', 1)
    .where('p.number', '=', 3)
    .executeTakeFirstOrThrow();
  const reusedBy = async () => Number((await db.selectFrom('project').select((eb) => eb.fn.count('collectivity_id').distinct().as('n')).where('origin_project_id', '=', origin.id).where('collectivity_id', '<>', settat).executeTakeFirstOrThrow()).n);
  assert.equal(await reusedBy(), 0);

  await page.goto('/ar/c/settat/programme/projects/3');
  assert.match(await textOf(page, 'section.reuse'), /لم تُعِد أي جماعة استعمال هذا المشروع بعد/);

  await logIn(page, 'focal@chefchaouen.ma', { lang: 'ar' });
  // the library, searched in Arabic, at 360 px: nothing wider than the screen
  await page.goto('/ar/network/practices');
  await page.locator('#filter-q').fill('الرقمنة');
  await Promise.all([page.waitForURL(/q=/), page.locator('form.filters button[type="submit"]').click()]);
  const row = page.locator(`#practice-${origin.id}`);
  assert.match(await row.innerText(), new RegExp(origin.title_ar.slice(0, 12)));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/library-ar-360.png`, fullPage: true });
  // the accessibility checker runs in the page: a context with JavaScript, on the same page
  const checker = await context.browser()!.newContext({ ...PHONE, javaScriptEnabled: true, baseURL: base });
  const a11y = await checker.newPage();
  await a11y.goto(page.url());
  assert.deepEqual(await seriousA11yProblems(a11y), []);
  await checker.close();

  await Promise.all([page.waitForURL(/\/admin\/c\/chefchaouen\/practices\/\d+\/reuse$/), row.getByRole('link', { name: 'إعادة الاستعمال في برنامجي' }).click()]);
  await page.locator('select[name="target"]').selectOption(`${draft.id}:new`);
  await Promise.all([page.waitForURL(/\/admin\/c\/chefchaouen\/programmes\/\d+\/projects\/\d+/), page.getByRole('button', { name: 'نسخ المشروع' }).click()]);
  assert.match(await page.content(), /تم نسخ المشروع في برنامجكم قيد الإعداد/);
  assert.equal(await reusedBy(), 1);

  await page.goto('/ar/c/settat/programme/projects/3');
  assert.match(await textOf(page, 'section.reuse'), /أعادت جماعة واحدة استعماله/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
});
