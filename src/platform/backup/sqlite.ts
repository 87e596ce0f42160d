// SQLite: a backup through SQLite's online backup API, which copies the pages of one read
// snapshot (WAL: the server keeps writing meanwhile); a restore writes the database file.
import { existsSync, renameSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { compareTables, type Manifest, type TableSummary } from './manifest.ts';
import { sqliteSummaries } from './checksum.ts';
import { BackupError } from './errors.ts';

export interface Snapshot {
  lastMigration: string | null;
  tables: Record<string, TableSummary>;
}

const MIGRATIONS = 'kysely_migration';

function lastMigration(db: SQLite.Database): string | null {
  const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(MIGRATIONS);
  if (!table) return null;
  const row = db.prepare(`select name from ${MIGRATIONS} order by name desc limit 1`).get() as { name: string } | undefined;
  return row?.name ?? null;
}

export async function dumpSqlite(path: string, dumpPath: string): Promise<Snapshot> {
  if (!existsSync(path)) throw new BackupError(`There is no database at ${path}.`);
  const source = new SQLite(path, { fileMustExist: true, timeout: 5000 });
  try {
    // All remaining pages in one step: one read transaction, so the copy is one consistent
    // snapshot even while other connections write (smaller steps would restart on each write).
    await source.backup(dumpPath, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SQLite(dumpPath);
  try {
    // one self-contained file: no -wal beside it (the server sets WAL again when it opens it)
    copy.pragma('journal_mode = DELETE');
    // the figures of the snapshot itself, read from the copy
    return { lastMigration: lastMigration(copy), tables: sqliteSummaries(copy) };
  } finally {
    copy.close();
  }
}

/** What makes a database not empty: its migrations table, and its tables that have rows. */
export function describeContents(db: SQLite.Database): string[] {
  const found: string[] = [];
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name").all() as { name: string }[];
  for (const { name } of tables) {
    const { n } = db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number };
    if (name === MIGRATIONS) found.unshift(`${MIGRATIONS} (${n} migrations applied)`);
    else if (n > 0) found.push(`${name} (${n} ${n === 1 ? 'row' : 'rows'})`);
  }
  return found;
}

export function sqliteContents(path: string): string[] {
  if (!existsSync(path)) return [];
  const db = new SQLite(path, { fileMustExist: true, timeout: 5000 });
  try {
    return describeContents(db);
  } finally {
    db.close();
  }
}

/**
 * Checks the extracted copy against the manifest, then moves it into place (a rename on the same
 * file system: the database is the old one or the new one, never half of each). The old
 * database's -wal and -shm go first, or SQLite would replay the old journal onto the new file.
 */
export function restoreSqlite(path: string, dumpPath: string, manifest: Manifest): void {
  const copy = new SQLite(dumpPath, { fileMustExist: true });
  try {
    const problem = compareTables(manifest.tables, sqliteSummaries(copy));
    if (problem) throw new BackupError(`The backup's database does not match its manifest: ${problem}. Nothing was restored.`);
  } finally {
    copy.close();
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  renameSync(dumpPath, path);
}
