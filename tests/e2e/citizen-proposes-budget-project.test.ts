// A citizen proposes a project for Settat's participatory budget, in French at phone width: from
// the round's page she signs in, writes the project, is shown a similar one already proposed
// (written differently), adds a photo and publishes; the round's page then shows it with the photo.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { TEST_PASSWORD, collectivityId } from '../helpers/app.ts';
import { closeBrowser, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
// the smallest real PNG (1×1): the server reads its bytes to accept it
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('a citizen proposes a project with a photo, after seeing a similar one', async (t) => {
  const { page, database } = await start(t, { viewport: { width: 360, height: 780 }, locale: 'fr-MA' });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const round = await db
    .insertInto('budget_round')
    .values({
      collectivity_id: settatId, title_ar: 'الميزانية التشاركية 2027', title_fr: 'Budget participatif 2027', title_en: null, envelope_mad: 2_000_000, rule: 'knapsack',
      min_choices: null, max_choices: null, changeable: 0,
      information_at: at(-48), submission_at: at(-24), review_at: at(240), voting_at: at(480), results_at: at(720), implementation_at: at(960), created_at: at(-48),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('budget_project')
    .values({
      collectivity_id: settatId, round_id: round.id, title: 'Piste cyclable du boulevard Hassan II', description: 'Une piste protégée', neighbourhood: 'Centre-ville',
      estimated_cost_mad: 900_000, status: 'submitted', review_reason: null, staff_cost_mad: null, created_at: at(-20), search_text: 'piste cyclable du boulevard hassan ii une piste protegee',
    })
    .execute();
  await upsertUser(db, { email: 'salma@example.ma', password: TEST_PASSWORD, displayName: 'Salma', verified: true });

  await page.goto(`/fr/c/settat/budgets/${round.id}`);
  await Promise.all([page.waitForURL('**/fr/account/login?**'), page.getByRole('link', { name: 'Proposer un projet' }).click()]);
  await page.locator('input[name="email"]').fill('salma@example.ma');
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL(`**/budgets/${round.id}/propose`), page.locator('main form button[type="submit"]').click()]);

  await page.getByLabel('Titre').fill('Pistes cyclables boulevard Hassan 2');
  await page.getByLabel('Description').fill('Relier le campus au centre à vélo, en sécurité.');
  await page.getByLabel('Quartier').fill('Centre-ville');
  await page.getByLabel('Coût estimé (MAD)').fill('750000');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForLoadState();
  assert.equal(await textOf(page, '#similar'), 'Projets semblables déjà proposés');
  assert.match(await textOf(page, 'section.notice ul'), /Piste cyclable du boulevard Hassan II/);
  assert.deepEqual(await seriousA11yProblems(page), []);

  // the text is kept; the photo is chosen at this step
  assert.equal(await page.getByLabel('Titre').inputValue(), 'Pistes cyclables boulevard Hassan 2');
  await page.locator('#f-images').setInputFiles({ name: 'boulevard.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForURL(`**/budgets/${round.id}#project-*`), page.getByRole('button', { name: 'Publier le projet' }).click()]);
  assert.match(await textOf(page, '.flash'), /Votre projet est publié/);

  const project = await db.selectFrom('budget_project').select(['id', 'author_id', 'status']).where('round_id', '=', round.id).where('title', '=', 'Pistes cyclables boulevard Hassan 2').executeTakeFirstOrThrow();
  assert.equal(project.status, 'submitted');
  assert.notEqual(project.author_id, null);
  const card = page.locator(`#project-${project.id}`);
  assert.match(await card.innerText(), /Proposé par un habitant/);
  const img = card.locator('img');
  await img.scrollIntoViewIfNeeded();
  assert.equal(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), 1, 'the photo is served and decoded');
  assert.deepEqual(await seriousA11yProblems(page), []);
});
