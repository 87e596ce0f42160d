// Runs the migrations in src/db/migrations, in file-name (timestamp) order, on either database.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';

const folder = join(import.meta.dirname, '..', '..', 'db', 'migrations');

const provider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const file of (await readdir(folder)).sort()) {
      if (!/^\d{8}T\d{4}_[a-z0-9_]+\.ts$/.test(file)) continue;
      migrations[file.replace(/\.ts$/, '')] = await import(join(folder, file));
    }
    return migrations;
  },
};

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
