// A citizen reads Settat's programme on a small phone, in Arabic, without JavaScript; switches
// to French; and the pages pass the automatic accessibility checks (axe-core).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { collectivityId } from '../helpers/app.ts';
import { closeBrowser, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('citizen reads the programme on a phone in Arabic and switches to French', async (t) => {
  const { page, database } = await start(t, { ...phone, locale: 'ar-MA', javaScriptEnabled: false });
  const cid = await collectivityId(database, 'settat');
  const activities = await database.db
    .selectFrom('activity')
    .innerJoin('project', 'project.id', 'activity.project_id')
    .select(['activity.title_ar', 'activity.title_fr'])
    .where('activity.collectivity_id', '=', cid)
    .orderBy('project.number')
    .orderBy('activity.number')
    .execute();
  assert.equal(activities.length, 12);

  const res = await page.goto('/ar/c/settat/programme');
  assert.equal(res?.status(), 200);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  // nothing wider than the screen: no sideways scrolling
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok((await width()) <= 360, `page is ${await width()}px wide`);

  // the twelve activities are there and visible, in the document's order, with their dates
  const items = page.locator('li.activity');
  assert.equal(await items.count(), 12);
  for (let i = 0; i < 12; i++) {
    const item = items.nth(i);
    await item.scrollIntoViewIfNeeded();
    assert.ok(await item.isVisible(), `activity ${i + 1} is visible`);
    const heading = item.locator('h4 a');
    assert.ok(await heading.isVisible());
    assert.ok((await heading.innerText()).includes(activities[i].title_ar), `activity ${i + 1}: ${activities[i].title_ar}`);
    const box = await item.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `activity ${i + 1} fits the screen: ${JSON.stringify(box)}`);
  }
  assert.match(await textOf(page, 'li.activity'), /1 يناير 2024/);

  // the language switcher goes to the same page in French
  const fr = page.getByRole('navigation', { name: 'اللغة' }).getByRole('link', { name: 'Français' });
  assert.equal(await fr.getAttribute('href'), '/fr/c/settat/programme');
  await Promise.all([page.waitForURL('**/fr/c/settat/programme'), fr.click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  assert.equal(await textOf(page, '#axis-1'), 'Axe 1: Budget participatif');
  const frTitles = await page.locator('li.activity h4').allInnerTexts();
  assert.equal(frTitles.length, 12);
  frTitles.forEach((title, i) => assert.ok(title.includes(activities[i].title_fr!), `${title} / ${activities[i].title_fr}`));
  assert.doesNotMatch(await textOf(page, 'main'), /المحور 1/);
  assert.ok((await width()) <= 360, `French page is ${await width()}px wide`);
  // and back to Arabic from the French page
  await Promise.all([page.waitForURL('**/ar/c/settat/programme'), page.getByRole('link', { name: 'العربية' }).click()]);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
});

test('citizen opens a project card and an activity on a phone without sideways scrolling', async (t) => {
  const { page } = await start(t, { ...phone, locale: 'ar-MA', javaScriptEnabled: false });
  await page.goto('/ar/c/settat/programme');
  await Promise.all([page.waitForURL('**/programme/projects/2'), page.locator('#project-2 a').click()]);
  assert.match(await textOf(page, 'h1'), /بطاقة المشروع 2/);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
  await Promise.all([page.waitForURL('**/programme/activities/*'), page.locator('ol.activities-list a').first().click()]);
  assert.match(await textOf(page, 'h1'), /النشاط 1/);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
});

// axe-core runs its checks with timers, which never fire in a page whose scripts are disabled:
// it is run with JavaScript on. The pages have no scripts of their own, so they are the same.
test('citizen pages and the login page have no serious accessibility problems (axe-core)', async (t) => {
  const { page } = await start(t, { ...phone, locale: 'ar-MA' });
  const found: Record<string, unknown> = {};
  for (const url of ['/ar/c/settat/programme', '/ar/c/settat/programme/projects/1', '/admin/login']) {
    const res = await page.goto(url);
    assert.equal(res?.status(), 200, url);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl', url);
    const problems = await seriousA11yProblems(page);
    if (problems.length) found[url] = problems;
  }
  assert.deepEqual(found, {}, JSON.stringify(found, null, 2));
});
