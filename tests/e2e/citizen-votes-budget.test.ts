// Two citizens vote in a knapsack round of Settat's participatory budget, in Arabic at phone
// width: each signs in, is sent to verify against the census (CIN + birth date), and fills the
// ballot. The first without JavaScript ("check my total" asks the server), the second with it
// (public/budget.js shows the running total and the amount left as boxes are ticked).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addProject, reviewProject } from '../../src/modules/budget/commands/projects.ts';
import { createRound, loadCensus } from '../../src/modules/budget/commands/rounds.ts';
import { budgetKey, voterHash } from '../../src/modules/budget/model.ts';
import { projectForm, reviewForm, roundForm } from '../../src/modules/budget/schema.ts';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { formatNumber, isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { TEST_PASSWORD, collectivityId, createStaff } from '../helpers/app.ts';
import { closeBrowser, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);


const HOUR = 3_600_000;
const PHONE = { viewport: { width: 360, height: 780 }, locale: 'ar-MA' };
const ENVELOPE = 1_000_000;
const local = (offset: number) => isoToCasablanca(new Date(Date.now() + offset).toISOString());
const ar = (n: number) => formatNumber('ar', n);

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(`command refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const VOTERS = {
  amina: { email: 'amina@example.ma', cin: 'BK123456', birth: '1980-05-17' },
  youssef: { email: 'youssef@example.ma', cin: 'W998877', birth: '1992-11-02' },
};

/** Signs in from the ballot's link, is sent to the verification page, and verifies. */
async function reachBallot(page: Page, roundId: number, who: (typeof VOTERS)[keyof typeof VOTERS]) {
  await page.goto(`/ar/c/settat/budgets/${roundId}`);
  await Promise.all([page.waitForURL('**/ar/account/login?**'), page.getByRole('link', { name: 'صوّت على المشاريع' }).click()]);
  await page.getByLabel('البريد الإلكتروني').fill(who.email);
  await page.getByLabel('كلمة المرور').fill(TEST_PASSWORD);
  // back to the ballot, which sends an unverified voter to the verification page
  await Promise.all([page.waitForURL(`**/budgets/${roundId}/verify`), page.locator('main form button[type="submit"]').click()]);
  assert.equal(await textOf(page, '.flash'), 'تحقق أولا من تسجيلك في لائحة المصوتين.');
  // typed loosely (lower case, a space): the server normalises it as the census was
  await page.getByLabel('رقم البطاقة الوطنية للتعريف').fill(who.cin.toLowerCase().replace(/(\d)/, ' $1'));
  await page.getByLabel('تاريخ الازدياد').fill(who.birth);
  await Promise.all([page.waitForURL(`**/budgets/${roundId}/ballot`), page.getByRole('button', { name: 'تحقق' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'تم التحقق من تسجيلك. يمكنك التصويت.');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
}

const box = (page: Page, title: string) => page.getByRole('checkbox', { name: new RegExp(title) });

test('citizens fill a knapsack ballot in Arabic, without and with JavaScript, and see it confirmed', async (t) => {
  // The census's hashes are keyed by BUDGET_SECRET when set: the test and the app (same process)
  // then share the key without reaching into the app's configuration. Set for this test only: the
  // process runs other files' tests after it (scripts/test.js).
  const saved = process.env.BUDGET_SECRET;
  process.env.BUDGET_SECRET = 'e2e-budget-secret-e2e-budget-secret';
  t.after(() => {
    if (saved === undefined) delete process.env.BUDGET_SECRET;
    else process.env.BUDGET_SECRET = saved;
  });
  const { page, database, context, base } = await start(t, { ...PHONE, javaScriptEnabled: false });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const adminId = await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat');
  const scope = { collectivityId: settatId, actor: { userId: adminId, role: 'focal_point' as const } };

  // a round in its voting phase, through the staff's commands and forms' schemas
  const roundId = must(await createRound(db, scope, roundForm.parse({
    title_ar: 'الميزانية التشاركية 2026', title_fr: 'Budget participatif 2026', title_en: '',
    envelope_mad: String(ENVELOPE), rule: 'knapsack', min_choices: '', max_choices: '',
    information_at: local(-40 * HOUR), submission_at: local(-30 * HOUR), review_at: local(-20 * HOUR),
    voting_at: local(-10 * HOUR), results_at: local(10 * HOUR), implementation_at: local(20 * HOUR),
  })));
  const project = async (title: string, cost: number, review: { status: 'feasible' | 'infeasible'; staffCost?: number; reason?: string }) => {
    const id = must(await addProject(db, scope, roundId, projectForm.parse({ title, description: `وصف: ${title}`, neighbourhood: 'حي السلام', estimated_cost_mad: String(cost), district_id: '' })));
    const form = { status: review.status, review_reason: review.reason ?? '', staff_cost_mad: review.staffCost ? String(review.staffCost) : '', merged_into_id: '' };
    must(await reviewProject(db, scope, roundId, id, reviewForm.parse(form), { baseUrl: base, slug: 'settat' }));
    return id;
  };
  const p = {
    garden: await project('تهيئة حديقة الحي', 400_000, { status: 'feasible' }),
    lights: await project('الإنارة العمومية لزنقة الأمل', 300_000, { status: 'feasible' }),
    // the ballot counts the review's estimate, not the author's
    library: await project('مكتبة القرب', 450_000, { status: 'feasible', staffCost: 500_000 }),
    stadium: await project('ملعب القرب', 200_000, { status: 'infeasible', reason: 'خارج اختصاص الجماعة' }),
  };
  const key = budgetKey('unused: BUDGET_SECRET is set');
  must(await loadCensus(db, scope, roundId, [...Object.values(VOTERS).map((v) => voterHash(key, v.cin, v.birth)), voterHash(key, 'JC112233', '2001-12-31')]));
  for (const v of Object.values(VOTERS)) {
    const user = await upsertUser(db, { email: v.email, password: TEST_PASSWORD, displayName: v.email.split('@')[0] });
    await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString() }).where('id', '=', user.id).execute();
  }

  // (a) JavaScript off: the server computes the total
  await reachBallot(page, roundId, VOTERS.amina);
  assert.equal(await page.getByRole('checkbox').count(), 3, 'only the feasible projects are on the ballot');
  assert.equal(await page.locator('#budget-live').isVisible(), false);
  await box(page, 'تهيئة حديقة الحي').check();
  await box(page, 'الإنارة العمومية').check();
  await page.getByRole('button', { name: 'احسب المجموع' }).click();
  await page.waitForURL(`**/budgets/${roundId}/ballot`);
  assert.equal(await textOf(page, 'form.budget-ballot p.budget-total'), `مجموع اختياراتك: ${ar(700_000)} درهم. المتبقي من الغلاف: ${ar(300_000)} درهم.`);
  assert.equal(await box(page, 'تهيئة حديقة الحي').isChecked(), true, 'the choices are kept');
  assert.equal(await box(page, 'مكتبة القرب').isChecked(), false);
  await Promise.all([page.waitForURL(`**/budgets/${roundId}/ballot`), page.getByRole('button', { name: 'صوّت', exact: true }).click()]);
  assert.equal(await textOf(page, '.flash'), 'تم تسجيل تصويتك.');
  assert.equal(await textOf(page, 'main .notice'), 'تم تسجيل تصويتك. شكرا لمشاركتك.');
  assert.equal(await page.locator('form.budget-ballot').count(), 0, 'a ballot that cannot be changed is not offered again');

  // (b) JavaScript on, another citizen: the running total follows the boxes
  const js = await context.browser()!.newContext({ ...PHONE, baseURL: base });
  t.after(() => js.close());
  js.setDefaultTimeout(5_000);
  const jsPage = await js.newPage();
  const scriptErrors: string[] = [];
  jsPage.on('pageerror', (e) => scriptErrors.push(e.message));
  jsPage.on('console', (m) => m.type() === 'error' && scriptErrors.push(m.text()));
  await reachBallot(jsPage, roundId, VOTERS.youssef);
  const live = jsPage.locator('#budget-live');
  const total = (sum: number) => `مجموع اختياراتك: ${ar(sum)} درهم. المتبقي من الغلاف: ${ar(ENVELOPE - sum)} درهم.`;
  assert.equal(await live.isVisible(), true);
  assert.equal(await live.innerText(), total(0));
  assert.equal(await jsPage.getByRole('button', { name: 'احسب المجموع' }).isVisible(), false, 'the live total replaces the button');

  await box(jsPage, 'تهيئة حديقة الحي').check();
  assert.equal(await live.innerText(), total(400_000));
  await box(jsPage, 'مكتبة القرب').check();
  assert.equal(await live.innerText(), total(900_000));
  assert.match(await live.innerText(), /900\.000.*100\.000/, 'Western digits, grouped as the server groups them');
  assert.equal(await live.getAttribute('class'), 'budget-total');
  await box(jsPage, 'الإنارة العمومية').check();
  assert.equal(await live.innerText(), `مجموع اختياراتك ${ar(1_200_000)} درهم يتجاوز الغلاف (${ar(ENVELOPE)} درهم): أزل مشروعًا.`);
  assert.equal(await live.getAttribute('class'), 'error');

  // the page passes axe with the over message shown (its colour is the one most at risk)
  assert.deepEqual(await seriousA11yProblems(jsPage), []);

  await box(jsPage, 'الإنارة العمومية').uncheck();
  assert.equal(await live.innerText(), total(900_000));
  assert.equal(await live.getAttribute('class'), 'budget-total');
  // one phone-width picture for a human look (outside the repository)
  mkdirSync('/tmp/shots', { recursive: true });
  await jsPage.screenshot({ path: '/tmp/shots/ballot-ar-live-total.png', fullPage: true });
  await Promise.all([jsPage.waitForURL(`**/budgets/${roundId}/ballot`), jsPage.getByRole('button', { name: 'صوّت', exact: true }).click()]);
  assert.equal(await textOf(jsPage, '.flash'), 'تم تسجيل تصويتك.');
  assert.equal(await textOf(jsPage, 'main .notice'), 'تم تسجيل تصويتك. شكرا لمشاركتك.');
  assert.deepEqual(scriptErrors, [], 'no script error nor CSP refusal');

  // exactly two online ballots with the two voters' choices, and a "has voted" mark for each voter;
  // the round is not changeable, so nothing stored says which ballot is whose
  const ballots = await db.selectFrom('budget_ballot').selectAll().where('collectivity_id', '=', settatId).where('round_id', '=', roundId).execute();
  assert.equal(ballots.length, 2);
  assert.ok(ballots.every((b) => b.channel === 'online' && b.change_key === null));
  const chosen = await Promise.all(ballots.map(async (b) => (await db.selectFrom('budget_ballot_choice').select('project_id').where('ballot_id', '=', b.id).execute()).map((r) => r.project_id).sort((x, y) => x - y).join(',')));
  const expected = [[p.garden, p.lights], [p.garden, p.library]].map((c) => c.sort((x, y) => x - y).join(','));
  assert.deepEqual(chosen.sort(), expected.sort());
  const marks = await db.selectFrom('budget_voted').select('voter_hash').where('round_id', '=', roundId).execute();
  assert.deepEqual(marks.map((m) => m.voter_hash).sort(), [VOTERS.amina, VOTERS.youssef].map((who) => voterHash(key, who.cin, who.birth)).sort());
});
