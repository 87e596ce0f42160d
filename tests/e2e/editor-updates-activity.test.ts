// A focal point moves an activity's end date in the back office; citizens see the new date and
// the change in the public history, in Arabic and in French. With and without JavaScript.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createStaff } from '../helpers/app.ts';
import { closeBrowser, documentActivity, logIn, start, textOf } from './browser.ts';

after(closeBrowser);

for (const javaScriptEnabled of [false, true]) {
  test(`editor updates an activity's end date and citizens see it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async (t) => {
    const { page, database } = await start(t, { locale: 'ar-MA', javaScriptEnabled });
    await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
    const activity = await documentActivity(database, 3, 2);
    assert.equal(activity.end_date, '2024-12-31');
    const publicAr = `/ar/c/settat/programme/activities/${activity.id}`;

    // before: the citizen's page shows the adopted date and no change yet
    await page.goto(publicAr);
    assert.match(await textOf(page, 'dl.facts'), /31 دجنبر 2024/);
    assert.match(await textOf(page, 'section[aria-labelledby="history"]'), /لا يوجد أي تعديل منذ المصادقة/);

    // the focal point signs in (the back office is in Arabic by default)
    await logIn(page, 'focal@settat.ma');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.getByRole('link', { name: 'جماعة سطات' }).click();
    await page.waitForURL('**/admin/c/settat');

    // the activity's row in the overview, then its edit link
    const row = page.locator('tr', { hasText: activity.title_ar });
    assert.equal(await row.count(), 1);
    await Promise.all([page.waitForURL(`**/admin/c/settat/activities/${activity.id}`), row.getByRole('link', { name: 'تعديل' }).click()]);
    const endDate = page.getByLabel('تاريخ الانتهاء', { exact: true });
    assert.equal(await endDate.inputValue(), '2024-12-31');
    await endDate.fill('2025-06-30');
    await Promise.all([page.waitForURL('**/admin/c/settat'), page.getByRole('button', { name: 'حفظ' }).click()]);
    assert.equal(await textOf(page, '.flash'), 'تم الحفظ.');
    assert.equal(await page.locator('.flash').getAttribute('role'), 'status');
    // the overview lists the new end date
    assert.match(await row.innerText(), /30 يونيو 2025/);
    // the message is shown once
    await page.reload();
    assert.equal(await page.locator('.flash').count(), 0);

    // the citizen's Arabic page: new date, and the change in the history (old ← new in Arabic: the arrow points the reading direction)
    await page.goto(publicAr);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    const facts = await textOf(page, 'dl.facts');
    assert.match(facts, /30 يونيو 2025/);
    assert.doesNotMatch(facts, /31 دجنبر 2024/);
    assert.equal(await page.locator('dl.facts time').nth(1).getAttribute('datetime'), '2025-06-30');
    const history = page.locator('ol.history > li');
    assert.equal(await history.count(), 1);
    const entry = (await history.first().innerText()).replace(/\s+/g, ' ');
    assert.match(entry, /عدله: /);
    assert.match(entry, /تاريخ الانتهاء 31 دجنبر 2024 ← 30 يونيو 2025/);
    assert.equal(await history.first().locator('del').innerText(), '31 دجنبر 2024');
    assert.equal(await history.first().locator('ins').innerText(), '30 يونيو 2025');
    // nothing else was recorded as changed by posting the form back unchanged
    assert.equal(await history.first().locator('ul > li').count(), 1, entry);

    // the French page
    await page.goto(`/fr/c/settat/programme/activities/${activity.id}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.match(await textOf(page, 'dl.facts'), /30 juin 2025/);
    assert.match((await history.first().innerText()).replace(/\s+/g, ' '), /Date de fin 31 décembre 2024 → 30 juin 2025/);

    // and the programme matrix (served from the page cache) shows the new date too
    await page.goto('/ar/c/settat/programme');
    const item = page.locator('li.activity', { hasText: activity.title_ar });
    assert.match((await item.innerText()).replace(/\s+/g, ' '), /30 يونيو 2025/);
  });
}
