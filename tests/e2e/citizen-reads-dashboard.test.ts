// A citizen opens Settat's programme dashboard on a small phone, in Arabic, without JavaScript:
// progress, the Gantt timeline of each project with its table, late activities and indicators
// are all there, and nothing scrolls sideways; then French. axe-core finds no serious problem.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, seriousA11yProblems, start, textOf } from './browser.ts';
import { collectivityId, createStaff } from '../helpers/app.ts';
import { currentProgramme } from '../../src/modules/programme/manifest.ts';
import { publishReport, startReport } from '../../src/modules/evaluation/commands/reports.ts';

after(closeBrowser);

const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('citizen reads the programme dashboard on a phone in Arabic, then in French', async (t) => {
  const { page } = await start(t, { ...phone, locale: 'ar-MA', javaScriptEnabled: false });
  // from the collectivity's home, as a citizen would
  await page.goto('/ar/c/settat');
  await Promise.all([page.waitForURL('**/ar/c/settat/dashboard'), page.getByRole('link', { name: 'لوحة قيادة البرنامج' }).first().click()]);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await textOf(page, 'h1'), 'لوحة قيادة البرنامج');
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok((await width()) <= 360, `page is ${await width()}px wide`);

  // overall and per-axis progress
  assert.ok(await page.getByRole('progressbar', { name: 'نسبة الإنجاز الإجمالية' }).isVisible());
  assert.equal(await page.locator('table.axes-progress tbody tr').count(), 4);

  // one Gantt picture per project, inside the screen, named for assistive technology
  const charts = page.getByRole('img');
  const gantts = page.locator('svg.gantt');
  assert.equal(await gantts.count(), 4);
  for (let i = 0; i < 4; i++) {
    const g = gantts.nth(i);
    await g.scrollIntoViewIfNeeded();
    assert.ok(await g.isVisible(), `Gantt ${i + 1} is visible`);
    const box = (await g.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 360 && box.height > 60, `Gantt ${i + 1}: ${JSON.stringify(box)}`);
  }
  assert.ok((await charts.count()) >= 4);
  assert.match(await page.locator('#gantt-1-title').textContent() ?? '', /الجدولة الزمنية لأنشطة المشروع 1/);
  // time runs from right to left: the 2024 label stands to the right of the 2025 one
  const year = (y: string) => page.locator('svg.gantt').first().locator('text', { hasText: y }).boundingBox();
  assert.ok((await year('2024'))!.x > (await year('2025'))!.x);

  // the same data as tables, readable on the phone
  const tables = page.locator('table.gantt-table');
  assert.equal(await tables.count(), 4);
  for (let i = 0; i < 4; i++) {
    await tables.nth(i).scrollIntoViewIfNeeded();
    assert.ok(await tables.nth(i).isVisible());
  }
  assert.equal(await page.locator('table.gantt-table tbody tr').count(), 12);
  // today is after the 2024–2025 programme: the three activities the demo's example progress
  // leaves unfinished (two delayed, one not started) are late
  assert.equal(await page.locator('table.late-table tbody tr').count(), 3);
  await page.locator('table.indicators').scrollIntoViewIfNeeded();
  assert.ok(await page.locator('table.indicators').isVisible());
  assert.ok((await width()) <= 360, `page is ${await width()}px wide after scrolling`);

  // French: time runs left to right
  await Promise.all([page.waitForURL('**/fr/c/settat/dashboard'), page.getByRole('navigation', { name: 'اللغة' }).getByRole('link', { name: 'Français' }).click()]);
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  assert.equal(await textOf(page, 'h1'), 'Tableau de bord du programme');
  assert.ok((await year('2024'))!.x < (await year('2025'))!.x);
  assert.ok((await width()) <= 360, `French page is ${await width()}px wide`);
});

test('the dashboard passes the automatic accessibility checks in Arabic and French', async (t) => {
  // axe-core runs in the page: this context has JavaScript (the pages themselves need none)
  const { page, database } = await start(t, { ...phone, locale: 'ar-MA' });
  // and a published yearly report
  const cid = await collectivityId(database, 'settat');
  const scope = { actor: { userId: await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat'), role: 'focal_point' as const }, collectivityId: cid, programme: (await currentProgramme(database.db, cid))! };
  const draft = await startReport(database.db, scope, 2025, '2026-11-29');
  assert.ok(draft.ok);
  assert.ok((await publishReport(database.db, scope, draft.value, '2026-11-29')).ok);
  const found: Record<string, unknown> = {};
  for (const url of ['/ar/c/settat/dashboard', '/fr/c/settat/dashboard', '/ar/c/settat/programme/cards', '/ar/c/settat/reports/2025', '/fr/c/settat/reports/2025']) {
    assert.equal((await page.goto(url))?.status(), 200);
    const problems = await seriousA11yProblems(page);
    if (problems.length) found[url] = problems;
  }
  assert.deepEqual(found, {}, JSON.stringify(found, null, 2));
  // the report fits the phone too
  await page.goto('/ar/c/settat/reports/2025');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
  assert.match(await textOf(page, 'h1'), /التقرير السنوي لتقييم برنامج الانفتاح 2025/);
});
