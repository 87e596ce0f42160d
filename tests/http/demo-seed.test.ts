// `npm start` loads the demo into an empty database; loading it again changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemo } from '../../src/modules/demo.ts';
import { freshDatabase } from '../helpers/app.ts';

test('the Settat demo loads once; loading again changes nothing', async (t) => {
  const { database } = await freshDatabase(t);
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['collectivity', 'programme', 'axis', 'project', 'activity', 'partner', 'indicator', 'activity_partner', 'project_partner', 'app_user'] as const) {
      out[table] = Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };
  const first = await seedDemo(database.db);
  assert.equal(first.loaded, true);
  assert.equal(first.accounts.length, 2);
  const after = await counts();
  // counted in the document: 17 partner mentions in the matrix, 8 on the four cards; and the next
  // programme, in co-creation on the load day, with the same four axes for its call
  assert.deepEqual(after, {
    collectivity: 3, programme: 2, axis: 8, project: 4, activity: 12, partner: 6, indicator: 8,
    activity_partner: 17, project_partner: 8, app_user: 2,
  });
  const second = await seedDemo(database.db);
  assert.equal(second.loaded, false);
  assert.equal(second.accounts.length, 0);
  assert.deepEqual(await counts(), after);
});
