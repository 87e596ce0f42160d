// Project 3 of Settat's programme measured from records, on phones, in Arabic with JavaScript off:
// the focal point marks Watiqa as joined and the card's share of platforms joined moves; a citizen
// answers the open satisfaction survey (a required question forgotten first: held back, the
// answers kept, nothing saved); staff type in three paper answers; the results page's satisfaction
// rate equals a count made here from the rows, and project 4's impact indicator follows it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { SATISFIED_FROM } from '../../src/modules/surveys/tables.ts';
import { TEST_PASSWORD, collectivityId, createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, start, textOf } from './browser.ts';

after(closeBrowser);

const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ar-MA' };
const SHOTS = process.env.E2E_SCREENSHOTS;
const PLATFORMS = 'نسبة البرامج والبوابات الرسمية';
const COUNCIL_SATISFACTION = 'قياس مدى الرضى عن أعمال المجلس';

const noSidewaysScroll = async (page: Page) => assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, `no sideways scrolling on ${page.url()}`);
/** A number as the Arabic pages write it (Western digits, a decimal comma, a dot between thousands). */
const numberIn = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

/** The latest value an indicator of a project's card shows (null when none yet). */
async function latestOn(page: Page, project: number, statement: string): Promise<number | null> {
  await page.goto(`/ar/c/settat/programme/projects/${project}`);
  const line = await page.locator('article.indicator', { hasText: statement }).locator('p.muted').first().innerText();
  const m = /آخر قيمة: ([\d.,]+)/.exec(line);
  return m ? numberIn(m[1]!) : null;
}

