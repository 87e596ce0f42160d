// Law 31.13 in French, on phones with JavaScript off: a citizen asks Settat for the minutes of a
// council session; the editor asks for a clarification, records it, extends the deadline with a
// public reason and answers in part, citing the protection of private life; the public register
// shows the trail and that the answer came within the extended deadline, and never the requester.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { loadRules } from '../../src/modules/information/calendar.ts';
import { answerDue, extendedDue } from '../../src/modules/information/model.ts';
import { TEST_PASSWORD, createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, start, textOf } from './browser.ts';

after(closeBrowser);

const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fr-MA', javaScriptEnabled: false };
const SHOTS = process.env.E2E_SCREENSHOTS;
const SUBJECT = 'Procès-verbal de la session ordinaire d’octobre du conseil';

const noSidewaysScroll = async (page: Page) => assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, `no sideways scrolling on ${page.url()}`);

test('a citizen requests council minutes; staff clarify, extend and answer in part; the register shows the trail', async (t) => {
  const { page, database, context, base } = await start(t, PHONE);
  const db = database.db;
  const shot = async (p: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  await createStaff(database, 'editor@settat.ma', 'editor', 'settat');
  await upsertUser(db, { email: 'yassine@example.ma', password: TEST_PASSWORD, displayName: 'Yassine Alaoui', verified: true });
  const today = todayInCasablanca();
  const rules = await loadRules(db);

  // the citizen signs in, finds the register and makes a request
  await page.goto('/fr/account/login');
  await page.locator('main input[name="email"]').fill('yassine@example.ma');
  await page.locator('main input[name="password"]').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL('**/fr/account**'), page.locator('main form button[type="submit"]').click()]);
  await page.goto('/fr/c/settat/information');
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  await noSidewaysScroll(page);
  await Promise.all([page.waitForURL('**/fr/c/settat/information/request'), page.getByRole('link', { name: 'Faire une demande d\'information' }).click()]);
  await page.getByLabel('Objet').fill(SUBJECT);
  await page.getByLabel('Information demandée').fill('Je souhaite recevoir le procès-verbal complet de la session, avec les votes de chaque point. Yassine Alaoui, quartier Smaala.');
  await page.getByLabel('Forme souhaitée').selectOption('electronic');
  await noSidewaysScroll(page);
  await shot(page, '1-request-form');
  await Promise.all([page.waitForURL(/\/fr\/c\/settat\/information\/\d+\/mine$/), page.getByRole('button', { name: 'Envoyer la demande' }).click()]);
  assert.match(await textOf(page, '.flash'), /Votre demande est enregistrée/);
  const id = Number(/information\/(\d+)\/mine$/.exec(page.url())![1]);
  const filed = await db.selectFrom('information_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(filed.channel, 'online');
  assert.equal(filed.received_on, today);
  assert.equal(filed.due_on, answerDue(rules, today, false));

  // the editor, on her phone, finds it in the worklist and moves it step by step
  const staffContext = await context.browser()!.newContext({ ...PHONE, baseURL: base });
  t.after(() => staffContext.close());
  const staff = await staffContext.newPage();
  await logIn(staff, 'editor@settat.ma', { lang: 'fr' });
  await staff.goto('/admin/c/settat/information');
  await noSidewaysScroll(staff);
  await Promise.all([staff.waitForURL(`**/admin/c/settat/information/${id}`), staff.getByRole('link', { name: SUBJECT }).click()]);
  assert.match(await textOf(staff, 'main'), /quartier Smaala/, 'staff read the full request');
  assert.match(await textOf(staff, '#requester + p + dl, section[aria-labelledby="requester"]'), /Yassine Alaoui.*yassine@example\.ma/, 'staff see who asked, to deliver the copy');
  const takeStep = async (kind: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>) => {
    // each possible step is folded under its name
    await staff.locator(`#step-${kind} > summary`).click();
    const form = staff.locator(`form[action$="/information/${id}/${kind}"]`);
    await form.locator('input[name="on_date"]').fill(today);
    await fill(form);
    await Promise.all([staff.waitForURL(`**/admin/c/settat/information/${id}#trail`), form.locator('button[type="submit"]').click()]);
    assert.equal(await textOf(staff, '.flash'), 'L\'étape est enregistrée.', kind);
  };
  await takeStep('clarification_asked', (f) => f.locator('textarea[name="note"]').fill('Quelle session : octobre 2025 ou octobre 2026 ?'));
  await takeStep('clarified', async () => {});
  await takeStep('extended', (f) => f.locator('textarea[name="note"]').fill('Le procès-verbal doit être relu par le secrétariat du conseil avant communication.'));
  // a second extension is not offered any more: the law allows one
  assert.equal(await staff.locator(`form[action$="/information/${id}/extended"]`).count(), 0);
  await shot(staff, '2-staff-request');
  await takeStep('answered', async (f) => {
    await f.getByLabel('Suite donnée').selectOption('partial');
    await f.getByLabel('Vie privée des personnes et données personnelles').check();
    await f.locator('textarea[name="answer"]').fill('Le procès-verbal est joint, sans les noms des agents cités au point 7.');
  });
  const answered = await db.selectFrom('information_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const extendedDeadline = extendedDue(rules, answerDue(rules, today, false));
  assert.equal(answered.status, 'answered');
  assert.equal(answered.outcome, 'partial');
  assert.equal(answered.due_on, extendedDeadline);
  assert.deepEqual(JSON.parse(answered.exceptions!), ['private_life']);

  // the public register: the trail, the answer, within the extended deadline; no requester
  const visitor = await (await context.browser()!.newContext({ ...PHONE, baseURL: base })).newPage();
  t.after(() => visitor.context().close());
  await visitor.goto('/fr/c/settat/information');
  await Promise.all([visitor.waitForURL(`**/fr/c/settat/information/${id}`), visitor.getByRole('link', { name: SUBJECT }).click()]);
  const main = await textOf(visitor, 'main');
  for (const step of ['Réception de la demande', 'Précision demandée', 'Précision reçue', 'Prolongation du délai', 'Réponse']) assert.ok(main.includes(step), `the trail shows "${step}"`);
  assert.match(main, /relu par le secrétariat du conseil/);
  assert.match(main, /sans les noms des agents/);
  assert.match(main, /Vie privée des personnes et données personnelles/);
  assert.match(main, /dans le délai prolongé/);
  assert.doesNotMatch(await visitor.content(), /Yassine|Alaoui|Smaala|yassine@example\.ma/, 'the requester is never shown');
  await noSidewaysScroll(visitor);
  await shot(visitor, '3-register-request');
});
