// A citizen prints the programme matrix (or saves it as PDF) on A4 paper: the print stylesheet
// hides the site's chrome and keeps every activity.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, start } from './browser.ts';

after(closeBrowser);

/** Page objects of a PDF (`/Type /Page`, not `/Pages`), and the page tree's own count. */
function pdfPages(pdf: Buffer): { objects: number; count: number | null; mediaBoxes: number[][] } {
  const text = pdf.toString('latin1');
  const objects = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  const mediaBoxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  return { objects, count: counts.length ? Math.max(...counts) : null, mediaBoxes };
}

for (const locale of ['ar', 'fr'] as const) {
  test(`citizen prints the ${locale === 'ar' ? 'Arabic' : 'French'} programme to an A4 PDF`, async (t) => {
    const { page } = await start(t, { javaScriptEnabled: false });
    const res = await page.goto(`/${locale}/c/settat/programme`);
    assert.equal(res?.status(), 200);

    // what paper gets: no header, footer or language links; all twelve activities
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.site').isVisible(), false);
    assert.equal(await page.locator('footer.site').isVisible(), false);
    assert.equal(await page.locator('li.activity').count(), 12);
    assert.ok(await page.locator('li.activity').last().isVisible());

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 10_000, `${pdf.length} bytes`);
    const { objects, count, mediaBoxes } = pdfPages(pdf);
    t.diagnostic(`${locale}: ${objects} A4 page(s), ${pdf.length} bytes`);
    assert.ok(objects > 0, 'at least one page');
    if (count !== null) assert.equal(count, objects);
    // twelve activities over four axes: a few pages, not dozens
    assert.ok(objects <= 12, `${objects} pages`);
    // A4 is 595.28 × 841.89 points
    assert.ok(mediaBoxes.length > 0);
    for (const [x0, y0, x1, y1] of mediaBoxes) {
      assert.ok(Math.abs(x1 - x0 - 595.3) < 2 && Math.abs(y1 - y0 - 841.9) < 2, `page size ${[x0, y0, x1, y1]}`);
    }
  });
}