test('staff join Watiqa and project 3 moves; a citizen answers the survey, staff type in 3 paper answers; the rate is the rows\' count', async (t) => {
  const { page, database, context, base } = await start(t, { ...PHONE, javaScriptEnabled: false });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const shot = async (p: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  await createStaff(database, 'focal@settat.ma', 'focal_point', 'settat');
  await upsertUser(db, { email: 'khadija@example.ma', password: TEST_PASSWORD, displayName: 'خديجة', verified: true });

  // project 3's card: the share of the official platforms joined, counted from the memberships
  const offered = (await db.selectFrom('digital_platform').select('id').where('retired', '=', 0).execute()).length;
  const joinedBefore = (await db.selectFrom('platform_membership').select('platform_id').where('collectivity_id', '=', settatId).where('joined', '=', 1).execute()).length;
  const share = (n: number) => Math.round((1000 * n) / offered) / 10;
  assert.equal(await latestOn(page, 3, PLATFORMS), share(joinedBefore));
  await shot(page, '1-project-3-before');

  // the focal point marks Watiqa as joined today, on her phone
  const focal = await context.browser()!.newContext({ ...PHONE, javaScriptEnabled: false, baseURL: base });
  t.after(() => focal.close());
  const staff = await focal.newPage();
  await logIn(staff, 'focal@settat.ma', { lang: 'ar' });
  await staff.goto('/admin/c/settat/services');
  await noSidewaysScroll(staff);
  await Promise.all([staff.waitForURL(/\/services\/platforms\/\d+$/), staff.getByRole('link', { name: 'وثيقة', exact: true }).click()]);
  await staff.getByLabel('انضمت الجماعة إلى هذه المنصة').check();
  await staff.getByLabel('تاريخ الانضمام').fill(todayInCasablanca());
  await Promise.all([staff.waitForURL(/\/admin\/c\/settat\/services/), staff.getByRole('button', { name: 'حفظ' }).click()]);
  assert.equal(await textOf(staff, '.flash'), 'حفظ الانضمام.');
  assert.equal(await latestOn(page, 3, PLATFORMS), share(joinedBefore + 1));
  await shot(page, '2-project-3-after');

  // the citizen finds the open survey from the list, reads it, signs in and comes back to it
  const survey = await db.selectFrom('survey').selectAll().where('collectivity_id', '=', settatId).where('topic', '=', 'council').executeTakeFirstOrThrow();
  const questions = await db.selectFrom('survey_question').selectAll().where('survey_id', '=', survey.id).orderBy('position').execute();
  const csat = questions.filter((q) => q.kind === 'csat');
  assert.equal(csat.length, 2);
  await page.goto('/ar/c/settat/surveys');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  // she reads what is asked before signing in
  await Promise.all([page.waitForURL(`**/ar/c/settat/surveys/${survey.id}`), page.getByRole('link', { name: survey.title_ar }).click()]);
  assert.match(await textOf(page, 'section[aria-labelledby="s-questions"] ol'), new RegExp(csat[0]!.text_ar.slice(0, 12)));
  await noSidewaysScroll(page);
  await shot(page, '3-survey-to-read');
  await Promise.all([page.waitForURL('**/ar/account/login?**'), page.getByRole('link', { name: 'سجّل الدخول للإجابة' }).click()]);
  await page.getByLabel('البريد الإلكتروني').fill('khadija@example.ma');
  await page.getByLabel('كلمة المرور').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL(`**/ar/c/settat/surveys/${survey.id}`), page.locator('main form button[type="submit"]').click()]);
  await noSidewaysScroll(page);
  await shot(page, '4-survey');

  // the second satisfaction question forgotten: the phone's browser holds the form back (the
  // question is required; the server's own message per question is tested in tests/http), the
  // first answer stays, nothing is saved
  const field = (q: { id: number }, value: string) => page.locator(`input[name="q${q.id}"][value="${value}"]`);
  await field(csat[0]!, '4').check();
  await page.getByRole('button', { name: 'إرسال أجوبتي' }).click();
  assert.ok(page.url().endsWith(`/surveys/${survey.id}`));
  assert.equal(await page.locator(`input[name="q${csat[1]!.id}"]:invalid`).count(), 5);
  assert.ok(await field(csat[0]!, '4').isChecked(), 'the answer given is kept');
  assert.equal((await db.selectFrom('survey_response').select('id').where('survey_id', '=', survey.id).where('channel', '=', 'online').execute()).length, 0);
  await field(csat[1]!, '5').check();
  await Promise.all([page.waitForURL(`**/surveys/${survey.id}/thanks`), page.getByRole('button', { name: 'إرسال أجوبتي' }).click()]);
  assert.match(await textOf(page, 'main'), /تم تسجيل أجوبتك/);
  await noSidewaysScroll(page);

  // staff type in three paper forms: (2, 3), (5, 4), (1, 2)
  const paperBefore = (await db.selectFrom('survey_response').select('id').where('survey_id', '=', survey.id).where('channel', '=', 'paper').execute()).length;
  await staff.goto(`/admin/c/settat/surveys/${survey.id}/entries`);
  await noSidewaysScroll(staff);
  for (const [a, b] of [['2', '3'], ['5', '4'], ['1', '2']] as const) {
    await staff.locator(`input[name="q${csat[0]!.id}"][value="${a}"]`).check();
    await staff.locator(`input[name="q${csat[1]!.id}"][value="${b}"]`).check();
    await staff.locator('select[name="channel"]').selectOption('paper');
    await Promise.all([staff.waitForURL(`**/surveys/${survey.id}/entries?channel=paper`), staff.getByRole('button', { name: 'حفظ هذا الجواب' }).click()]);
    assert.equal(await textOf(staff, '.flash'), 'تم حفظ الجواب. يمكنك إدخال الاستمارة التالية.');
  }
  assert.equal((await db.selectFrom('survey_response').select('id').where('survey_id', '=', survey.id).where('channel', '=', 'paper').execute()).length, paperBefore + 3);
  await shot(staff, '6-paper');

  // the results: the satisfaction rate is the share of CSAT answers of 4 or 5, counted here
  const rows = await db
    .selectFrom('survey_answer as a')
    .innerJoin('survey_question as q', 'q.id', 'a.question_id')
    .select('a.value')
    .where('a.survey_id', '=', survey.id)
    .where('q.kind', '=', 'csat')
    .where('a.value', 'is not', null)
    .execute();
  const satisfied = rows.filter((r) => r.value! >= SATISFIED_FROM).length;
  const rate = Math.round((1000 * satisfied) / rows.length) / 10;
  await page.goto(`/ar/c/settat/surveys/${survey.id}/results`);
  await noSidewaysScroll(page);
  const section = await textOf(page, 'section[aria-labelledby="s-satisfaction"]');
  const shown = /([\d,]+)%\s*·[^\d]*\d[^\d]*(\d+)[^\d]+(\d+)/.exec(section);
  assert.ok(shown, section);
  assert.deepEqual([numberIn(shown[1]!), Number(shown[2]), Number(shown[3])], [rate, satisfied, rows.length]);
  await shot(page, '7-results');

  // project 4's impact indicator follows the council survey's satisfaction
  assert.equal(await latestOn(page, 4, COUNCIL_SATISFACTION), rate);
});
