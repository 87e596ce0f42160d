// Takes phone-width and desktop screenshots of the main public pages, in Arabic and French,
// with Debian's Chromium. Usage: start the server, then `node --import tsx scripts/screenshots.ts [BASE_URL] [OUT_DIR]`.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? 'screenshots-out';
const pages = ['/', '/c/settat', '/c/settat/programme', '/c/settat/programme/projects/1', '/c/settat/budgets', '/c/settat/budgets/1'];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [label, viewport] of [['phone', { width: 360, height: 780 }], ['desktop', { width: 1280, height: 900 }]] as const) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false });
  const page = await context.newPage();
  for (const locale of ['ar', 'fr']) {
    for (const path of pages) {
      await page.goto(`${base}/${locale}${path}`);
      const name = `${label}-${locale}${path.replace(/\//g, '_') || '_home'}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
      console.log(`${out}/${name}`);
    }
  }
  await context.close();
}
await browser.close();
