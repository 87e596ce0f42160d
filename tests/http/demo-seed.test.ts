// `npm start` loads the demo into an empty database; loading it again changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemo } from '../../src/modules/demo.ts';
import { freshDatabase } from '../helpers/app.ts';

test('the demo (Settat, and the example commune of Chefchaouen) loads once; loading again changes nothing', async (t) => {
  const { database } = await freshDatabase(t);
  const db = database.db;
  const scoped = ['programme', 'axis', 'project', 'activity', 'partner', 'indicator', 'activity_partner', 'project_partner', 'indicator_measurement', 'progress_note'] as const;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['collectivity', 'app_user'] as const) {
      out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    for (const slug of ['settat', 'chefchaouen']) {
      const c = await db.selectFrom('collectivity').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
      for (const table of scoped) {
        out[`${slug}.${table}`] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', c.id).executeTakeFirstOrThrow()).n);
      }
    }
    return out;
  };
  const first = await seedDemo(db);
  assert.equal(first.loaded, true);
  assert.equal(first.accounts.length, 2);
  const after = await counts();
  const settat = Object.fromEntries(Object.entries(after).filter(([k]) => k.startsWith('settat.') && !/measurement|progress_note/.test(k)).map(([k, v]) => [k.slice(7), v]));
  // counted in the document: 17 partner mentions in the matrix, 8 on the four cards; and the next
  // programme, in co-creation on the load day, with the same four axes for its call
  assert.deepEqual(settat, { programme: 2, axis: 8, project: 4, activity: 12, partner: 6, indicator: 9, activity_partner: 17, project_partner: 8 });
  // the example commune: small, with its region and province (3 + 3 collectivities)
  assert.equal(after.collectivity, 6);
  assert.equal(after.app_user, 2);
  const chefchaouen = Object.fromEntries(Object.entries(after).filter(([k]) => k.startsWith('chefchaouen.')).map(([k, v]) => [k.slice(12), v]));
  assert.deepEqual(chefchaouen, {
    programme: 1, axis: 2, project: 3, activity: 6, partner: 3, indicator: 3, activity_partner: 7, project_partner: 4, indicator_measurement: 7, progress_note: 4,
  });
  // all of it flagged as invented: the collectivity, its measurements and notes
  const demoFlags = await db.selectFrom('collectivity').select(['slug', 'is_demo']).orderBy('slug').execute();
  assert.deepEqual(demoFlags.filter((c) => c.is_demo === 1).map((c) => c.slug), ['chefchaouen']);
  const c = await db.selectFrom('collectivity').select(['id', 'parent_id']).where('slug', '=', 'chefchaouen').executeTakeFirstOrThrow();
  for (const table of ['indicator_measurement', 'progress_note'] as const) {
    const flags = await db.selectFrom(table).select('is_demo').where('collectivity_id', '=', c.id).execute();
    assert.ok(flags.every((f) => f.is_demo === 1), table);
  }
  const province = await db.selectFrom('collectivity').select(['slug', 'kind', 'parent_id']).where('id', '=', c.parent_id!).executeTakeFirstOrThrow();
  const region = await db.selectFrom('collectivity').select(['slug', 'kind', 'parent_id']).where('id', '=', province.parent_id!).executeTakeFirstOrThrow();
  assert.deepEqual([province.slug, province.kind, region.slug, region.kind, region.parent_id], ['province-chefchaouen', 'province', 'tanger-tetouan-al-hoceima', 'region', null]);
  const programme = await db.selectFrom('programme').select(['title_ar', 'title_fr', 'status', 'is_current']).where('collectivity_id', '=', c.id).executeTakeFirstOrThrow();
  assert.match(programme.title_ar, /مثال توضيحي/);
  assert.match(programme.title_fr!, /exemple fictif/);
  assert.deepEqual([programme.status, programme.is_current], ['adopted', 1]);

  const second = await seedDemo(db);
  assert.equal(second.loaded, false);
  assert.equal(second.accounts.length, 0);
  assert.deepEqual(await counts(), after);
});
