// Migration tests: an empty database (SQLite file or new PostgreSQL database, dropped after the
// test) and the migrations of src/db/migrations in name order, up to (without) a given one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Migration, Migrator } from 'kysely';
import pg from 'pg';
import { migrations } from '../../src/db/migrations/index.ts';
import { type OpenDatabase, openDatabase } from '../../src/platform/db/database.ts';
import { usingPostgres } from './app.ts';

/** Migrations in name order (src/db/migrations/index.ts), up to (and without) `before` when given. */
export const provider = (before?: string) => ({
  async getMigrations() {
    const out: Record<string, Migration> = {};
    for (const name of Object.keys(migrations).sort()) {
      if (before && name >= before) continue;
      out[name] = await migrations[name]();
    }
    return out;
  },
});

/** Runs the migrations up to (without) `before`, or all of them. */
export async function migrate(database: OpenDatabase, before?: string) {
  const { error } = await new Migrator({ db: database.db, provider: provider(before) }).migrateToLatest();
  if (error) throw error;
}

export async function emptyDatabase(t: { after: (f: () => Promise<void>) => void }): Promise<OpenDatabase> {
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'infitah-migration-'));
    const database = openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    t.after(async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return database;
  }
  const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `infitah_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = openDatabase(u.toString());
  t.after(async () => {
    await database.close();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  return database;
}
