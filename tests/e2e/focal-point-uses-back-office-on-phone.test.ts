// A focal point opens the back office on a 360 px phone: no page is wider than the screen (tables
// become stacked cards, as on the public matrix), in Arabic and in French, without JavaScript.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, start } from './browser.ts';

after(closeBrowser);

test('focal point reads the back office on a 360 px phone without sideways scrolling', async (t) => {
  const { page, database } = await start(t, { viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  await createStaff(database, 'focal@settat.ma', 'focal_point', 'settat');
  await logIn(page, 'focal@settat.ma');
  const widths: string[] = [];
  for (const path of ['/admin/c/settat', '/admin/c/settat/tracking', '/admin/c/settat/team', '/admin/c/settat/budgets', '/admin/c/settat/cocreation', '/admin/c/settat?lang=fr']) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) widths.push(`${path}: ${width}px`);
  }
  await page.goto('/admin/c/settat?lang=ar');
  await page.screenshot({ path: '/tmp/infitah-admin-360.png', fullPage: false });
  assert.deepEqual(widths, []);
  // the edit links of the overview's rows are on screen
  const edit = page.locator('table a', { hasText: 'تعديل' }).first();
  const box = await edit.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `edit link at ${JSON.stringify(box)}`);
});
