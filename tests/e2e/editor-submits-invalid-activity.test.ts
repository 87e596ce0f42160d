// A focal point, in French, types an end date before the start and a progress of 150 %. The
// browser's own checks stop the out-of-range progress; when they are bypassed, the server sends
// the same form back with a French message on each wrong field and the typed values kept, and
// nothing reaches the public page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createStaff } from '../helpers/app.ts';
import { closeBrowser, documentActivity, logIn, settatActivity, start, textOf } from './browser.ts';

after(closeBrowser);

const fr = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/platform/locales/fr.json'), 'utf8')) as { errors: Record<string, string> };

test('editor submits an invalid activity and gets the form back with French messages', async (t) => {
  const { page, database } = await start(t, { locale: 'fr-MA', javaScriptEnabled: false });
  await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
  const activity = await documentActivity(database, 3, 2);
  const editUrl = `/admin/c/settat/activities/${activity.id}`;

  await logIn(page, 'focal@settat.ma', { lang: 'fr' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await page.goto('/admin/c/settat');
  const row = page.locator('tr', { hasText: activity.title_fr! });
  await Promise.all([page.waitForURL(`**${editUrl}`), row.getByRole('link', { name: 'Modifier' }).click()]);

  const start_ = page.getByLabel('Date de début', { exact: true });
  const end = page.getByLabel('Date de fin', { exact: true });
  const progress = page.getByLabel('Avancement (%)', { exact: true });
  assert.equal(await start_.inputValue(), '2024-01-01');
  await end.fill('2023-06-30');
  await progress.fill('150');

  // the browser refuses 150 by itself (max="100" comes from the server's schema): nothing is sent
  let posted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST') posted++;
  });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  assert.equal(await progress.getAttribute('max'), '100');
  assert.equal(await progress.evaluate((el: HTMLInputElement) => el.validity.rangeOverflow), true);
  assert.equal(posted, 0);
  assert.equal(new URL(page.url()).pathname, editUrl);

  // a browser that does not check (or a person who bypasses it): the server checks again
  await page.locator(`form[action="${editUrl}"]`).evaluate((form: HTMLFormElement) => {
    form.noValidate = true;
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === editUrl),
    page.getByRole('button', { name: 'Enregistrer' }).click(),
  ]);
  assert.equal(response.status(), 400);
  await page.waitForLoadState();
  assert.equal(new URL(page.url()).pathname, editUrl);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');

  // the summary, and one French message on each wrong field, tied to it for screen readers
  assert.equal(await textOf(page, '.errors-summary'), fr.errors.formInvalid);
  assert.equal(await page.locator('.errors-summary').getAttribute('role'), 'alert');
  assert.equal(await textOf(page, '#f-end_date-error'), fr.errors.endBeforeStart);
  assert.equal(await textOf(page, '#f-progress-error'), fr.errors.progressRange);
  assert.equal(await page.locator('p.error').count(), 2);
  for (const [field, input] of [['end_date', end], ['progress', progress]] as const) {
    assert.equal(await input.getAttribute('aria-invalid'), 'true', field);
    assert.equal(await input.getAttribute('aria-describedby'), `f-${field}-error`, field);
  }
  assert.equal(await start_.getAttribute('aria-invalid'), null);

  // what was typed is kept, and so is the rest of the form
  assert.equal(await end.inputValue(), '2023-06-30');
  assert.equal(await progress.inputValue(), '150');
  assert.equal(await start_.inputValue(), '2024-01-01');
  assert.equal(await page.locator('#f-title_ar').inputValue(), activity.title_ar);
  assert.equal(await page.locator('#f-title_fr').inputValue(), activity.title_fr);

  // nothing was saved: the citizen's page is unchanged
  const row2 = await settatActivity(database, 3, 2);
  assert.deepEqual([row2.end_date, row2.progress], [activity.end_date, activity.progress]);
  const check = await page.context().newPage();
  await check.goto(`/fr/c/settat/programme/activities/${activity.id}`);
  const facts = await textOf(check, 'dl.facts');
  assert.match(facts, /31 décembre 2024/);
  assert.doesNotMatch(facts, /2023/);
  assert.match(await textOf(check, 'section[aria-labelledby="history"]'), /Aucune modification depuis l'adoption/);

  // corrected, the same form saves
  await end.fill('2025-06-30');
  await progress.fill('40');
  await Promise.all([page.waitForURL('**/admin/c/settat'), page.getByRole('button', { name: 'Enregistrer' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'Enregistré.');
  await check.reload();
  assert.match(await textOf(check, 'dl.facts'), /30 juin 2025/);
});
