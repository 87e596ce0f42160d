// A citizen prints the project cards (بطاقات المشاريع) on A4: one card per sheet, each card
// whole on its sheet, right to left in Arabic; a single card's page prints on as few sheets.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, start } from './browser.ts';

after(closeBrowser);

/** Page objects of a PDF and their sizes (see citizen-prints-programme). */
function pdfPages(pdf: Buffer): { pages: number; mediaBoxes: number[][] } {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const mediaBoxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  return { pages, mediaBoxes };
}

for (const locale of ['ar', 'fr'] as const) {
  test(`citizen prints every ${locale === 'ar' ? 'Arabic' : 'French'} project card, one A4 sheet each`, async (t) => {
    const { page } = await start(t, { javaScriptEnabled: false });
    const res = await page.goto(`/${locale}/c/settat/programme/cards`);
    assert.equal(res?.status(), 200);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.site').isVisible(), false);
    assert.equal(await page.locator('nav.crumbs').isVisible(), false);
    assert.equal(await page.locator('.print-card').count(), 4);

    // laid out like the document's card: in Arabic the labels stand on the right of their values
    const dir = await page.evaluate(() => getComputedStyle(document.querySelector('.card')!).direction);
    assert.equal(dir, locale === 'ar' ? 'rtl' : 'ltr');
    const label = (await page.locator('.print-card .card .label').first().boundingBox())!;
    const value = (await page.locator('.print-card .card .value').first().boundingBox())!;
    if (locale === 'ar') assert.ok(label.x > value.x, `label at ${label.x}, value at ${value.x}`);
    else assert.ok(label.x < value.x, `label at ${label.x}, value at ${value.x}`);

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const { pages, mediaBoxes } = pdfPages(pdf);
    t.diagnostic(`${locale}: ${pages} A4 page(s), ${pdf.length} bytes`);
    // four cards, each whole on its own sheet: exactly four sheets
    assert.equal(pages, 4);
    for (const [x0, y0, x1, y1] of mediaBoxes) {
      assert.ok(Math.abs(x1 - x0 - 595.3) < 2 && Math.abs(y1 - y0 - 841.9) < 2, `page size ${[x0, y0, x1, y1]}`);
    }
  });
}

test('citizen prints one Arabic project card: the card fits one A4 sheet, without the site around it', async (t) => {
  // the printable width of A4 with 12 mm margins: 186 mm at 96 px per inch
  const { page } = await start(t, { javaScriptEnabled: false, viewport: { width: 703, height: 1031 } });
  await page.goto('/ar/c/settat/programme/projects/2');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('footer.site').isVisible(), false);
  assert.equal(await page.locator('.history').isVisible().catch(() => false), false);
  const card = (await page.locator('.project-card').boundingBox())!;
  t.diagnostic(`project 2's card: ${Math.round(card.height)} px high of 1031`);
  assert.ok(card.y + card.height <= 1031, `the card ends at ${card.y + card.height} px`);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const { pages } = pdfPages(pdf);
  t.diagnostic(`project 2's page: ${pages} A4 page(s)`);
  assert.ok(pages <= 2, `${pages} pages`);
});
