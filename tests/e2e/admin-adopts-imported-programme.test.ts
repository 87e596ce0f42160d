// An administrator imports the next programme (2026–2027) on a phone, corrects an activity of the
// draft at the draft's own back-office URL, adopts it with the council's
// session and date, and the 2024–2025 programme stays readable at its own URL, with an activity's
// progress note and evidence; the old short link to that activity leads there. In Arabic and in
// French, 360 px wide, without JavaScript.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { collectivityId, createStaff } from '../helpers/app.ts';
import { browser, closeBrowser, logIn, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const nextCycle = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settat-matrix.tsv'), 'utf8').replaceAll('2024/', '2026/').replaceAll('2025/', '2027/');

const words = {
  ar: { corrected: 'نشر دعامات رقمية مصححة', preview: 'معاينة', adopt: 'المصادقة على هذا البرنامج', session: 'دورة أكتوبر 2025', notCurrent: /ليس البرنامج الحالي/, adopted: /صودق على البرنامج/ },
  fr: { corrected: 'Supports numériques corrigés', preview: 'Prévisualiser', adopt: 'Adopter ce programme', session: "Session d'octobre 2025", notCurrent: /pas le programme actuel/, adopted: /programme est adopté/ },
} as const;

for (const locale of ['ar', 'fr'] as const) {
  test(`admin imports the next programme, adopts it, and the 2024–2025 one stays readable (${locale})`, async (t) => {
    const w = words[locale];
    const { page, database, base } = await start(t, { ...phone, locale: locale === 'ar' ? 'ar-MA' : 'fr-MA', javaScriptEnabled: false });
    await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat');
    // activity 1 has a progress note with a PDF report as evidence
    const db = database.db;
    const cid = await collectivityId(database, 'settat');
    const at = new Date().toISOString();
    const pdf = Buffer.from('%PDF-1.4\n% report\n');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const { programme_id } = await db.selectFrom('activity').select('programme_id').where('id', '=', 1).executeTakeFirstOrThrow();
    const note = await db
      .insertInto('progress_note')
      .values({ collectivity_id: cid, programme_id, activity_id: 1, noted_on: '2024-06-01', progress: null, status: null, author_user_id: null, created_at: at, body_ar: 'نشرت المواد الأولى', body_fr: 'Premiers supports publiés', body_en: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('evidence_file').values({ collectivity_id: cid, note_id: note.id, sha256: sha, size: pdf.length, mime: 'application/pdf', original_name: 'rapport.pdf', content: pdf, created_at: at }).execute();

    await logIn(page, 'admin@settat.ma', { lang: locale });
    await page.goto('/admin/c/settat/import');
    await page.locator('textarea[name="text"]').fill(nextCycle);
    await Promise.all([page.waitForURL('**/import/preview'), page.getByRole('button', { name: w.preview }).click()]);
    await Promise.all([page.waitForURL(/\/admin\/c\/settat\/import\/\d+$/), page.locator('form[action="/admin/c/settat/import"] button[type="submit"]').click()]);

    const review = page.url();
    const id = Number(/\/import\/(\d+)$/.exec(review)![1]);

    // the draft is not public yet
    assert.equal((await page.request.get(`/${locale}/c/settat/programmes/2026-2027`)).status(), 404);

    // its parts are corrected at its own URL, from the list of programmes
    await page.goto('/admin/c/settat/programmes');
    await Promise.all([page.waitForURL(`**/admin/c/settat/programmes/${id}`), page.locator(`a[href="/admin/c/settat/programmes/${id}"]`).first().click()]);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
    const edit = page.locator(`a[href^="/admin/c/settat/programmes/${id}/activities/"]:not([href$="/new"])`).first();
    const activityId = Number(/(\d+)$/.exec((await edit.getAttribute('href'))!)![1]);
    await Promise.all([page.waitForURL(`**/programmes/${id}/activities/${activityId}`), edit.click()]);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
    await page.locator(`input[name="title_${locale}"]`).fill(w.corrected);
    await Promise.all([
      page.waitForURL(`**/admin/c/settat/programmes/${id}`),
      page.locator(`form[action="/admin/c/settat/programmes/${id}/activities/${activityId}"] button[type="submit"]`).click(),
    ]);
    assert.equal((await page.request.get(`/${locale}/c/settat/programmes/2026-2027`)).status(), 404);
    await page.goto(review);

    await Promise.all([page.waitForURL(/\/programmes\/\d+\/adopt$/), page.getByRole('link', { name: w.adopt }).click()]);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
    await page.locator(`input[name="adoption_session_${locale}"]`).fill(w.session);
    await page.locator('input[name="adoption_date"]').fill('2025-10-07');
    await Promise.all([page.waitForURL('**/admin/c/settat/programmes'), page.locator('form[action$="/adopt"] button[type="submit"]').click()]);
    assert.match(await textOf(page, '.flash'), w.adopted);

    // the correction is public with the programme
    await page.goto(`/${locale}/c/settat/programme/activities/${activityId}`);
    assert.match(await textOf(page, 'h1'), new RegExp(w.corrected));

    // the old short link leads to the activity in its own programme, still with its evidence
    await page.goto(`/${locale}/c/settat/programme/activities/1`);
    assert.equal(new URL(page.url()).pathname, `/${locale}/c/settat/programmes/2024-2025/activities/1`);
    assert.equal(await page.locator('html').getAttribute('dir'), locale === 'ar' ? 'rtl' : 'ltr');
    assert.match(await textOf(page, 'p.notice'), w.notCurrent);
    assert.equal(await page.locator(`a[href="/c/settat/evidence/${sha}"]`).count(), 1);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);

    // the current programme link on that page goes to the new programme
    await Promise.all([page.waitForURL(`**/${locale}/c/settat/programme`), page.locator('p.notice a').click()]);
    assert.match(await textOf(page, 'h1'), /2026/);
    // and the list of programmes shows both
    await page.goto(`/${locale}/c/settat/programmes`);
    assert.equal(await page.locator('ul.programmes > li').count(), 2);

    // axe-core needs timers, so scripts on (the pages have none of their own)
    const withScripts = await (await browser()).newContext({ baseURL: base, ...phone });
    t.after(() => withScripts.close());
    const axePage = await withScripts.newPage();
    for (const url of [`/${locale}/c/settat/programmes/2024-2025/activities/1`, `/${locale}/c/settat/programmes`, `/${locale}/c/settat/programmes/2024-2025`]) {
      assert.equal((await axePage.goto(url))?.status(), 200, url);
      assert.deepEqual(await seriousA11yProblems(axePage), [], url);
    }
  });
}
