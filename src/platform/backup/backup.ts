// `infitah backup` and `infitah restore`: one archive (tar) holding the database's dump and a
// manifest; uploaded files are rows (blob/bytea columns), so the dump holds them.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { knownMigrations } from '../db/migrate.ts';
import { BackupError } from './errors.ts';
import { DUMP_NAME, MANIFEST_NAME, type Manifest, appVersion, manifestSchema, totalRows } from './manifest.ts';
import { dumpPostgres, postgresContents, restorePostgres } from './postgres.ts';
import { dumpSqlite, restoreSqlite, sqliteContents } from './sqlite.ts';
import { recordBackupRun } from './runs.ts';

export type Kind = 'sqlite' | 'postgres';

export function kindOf(url: string): Kind {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new BackupError(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
}

const sqlitePath = (url: string) => url.slice('sqlite:'.length);

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface BackupResult {
  file: string;
  manifest: Manifest;
  bytes: number;
  sha256: string;
  /** false when the database predates the backup_run table */
  recorded: boolean;
}

/**
 * Dumps the database into a temporary folder beside `output`, packs the dump and its manifest,
 * and renames the archive into place: the file named is a whole backup or is not there.
 */
export async function backup(url: string, output: string): Promise<BackupResult> {
  const kind = kindOf(url);
  const file = resolve(output);
  if (!existsSync(dirname(file))) throw new BackupError(`The folder ${dirname(file)} does not exist.`);
  if (kind === 'sqlite' && resolve(sqlitePath(url)) === file) throw new BackupError('The backup cannot overwrite the database itself.');
  const work = mkdtempSync(join(dirname(file), `.${basename(file)}.partial-`));
  try {
    const dumpName = DUMP_NAME[kind];
    const dumpPath = join(work, dumpName);
    const snapshot = kind === 'sqlite' ? await dumpSqlite(sqlitePath(url), dumpPath) : await dumpPostgres(url, dumpPath);
    const manifest: Manifest = {
      format: 'infitah-backup/1',
      appVersion: appVersion(),
      kind,
      lastMigration: snapshot.lastMigration,
      createdAt: new Date().toISOString(),
      dump: { name: dumpName, bytes: statSync(dumpPath).size, sha256: await sha256File(dumpPath) },
      tables: snapshot.tables,
    };
    writeFileSync(join(work, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    const packed = join(work, 'archive.tar');
    // the manifest first: a reader finds it without going through the dump
    await tar.create({ file: packed, cwd: work, portable: true }, [MANIFEST_NAME, dumpName]);
    const bytes = statSync(packed).size;
    const sha256 = await sha256File(packed);
    renameSync(packed, file);
    const recorded = await recordBackupRun(url, { at: manifest.createdAt, kind, bytes, sha256, fileName: basename(file) });
    return { file, manifest, bytes, sha256, recorded };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Extracts the archive's two entries into `into` and checks the manifest and the dump's checksum. */
async function openArchive(file: string, into: string): Promise<{ manifest: Manifest; dumpPath: string }> {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  const wanted = new Set<string>([MANIFEST_NAME, ...Object.values(DUMP_NAME)]);
  try {
    await tar.extract({ file, cwd: into, strict: true, filter: (path) => wanted.has(path) });
  } catch (e) {
    throw new BackupError(`${file} is not a readable backup archive (${(e as Error).message}).`);
  }
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(join(into, MANIFEST_NAME), 'utf8')));
  } catch {
    throw new BackupError(`${file} has no valid ${MANIFEST_NAME}: it is not an Infitah backup, or it is damaged.`);
  }
  const dumpPath = join(into, manifest.dump.name);
  if (manifest.dump.name !== DUMP_NAME[manifest.kind] || !existsSync(dumpPath)) throw new BackupError(`${file} lacks its dump (${manifest.dump.name}).`);
  const bytes = statSync(dumpPath).size;
  const sha256 = await sha256File(dumpPath);
  if (bytes !== manifest.dump.bytes || sha256 !== manifest.dump.sha256) {
    throw new BackupError(`${file} is damaged: its dump's checksum (${sha256.slice(0, 12)}…, ${bytes} bytes) differs from the manifest's (${manifest.dump.sha256.slice(0, 12)}…, ${manifest.dump.bytes} bytes). Nothing was restored.`);
  }
  return { manifest, dumpPath };
}

/** The first few of a database's contents, for a message. */
export const listed = (contents: string[]) => `${contents.slice(0, 5).join(', ')}${contents.length > 5 ? `, and ${contents.length - 5} more tables` : ''}`;

export interface RestoreResult {
  manifest: Manifest;
  /** what the database held before a forced restore */
  replaced: string[];
  /** PostgreSQL, forced: tables the backup does not have, dropped */
  dropped: string[];
  /** migrations this version has that the backup's database had not run */
  pending: number;
}

export async function restore(url: string, file: string, options: { force: boolean }): Promise<RestoreResult> {
  const kind = kindOf(url);
  const target = kind === 'sqlite' ? resolve(sqlitePath(url)) : null;
  // SQLite: extracted beside the database, so that it is renamed into place
  if (target) mkdirSync(dirname(target), { recursive: true });
  const work = mkdtempSync(target ? join(dirname(target), `.${basename(target)}.restore-`) : join(tmpdir(), 'infitah-restore-'));
  try {
    const { manifest, dumpPath } = await openArchive(resolve(file), work);
    if (manifest.kind !== kind) {
      const name = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
      throw new BackupError(`This is a backup of a ${name[manifest.kind]} database; DATABASE_URL names a ${name[kind]} database. A backup is restored into the same kind of database.`);
    }
    const known = await knownMigrations();
    if (manifest.lastMigration && !known.includes(manifest.lastMigration)) {
      throw new BackupError(`This backup was made by version ${manifest.appVersion}, whose schema (migration ${manifest.lastMigration}) this version does not know: restore it with that version or a newer one.`);
    }
    const contents = target ? sqliteContents(target) : await postgresContents(url);
    if (contents.length && !options.force) {
      throw new BackupError(`The database is not empty: ${listed(contents)}. Restore into an empty database, or add --force to replace its content with the backup's.`);
    }
    let dropped: string[] = [];
    if (target) restoreSqlite(target, dumpPath, manifest);
    else dropped = await restorePostgres(url, dumpPath, manifest, options.force);
    const pending = manifest.lastMigration ? known.filter((m) => m > manifest.lastMigration!).length : known.length;
    return { manifest, replaced: contents, dropped, pending };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export { totalRows };
