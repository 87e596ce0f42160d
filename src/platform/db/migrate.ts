// Runs the migrations of src/db/migrations (listed in its index.ts), in name (timestamp) order,
// on either database.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { migrations } from '../../db/migrations/index.ts';
import type { Db } from './database.ts';

const provider: MigrationProvider = {
  async getMigrations() {
    const out: Record<string, Migration> = {};
    for (const name of Object.keys(migrations).sort()) {
      const load = migrations[name];
      out[name] = {
        up: async (db) => withoutStatementTimeout(db, (await load()).up),
        down: async (db) => (await load()).down?.(db),
      };
    }
    return out;
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
