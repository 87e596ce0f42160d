import { after, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { closeBrowser, start } from './browser.ts';
after(closeBrowser);
for (const js of [false, true]) for (const vp of [{ width: 360, height: 780 }, { width: 1280, height: 900 }])
test(`probe js=${js} ${vp.width}`, async (t) => {
  const { page } = await start(t, { viewport: vp, javaScriptEnabled: js });
  for (const url of ['/ar/c/settat/programme', '/ar/c/settat/programme/projects/1', '/admin/login', '/fr/c/settat/programme', '/ar/c/settat/programme/activities/1']) {
    await page.goto(url);
    const r = await new AxeBuilder({ page }).analyze();
    console.log(url, 'sw', await page.evaluate(() => document.documentElement.scrollWidth));
    for (const v of r.violations) console.log('  ', v.impact, v.id, v.help, v.nodes.length, v.nodes.slice(0,3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary?.replace(/\n/g,' | ')).join('\n      '));
  }
});
