// Runs the migrations in src/db/migrations, in file-name (timestamp) order, on either database:
// the .ts files when the sources run through tsx, the .js files compiled into dist/db/migrations
// when this module runs from dist/ (the name recorded in the database has no extension).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './database.ts';

const folder = join(import.meta.dirname, '..', '..', 'db', 'migrations');
const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const migrationFile = new RegExp(`^\\d{8}T\\d{4}_[a-z0-9_]+\\${extension}$`);

const provider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const file of (await readdir(folder)).sort()) {
      if (!migrationFile.test(file)) continue;
      // imported only when it runs: a database already up to date (every start) imports none
      const load = (): Promise<Migration> => import(join(folder, file));
      migrations[file.slice(0, -extension.length)] = {
        up: async (db) => withoutStatementTimeout(db, (await load()).up),
        down: async (db) => (await load()).down?.(db),
      };
    }
    return migrations;
  },
};

/**
 * PostgreSQL runs the pending migrations in one transaction (SQLite cannot, and has no statement
 * timeout): the timeout that protects requests is lifted inside it, since building an index over
 * a large table (a million ballots) may take longer.
 */
async function withoutStatementTimeout(db: Kysely<any>, up: Migration['up']) {
  if (db.isTransaction) await sql`set local statement_timeout = 0`.execute(db);
  await up(db);
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Every migration this version knows, in the order they run. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await provider.getMigrations());
}

/** The migrations `migrateToLatest` would run, in order; reads the database, changes nothing
 *  (no migrations table is created in an empty database). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await new Migrator({ db, provider }).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
