// refuseDataLoss: what a migration that drops a table or a column calls first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, type Migration, Migrator } from 'kysely';
import { DataLossRefused, refuseDataLoss } from '../../src/platform/backup/refuse-data-loss.ts';
import { emptyDatabase } from '../helpers/migrations.ts';

test('refuseDataLoss: refuses rows that would be lost, lets empty tables and columns go', async (t) => {
  const db = (await emptyDatabase(t)).db as Kysely<any>; // tables of the test's own
  await db.schema.createTable('old_note').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('text', 'text').addColumn('legacy', 'text').execute();

  // nothing to lose: no table, no column, no rows
  await refuseDataLoss(db, 'no_such_table', 'replaced');
  await refuseDataLoss(db, 'old_note', 'no_such_column', 'replaced');
  await refuseDataLoss(db, 'old_note', 'notes now live in progress_note');

  await db.insertInto('old_note').values([{ id: 1, text: 'ملاحظة', legacy: null }, { id: 2, text: 'ثانية', legacy: null }]).execute();
  await assert.rejects(
    refuseDataLoss(db, 'old_note', 'notes now live in progress_note'),
    (e: Error) => e instanceof DataLossRefused && /^Migration refused: dropping table old_note would lose 2 rows\. Why it is dropped: notes now live in progress_note\. Back the database up/.test(e.message),
  );
  // a column: only its values count
  await refuseDataLoss(db, 'old_note', 'legacy', 'never read');
  await db.updateTable('old_note').set({ legacy: 'x' }).where('id', '=', 2).execute();
  await assert.rejects(refuseDataLoss(db, 'old_note', 'legacy', 'never read'), /dropping column old_note\.legacy would lose 1 row with a value\. Why it is dropped: never read/);
});

test('a migration that calls it stops before dropping, and the data stays', async (t) => {
  const database = await emptyDatabase(t);
  const db = database.db as Kysely<any>;
  const migrations: Record<string, Migration> = {
    '20990101T0000_create': {
      async up(db) {
        await db.schema.createTable('old_note').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
        await db.insertInto('old_note').values({ id: 1 }).execute();
      },
    },
    '20990101T0100_drop': {
      async up(db) {
        await refuseDataLoss(db, 'old_note', 'notes now live in progress_note');
        await db.schema.dropTable('old_note').execute();
      },
    },
  };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  assert.ok(error instanceof DataLossRefused);
  assert.equal(results?.find((r) => r.migrationName === '20990101T0100_drop')?.status, 'Error');
  // PostgreSQL rolled the whole run back; SQLite kept the first migration, and the row
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  if (tables.includes('old_note')) assert.equal((await db.selectFrom('old_note').selectAll().execute()).length, 1);
  else assert.equal(database.dialect, 'postgres');
});
