// An IEECAG member of Settat drafts an advisory opinion on a phone, in Arabic with JavaScript off,
// and records the commission's adoption and its publication; the focal point transmits it to the
// council and records the council's response, "partly followed", which needs a reason. The public
// register shows the opinion with its trail, and project 2's card shows both its indicators moved
// (opinions submitted to the council; projects in which the council followed an opinion).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { collectivityId, createStaff } from '../helpers/app.ts';
import { isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { closeBrowser, logIn, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ar-MA' };
const SHOTS = process.env.E2E_SCREENSHOTS;
const SUBJECT = 'ولوجية قاعات لقاءات الحوار للنساء المرافقات لأطفالهن';
const REASON = 'أخذ المجلس بتخصيص فضاء للأطفال خلال اللقاءات، وأرجأ تغيير مواعيدها إلى حين استشارة الجمعيات.';

const noSidewaysScroll = async (page: Page) => assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, `no sideways scrolling on ${page.url()}`);

/** The latest value an indicator of project 2's card shows (0 when none yet). */
async function latestOn(page: Page, statement: string): Promise<number> {
  await page.goto('/ar/c/settat/programme/projects/2');
  const line = await page.locator('article.indicator', { hasText: statement }).locator('p.muted').first().innerText();
  return Number(/آخر قيمة: (\d+)/.exec(line)?.[1] ?? '0');
}

test('an IEECAG member drafts an opinion, the commission adopts it, the focal point records "partly followed"; the register and project 2 follow', async (t) => {
  const { page, database, context, base } = await start(t, { ...PHONE, javaScriptEnabled: false });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const shot = async (p: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  await createStaff(database, 'member@settat.ma', 'ieecag_member', 'settat');
  await createStaff(database, 'focal@settat.ma', 'focal_point', 'settat');
  const day = (offset: number) => isoToCasablanca(new Date(Date.now() + offset * 86_400_000).toISOString()).slice(0, 10);
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const project4 = await db.selectFrom('project').select('id').where('programme_id', '=', programme.id).where('number', '=', 4).executeTakeFirstOrThrow();

  const OPINIONS = 'عدد الآراء الاستشارية المقدمة لمجلس الجماعة';
  const PROJECTS = 'عدد المشاريع التي أخذ فيها برأي الهيئة';
  const before = { opinions: await latestOn(page, OPINIONS), projects: await latestOn(page, PROJECTS) };
  await shot(page, '1-project-2-before');

  // the member drafts
  await logIn(page, 'member@settat.ma', { lang: 'ar' });
  await page.goto('/admin/c/settat/ieecag/opinions');
  await Promise.all([page.waitForURL('**/ieecag/opinions/new'), page.getByRole('link', { name: 'صياغة رأي جديد' }).click()]);
  await noSidewaysScroll(page);
  await page.locator('input[name="subject_ar"]').fill(SUBJECT);
  await page.locator('select[name="origin"]').selectOption('council');
  // asked by the council: the day it asked is required — forgotten first, said, nothing saved
  await page.locator('textarea[name="body_ar"]').fill('توصي الهيئة بتخصيص فضاء لاستقبال الأطفال خلال لقاءات الحوار وببرمجتها في أوقات تلائم النساء.');
  await page.locator(`input[name="project_ids"][value="${project4.id}"]`).check();
  await page.getByRole('button', { name: 'حفظ' }).click();
  assert.match(await textOf(page, 'main'), /أدخل تاريخ الطلب: طلب المجلس أو رئيسه هذا الرأي/);
  assert.equal(await page.locator('input[name="subject_ar"]').inputValue(), SUBJECT);
  assert.equal((await db.selectFrom('ieecag_opinion').select('id').where('subject_ar', '=', SUBJECT).execute()).length, 0);
  await page.locator('input[name="requested_on"]').fill(day(-7));
  await Promise.all([page.waitForURL(/\/ieecag\/opinions\/\d+$/), page.getByRole('button', { name: 'حفظ' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'حفظت مسودة الرأي.');
  const opinion = await db.selectFrom('ieecag_opinion').select(['id', 'number', 'year']).where('subject_ar', '=', SUBJECT).executeTakeFirstOrThrow();
  const adminUrl = `/admin/c/settat/ieecag/opinions/${opinion.id}`;
  await shot(page, '2-draft');

  // the commission adopts (today, as the form proposes), then it is published
  await noSidewaysScroll(page);
  await Promise.all([page.waitForURL(`**${adminUrl}`), page.getByRole('button', { name: 'تسجيل المصادقة' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'سجلت مصادقة الهيئة على الرأي.');
  await Promise.all([page.waitForURL(`**${adminUrl}`), page.getByRole('button', { name: 'نشر الرأي' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'نشر الرأي في السجل العمومي.');

  // the focal point, on her own phone, transmits it and records the council's response
  const focal = await context.browser()!.newContext({ ...PHONE, javaScriptEnabled: false, baseURL: base });
  t.after(() => focal.close());
  const fp = await focal.newPage();
  await logIn(fp, 'focal@settat.ma', { lang: 'ar' });
  await fp.goto(adminUrl);
  await Promise.all([fp.waitForURL(`**${adminUrl}`), fp.getByRole('button', { name: 'تسجيل الإحالة' }).click()]);
  assert.equal(await textOf(fp, '.flash'), 'سجلت إحالة الرأي على المجلس.');
  await fp.locator('select[name="response_status"]').selectOption('partly');
  // partly followed without a reason: refused, said on the form
  await fp.getByRole('button', { name: 'تسجيل الجواب' }).click();
  assert.match(await textOf(fp, 'main'), /التعليل إلزامي إذا لم يأخذ المجلس بالرأي أو أخذ به جزئيا/);
  assert.equal((await db.selectFrom('ieecag_opinion').select('response_status').where('id', '=', opinion.id).executeTakeFirstOrThrow()).response_status, 'pending');
  await fp.locator('textarea[name="response_reason_ar"]').fill(REASON);
  await fp.locator('textarea[name="response_decision_ar"]').fill('تخصيص فضاء للأطفال في قاعة اللقاءات');
  await noSidewaysScroll(fp);
  await Promise.all([fp.waitForURL(`**${adminUrl}`), fp.getByRole('button', { name: 'تسجيل الجواب' }).click()]);
  assert.equal(await textOf(fp, '.flash'), 'سجل جواب المجلس.');
  await shot(fp, '3-responded');

  // the public register shows it first, with its response; its page, the full trail
  const reader = await focal.newPage();
  await reader.goto('/ar/c/settat/ieecag/opinions');
  assert.equal(await reader.locator('html').getAttribute('dir'), 'rtl');
  await noSidewaysScroll(reader);
  const card = reader.locator('ul.cards > li').first();
  assert.match(await card.innerText(), new RegExp(SUBJECT));
  assert.match(await card.innerText(), /أخذ به المجلس جزئيا/);
  await shot(reader, '4-register');
  await Promise.all([reader.waitForURL(`**/ar/c/settat/ieecag/opinions/${opinion.id}`), card.getByRole('link').click()]);
  await noSidewaysScroll(reader);
  const trail = await reader.locator('ol.timeline').innerText();
  const steps = ['طلب المجلس الرأي', 'صادقت الهيئة على الرأي', 'نشر الرأي', 'أحيل الرأي على المجلس', 'أخذ المجلس بالرأي جزئيا'];
  const positions = steps.map((s) => trail.indexOf(s));
  assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])), trail);
  assert.equal((await reader.locator('ol.timeline time').count()), 5);
  assert.match(await textOf(reader, 'main'), new RegExp(REASON.slice(0, 30)));
  assert.match(await textOf(reader, 'main'), new RegExp(`${opinion.number}/${opinion.year}`));
  await shot(reader, '5-opinion');

  // in French too, on the same phone: no sideways scrolling
  for (const path of ['/fr/c/settat/ieecag/opinions', `/fr/c/settat/ieecag/opinions/${opinion.id}`]) {
    await reader.goto(path);
    assert.equal(await reader.locator('html').getAttribute('dir'), 'ltr');
    await noSidewaysScroll(reader);
  }
  assert.match(await textOf(reader, 'ol.timeline'), /Suivi en partie par le conseil/);

  // project 2's card: one more opinion submitted to the council, one more project that followed one
  assert.equal(await latestOn(reader, OPINIONS), before.opinions + 1);
  assert.equal(await latestOn(reader, PROJECTS), before.projects + 1);
  await shot(reader, '6-project-2-after');

  // the register and the opinion's page pass the automatic accessibility checks (axe: JavaScript on)
  const js = await context.browser()!.newContext({ ...PHONE, baseURL: base });
  t.after(() => js.close());
  const a11y = await js.newPage();
  for (const path of ['/ar/c/settat/ieecag/opinions', `/ar/c/settat/ieecag/opinions/${opinion.id}`, `/fr/c/settat/ieecag/opinions/${opinion.id}`]) {
    await a11y.goto(path);
    assert.deepEqual(await seriousA11yProblems(a11y), [], path);
  }
});
