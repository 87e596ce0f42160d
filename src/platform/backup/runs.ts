// The record of backups made (table backup_run), and the last one for the back office. The table
// is declared here rather than in platform/db/schema.ts: only this folder reads or writes it.
import { type Generated, sql } from 'kysely';
import { type Db, openDatabase } from '../db/database.ts';

export interface BackupRunTable {
  id: Generated<number>;
  at: string;
  kind: string;
  bytes: number;
  sha256: string;
  file_name: string;
}

export type BackupRun = { at: string; kind: string; bytes: number; sha256: string; fileName: string };

const withRuns = (db: Db) => db.withTables<{ backup_run: BackupRunTable }>();

async function hasRunsTable(db: Db): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === 'backup_run');
}

/** Written after the archive is complete. Returns false, writing nothing, when the database has
 *  not been migrated to a version with the table (a backup taken before an upgrade). */
export async function recordBackupRun(url: string, run: BackupRun): Promise<boolean> {
  const database = openDatabase(url);
  try {
    if (!(await hasRunsTable(database.db))) return false;
    await withRuns(database.db)
      .insertInto('backup_run')
      .values({ at: run.at, kind: run.kind, bytes: run.bytes, sha256: run.sha256, file_name: run.fileName })
      .execute();
    return true;
  } finally {
    await database.close();
  }
}

export async function lastBackup(db: Db): Promise<BackupRun | null> {
  const row = await withRuns(db)
    .selectFrom('backup_run')
    .select(['at', 'kind', sql<number>`bytes`.as('bytes'), 'sha256', 'file_name'])
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { at: row.at, kind: row.kind, bytes: Number(row.bytes), sha256: row.sha256, fileName: row.file_name } : null;
}

/** A day without a newer backup deserves a warning. */
export const backupIsStale = (last: BackupRun | null, now = Date.now()) => !last || now - Date.parse(last.at) > 24 * 3_600_000;
