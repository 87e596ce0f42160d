// The programme-cycles migration carries existing databases: the adopted Settat programme that an
// imported draft had "replaced" (taking it off the public site) becomes current again, the draft
// stays a draft, a pending import stays a draft, older adopted programmes are closed, and a
// collectivity whose only programme is in co-creation keeps it as its current one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyDatabase, migrate } from '../helpers/migrations.ts';

const CYCLES = '20261204T1900_programme_cycles';

test('existing programmes: one current per collectivity, the replaced adopted plan back in place', async (t) => {
  const database = await emptyDatabase(t);
  await migrate(database, CYCLES);
  const db = database.db as any;
  const at = new Date().toISOString();
  const collectivity = async (slug: string) =>
    (await db.insertInto('collectivity').values({ slug, name_ar: slug, kind: 'commune', created_at: at }).returning('id').executeTakeFirstOrThrow()).id as number;
  const programme = async (c: number, start: number, status: string, pending = 0, replaced: string | null = null) =>
    (await db
      .insertInto('programme')
      .values({ collectivity_id: c, title_ar: `برنامج ${start}`, start_year: start, end_year: start + 1, status, pending, replaced_at: replaced, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()).id as number;

  const settat = await collectivity('settat');
  const older = await programme(settat, 2022, 'in_implementation', 0, at);
  const adopted = await programme(settat, 2024, 'in_implementation', 0, at); // replaced by the import below
  const placed = await programme(settat, 2024, 'draft'); // the import put in its place
  const waiting = await programme(settat, 2026, 'draft', 1); // an import still pending
  const berrechid = await collectivity('berrechid');
  const first = await programme(berrechid, 2026, 'co_creation');

  await migrate(database);

  const rows = await db.selectFrom('programme').select(['id', 'status', 'is_current']).orderBy('id').execute();
  const state = new Map(rows.map((r: { id: number; status: string; is_current: number }) => [r.id, [r.status, Number(r.is_current)]]));
  assert.deepEqual(state.get(adopted), ['in_implementation', 1]);
  assert.deepEqual(state.get(older), ['closed', 0]);
  assert.deepEqual(state.get(placed), ['draft', 0]);
  assert.deepEqual(state.get(waiting), ['draft', 0]);
  assert.deepEqual(state.get(first), ['co_creation', 1]);

  // the old flags are gone; the new columns are there
  const columns = await (async () => {
    const r = await db.selectFrom('programme').selectAll().where('id', '=', adopted).executeTakeFirstOrThrow();
    return Object.keys(r);
  })();
  assert.ok(columns.includes('is_current'));
  assert.ok(!columns.includes('pending') && !columns.includes('replaced_at'));
  // and the database keeps it to one current programme
  await assert.rejects(db.updateTable('programme').set({ is_current: 1 }).where('id', '=', older).execute());
});
