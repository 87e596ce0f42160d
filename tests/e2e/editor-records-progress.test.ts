// A focal point, in Arabic on a phone-sized screen, records an activity's progress with a PDF
// report; the public activity page shows the note, the new progress and the report, which opens
// as a PDF. A wrong file is refused on the same form with the text kept.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, seriousA11yProblems, settatActivity, start, textOf } from './browser.ts';

after(closeBrowser);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

test('editor records progress with a PDF report and citizens see it on the activity page', async (t) => {
  const { page, database } = await start(t, { locale: 'ar-MA', viewport: { width: 360, height: 780 } });
  await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
  const activity = await settatActivity(database, 1, 1);

  await logIn(page, 'focal@settat.ma');
  await page.goto('/admin/c/settat/tracking');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await Promise.all([
    page.waitForURL(`**/admin/c/settat/tracking/activities/${activity.id}`),
    page.locator('tr', { hasText: activity.title_ar }).getByRole('link').click(),
  ]);

  const body = 'نُشرت ثلاث كبسولات تحسيسية حول الميزانية التشاركية على صفحات الجماعة.';
  await page.getByLabel('تاريخ الملاحظة').fill('2024-06-15');
  await page.getByLabel('العربية').fill(body);
  await page.getByLabel('نسبة الإنجاز الجديدة (%)').fill('40');
  await page.getByLabel('الوضعية الجديدة').selectOption('in_progress');

  // first a file that says it is a PDF but is not: refused, the text stays
  await page.getByLabel('وثائق الإثبات').setInputFiles({ name: 'تقرير.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>not a pdf</body></html>') });
  await page.getByRole('button', { name: 'إضافة الملاحظة' }).click();
  assert.match(await textOf(page, '#f-files-error'), /الملف «تقرير.pdf» ليس من النوع الذي يدل عليه اسمه/);
  assert.equal(await page.getByLabel('العربية').inputValue(), body);
  assert.equal(await page.getByLabel('نسبة الإنجاز الجديدة (%)').inputValue(), '40');

  // then the real report
  await page.getByLabel('وثائق الإثبات').setInputFiles({ name: 'تقرير الإنجاز.pdf', mimeType: 'application/pdf', buffer: PDF });
  await Promise.all([page.waitForURL(`**/admin/c/settat/tracking/activities/${activity.id}`), page.getByRole('button', { name: 'إضافة الملاحظة' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'أضيفت ملاحظة التتبع.');
  assert.deepEqual(await seriousA11yProblems(page), []);
  // nothing wider than the phone's screen
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));

  // the citizen's page
  await page.goto(`/ar/c/settat/programme/activities/${activity.id}`);
  const notes = await textOf(page, 'section.progress-notes');
  assert.match(notes, /15 يونيو 2024/);
  assert.match(notes, /نسبة الإنجاز: 40%/);
  assert.match(notes, /نُشرت ثلاث كبسولات تحسيسية/);
  assert.match(await textOf(page, 'p.state'), /في طور الإنجاز/);
  assert.deepEqual(await seriousA11yProblems(page), []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  const link = page.getByRole('link', { name: 'تقرير الإنجاز.pdf' });
  const href = await link.getAttribute('href');
  assert.match(href!, /^\/c\/settat\/evidence\/[0-9a-f]{64}$/);
  const file = await page.request.get(href!);
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');
  assert.equal(file.headers()['x-content-type-options'], 'nosniff');
  assert.ok((await file.body()).equals(PDF));

  // the same note in French, the Arabic text marked as such
  await page.goto(`/fr/c/settat/programme/activities/${activity.id}`);
  assert.match(await textOf(page, 'section.progress-notes'), /Notes d'avancement.*15 juin 2024.*Avancement : 40 %/);
  assert.equal(await page.locator('section.progress-notes .note-body span[lang="ar"]').count(), 1);
});

test('the indicators the progress feeds read on a 360 px phone in Arabic and French (chart, table, no overflow)', async (t) => {
  const { page } = await start(t, { viewport: { width: 360, height: 780 } });
  for (const url of ['/ar/c/settat/indicators', '/fr/c/settat/indicators', '/ar/c/settat/programme/projects/3']) {
    await page.goto(url);
    assert.ok(await page.locator('article.indicator svg[role="img"]').count() > 0, url);
    assert.deepEqual(await seriousA11yProblems(page), [], url);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), url);
  }
});
