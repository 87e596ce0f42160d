// The network's coordinator, in French: filters the national dashboard's back-office twin to one
// region and downloads its CSV; the members, programmes and activities shown on the page and in
// the file equal counts made here in SQL over the same database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, start, textOf } from './browser.ts';

after(closeBrowser);

test('the network admin filters the dashboard to one region and exports it; the figures are the rows\' counts', async (t) => {
  const { page, database } = await start(t, { viewport: { width: 1280, height: 900 }, locale: 'fr-MA', acceptDownloads: true });
  const db = database.db;
  await createStaff(database, 'coord@remacto.ma', 'network_admin', null);
  await logIn(page, 'coord@remacto.ma', { lang: 'fr' });

  // counted here: the region, and every collectivity whose parent or grandparent it is (no example commune)
  const region = await db.selectFrom('collectivity').select(['id', 'name_fr']).where('slug', '=', 'casablanca-settat').executeTakeFirstOrThrow();
  const all = await db.selectFrom('collectivity').select(['id', 'parent_id', 'is_demo']).execute();
  const parentOf = new Map(all.map((c) => [c.id, c.parent_id]));
  const inRegion = all.filter((c) => c.is_demo === 0 && [c.id, parentOf.get(c.id), parentOf.get(parentOf.get(c.id) ?? -1)].includes(region.id)).map((c) => c.id);
  const programmes = await db.selectFrom('programme').select(['id', 'is_current', 'status']).where('collectivity_id', 'in', inRegion).where('status', '<>', 'draft').execute();
  const current = programmes.filter((p) => p.is_current === 1).map((p) => p.id);
  const activities = await db.selectFrom('activity').select(['status', 'end_date', 'collectivity_id']).where('programme_id', 'in', current.length ? current : [-1]).where('status', '<>', 'cancelled').execute();
  const settat = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirstOrThrow();
  const settatLate = activities.filter((a) => a.collectivity_id === settat.id && a.end_date !== null && a.end_date < todayInCasablanca() && a.status !== 'done').length;
  const settatProgramme = await db.selectFrom('programme').select(['start_year', 'end_year']).where('collectivity_id', '=', settat.id).where('is_current', '=', 1).executeTakeFirstOrThrow();

  await page.goto('/admin/network');
  await page.getByLabel('Région').first().selectOption('casablanca-settat');
  await Promise.all([page.waitForURL(/\/admin\/network\?region=casablanca-settat/), page.getByRole('button', { name: 'Afficher' }).click()]);
  const members = await textOf(page, '#members');
  assert.match(members, new RegExp(`${inRegion.length} collectivités membres`));
  assert.match(await textOf(page, '#programmes'), new RegExp(`${programmes.length} programmes`));
  const delayed = await textOf(page, '#delayed');
  assert.match(delayed, /elle n'est pas publiée/, 'the delayed list says why it is for the coordinators only');
  assert.ok(settatLate > 0, 'the demo has late activities');
  assert.ok(delayed.includes(`Commune de Settat ${settatProgramme.start_year}–${settatProgramme.end_year} ${settatLate} `), 'Settat\'s programme, its period, its late activities');

  // the CSV of the same filter, downloaded as a person would
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /CSV/ }).first().click()]);
  const rows: string[][] = parse(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
  const value = (section: string, figure: string, key = '') => rows.find((r) => r[0] === section && r[1] === figure && r[2] === key)?.[4];
  assert.equal(value('members', 'total'), String(inRegion.length));
  assert.equal(value('members', 'byRegion', 'casablanca-settat'), String(inRegion.length));
  assert.equal(value('programmes', 'total'), String(programmes.length));
  assert.equal(value('progress', 'activities'), String(activities.length));
  assert.equal(rows.filter((r) => r[0] === 'members' && r[1] === 'byRegion').length, 1, 'only the chosen region');
});
