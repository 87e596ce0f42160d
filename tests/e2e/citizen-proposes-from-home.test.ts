// A citizen starts at the collectivity's home, finds the open call under "open now", proposes an
// idea, and finds it in "my space" — in Arabic (RTL) and in French, at 360 px, JavaScript off.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { TEST_PASSWORD, collectivityId } from '../helpers/app.ts';
import { closeBrowser, start, textOf } from './browser.ts';

after(closeBrowser);

const cases = [
  { locale: 'ar', email: 'salma@example.ma', openNow: 'مفتوح الآن', call: 'طلب اقتراحات الأحياء', propose: 'اقترح فكرة', title: 'ممرات آمنة قرب المدارس', check: 'متابعة', publish: 'نشر الاقتراح', mine: 'اقتراحاتي', status: 'مقدم' },
  { locale: 'fr', email: 'youssef@example.ma', openNow: 'Ouvert en ce moment', call: 'Appel à propositions des quartiers', propose: 'Proposer une idée', title: 'Des passages sûrs près des écoles', check: 'Continuer', publish: 'Publier la proposition', mine: 'Mes propositions', status: 'Déposée' },
] as const;

for (const c of cases) {
  test(`citizen goes from the home to an open call, proposes, and finds it in my space (${c.locale}, 360 px)`, async (t) => {
    const { page, database } = await start(t, { viewport: { width: 360, height: 780 }, locale: c.locale === 'ar' ? 'ar-MA' : 'fr-MA', javaScriptEnabled: false });
    const db = database.db;
    const settatId = await collectivityId(database, 'settat');
    const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
    await db
      .insertInto('call_for_proposals')
      .values({
        collectivity_id: settatId, programme_id: programme.id,
        opens_at: new Date(Date.now() - 86_400_000).toISOString(), closes_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        channels: 'online', published_at: new Date().toISOString(),
        title_ar: 'طلب اقتراحات الأحياء', title_fr: 'Appel à propositions des quartiers', title_en: null, body_ar: null, body_fr: null, body_en: null,
      })
      .execute();
    const user = await upsertUser(db, { email: c.email, password: TEST_PASSWORD, displayName: 'Citoyen' });
    await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString(), locale: c.locale }).where('id', '=', user.id).execute();

    // the home: the call is under "open now"
    await page.goto(`/${c.locale}/c/settat`);
    assert.equal(await page.locator('html').getAttribute('dir'), c.locale === 'ar' ? 'rtl' : 'ltr');
    assert.equal(await textOf(page, '#open-now'), c.openNow);
    const noSideScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(noSideScroll, 'the home fits a 360 px screen');
    await Promise.all([page.waitForURL(/\/announcements\/\d+$/), page.getByRole('link', { name: c.call }).first().click()]);

    // the call's notice: propose; not signed in yet, so the login page, then back to the form
    await Promise.all([page.waitForURL(/\/account\/login\?next=/), page.getByRole('link', { name: c.propose }).click()]);
    await page.locator('input[name="email"]').fill(c.email);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(new RegExp(`/${c.locale}/c/settat/proposals/new\\?call=\\d+$`)), page.locator('main form button[type="submit"]').click()]);
    assert.match(await textOf(page, 'main'), new RegExp(c.call));

    await page.locator('input[name="title"]').fill(c.title);
    await page.locator('textarea[name="body"]').fill(c.locale === 'ar' ? 'ممرات مشاة محمية أمام المدارس الابتدائية.' : 'Des passages piétons protégés devant les écoles primaires.');
    await page.locator('select[name="axis_id"]').selectOption({ index: 1 });
    await page.getByRole('button', { name: c.check }).click();
    await Promise.all([page.waitForURL(/\/proposals\/\d+$/), page.getByRole('button', { name: c.publish }).click()]);
    assert.equal(await textOf(page, 'h1'), c.title);
    assert.match(await textOf(page, '.byline'), /Citoyen/); // the author's public name

    // my space lists it with its status, and links back
    await page.goto(`/${c.locale}/account`);
    const section = page.locator('section[aria-labelledby="my-proposals"]');
    assert.equal(await textOf(page, '#my-proposals'), c.mine);
    assert.match((await section.innerText()).replace(/\s+/g, ' '), new RegExp(`${c.title}.*${c.status}`));
    await Promise.all([page.waitForURL(/\/proposals\/\d+$/), section.getByRole('link', { name: c.title }).click()]);
    assert.equal(await textOf(page, 'h1'), c.title);
  });
}
