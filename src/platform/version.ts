// What is running: the package's version and the last migration applied to the database, shown
// in /healthz and the back office's footer, so an operator sees an upgrade took.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from './db/database.ts';

/** package.json sits two folders up from src/platform/ and from dist/platform/ alike. */
export const packageVersion: string = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

export interface RunningVersion {
  version: string;
  /** the name of the last migration applied (its date comes first), null before any */
  migration: string | null;
}

/** The last migration recorded by Kysely's migrator: names sort by their date prefix. */
export async function lastMigration(db: Db): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows[0]?.name ?? null;
}

export async function runningVersion(db: Db): Promise<RunningVersion> {
  return { version: packageVersion, migration: await lastMigration(db) };
}
