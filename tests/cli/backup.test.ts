// `infitah backup` while writes go on, and `infitah restore` into a new database, spawned as an
// operator runs them; on SQLite, or on PostgreSQL with TEST_DATABASE=postgres.
//
// The backup point: a writer inserts uploaded files (evidence_file rows, one at a time, ids
// rising) before, during and after the backup. The snapshot holds a prefix of them, ending at the
// largest id restored; every other table does not change during the backup. So the source "at
// the backup point" is: its rows of evidence_file up to that id, and all of its other tables
// (but backup_run, whose row the command writes after the dump).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import * as tar from 'tar';
import { buildTestApp, usingPostgres } from '../helpers/app.ts';
import { postgresTableNames, postgresTableSummary, sqliteTableNames, sqliteTableSummary } from '../../src/platform/backup/checksum.ts';
import type { TableSummary } from '../../src/platform/backup/manifest.ts';
import { lastBackup } from '../../src/platform/backup/runs.ts';
import { restore } from '../../src/platform/backup/backup.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs the command without blocking this process (the writer goes on meanwhile). */
function infitah(url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: url, ...env }, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every table's summary (`where` per table), read with the same functions as the manifest. */
async function summaries(url: string, where: Record<string, string> = {}): Promise<Record<string, TableSummary>> {
  if (url.startsWith('sqlite:')) {
    const db = new SQLite(url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      return Object.fromEntries(sqliteTableNames(db).map((n) => [n, sqliteTableSummary(db, n, where[n])]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, TableSummary> = {};
    for (const n of await postgresTableNames(client)) out[n] = await postgresTableSummary(client, n, where[n]);
    return out;
  } finally {
    await client.end();
  }
}

/** A new empty database (no tables) of the kind under test, removed when the test ends. */
async function emptyTarget(t: { after: (f: () => Promise<void>) => void }, dir: string, name: string): Promise<string> {
  if (!usingPostgres) return `sqlite:${join(dir, `${name}.sqlite`)}`;
  const db = `infitah_test_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${db}`);
  await admin.end();
  t.after(async () => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${db} with (force)`);
    await c.end();
  });
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

test('backup while files are uploaded, restore into a new database: every table as at the backup point', async (t) => {
  const { database, url } = await buildTestApp(t);
  const db = database.db;
  const dir = mkdtempSync(join(tmpdir(), 'infitah-backup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  // an uploaded file of 256 KiB on a progress note, and a writer adding 4 KiB ones
  const note = await db.selectFrom('progress_note').select(['id', 'collectivity_id']).orderBy('id').executeTakeFirstOrThrow();
  const upload = async (content: Buffer) =>
    (
      await db
        .insertInto('evidence_file')
        .values({
          collectivity_id: note.collectivity_id,
          note_id: note.id,
          sha256: createHash('sha256').update(content).digest('hex'),
          size: content.length,
          mime: 'application/pdf',
          original_name: 'محضر الاجتماع.pdf',
          content,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const big = randomBytes(256 * 1024);
  const bigId = await upload(big);
  const initialFiles = Number((await db.selectFrom('evidence_file').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  let writing = true;
  let written = 0;
  const writeOne = async () => {
    await upload(randomBytes(4096));
    written++;
    // a pause: SQLite answers synchronously, and the event loop must see the command's exit
    await new Promise((resolve) => setTimeout(resolve, 2));
  };
  for (let i = 0; i < 20; i++) await writeOne(); // before the backup starts, surely
  const writer = (async () => {
    while (writing) await writeOne();
  })();

  const archive = join(dir, 'infitah.tar');
  const started = performance.now();
  const made = await infitah(url, ['backup', '-o', archive]);
  const backupSeconds = (performance.now() - started) / 1000;
  const writtenByEnd = written;
  for (let i = 0; i < 20; i++) await writeOne(); // after it, surely
  writing = false;
  await writer;
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /Backup written: .*infitah\.tar \(\d+\.\d MB, (sqlite|postgres), \d+ tables, [\d,]+ rows/);

  // the archive: the manifest first, then the dump
  const entries: string[] = [];
  await tar.list({ file: archive, onReadEntry: (e) => entries.push(e.path) });
  assert.deepEqual(entries, ['manifest.json', usingPostgres ? 'database.pgdump' : 'database.sqlite']);
  await tar.extract({ file: archive, cwd: dir, filter: (p) => p === 'manifest.json' });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.kind, usingPostgres ? 'postgres' : 'sqlite');
  assert.equal(manifest.appVersion, JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version);
  assert.match(manifest.lastMigration, /^\d{8}T\d{4}_/);
  assert.match(manifest.dump.sha256, /^[0-9a-f]{64}$/);

  // recorded for the back office, after the dump: the source has the row, the dump does not
  const recorded = await lastBackup(db);
  assert.equal(recorded?.bytes, statSync(archive).size);
  assert.equal(recorded?.fileName, 'infitah.tar');

  const target = await emptyTarget(t, dir, 'restored');
  const restoreStarted = performance.now();
  const restored = await infitah(target, ['restore', archive]);
  const restoreSeconds = (performance.now() - restoreStarted) / 1000;
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /every table checked against the manifest/);

  // the backup point: the files restored are a prefix of those written, some during the backup
  const after = await summaries(target);
  const restoredFiles = after.evidence_file.rows;
  assert.ok(restoredFiles >= initialFiles + 20 && restoredFiles <= initialFiles + writtenByEnd, `${restoredFiles} files restored`);
  const lastRestoredId = await maxFileId(target);
  const atBackupPoint = await summaries(url, { evidence_file: `id <= ${lastRestoredId}` });
  assert.equal(atBackupPoint.backup_run.rows, 1);
  assert.equal(after.backup_run.rows, 0);
  delete atBackupPoint.backup_run;
  delete after.backup_run;
  delete manifest.tables.backup_run;
  assert.deepEqual(after, atBackupPoint, 'every table: the same rows as the source at the backup point');
  assert.deepEqual(after, manifest.tables, 'and as the manifest says');
  assert.ok(Object.keys(after).length > 50);

  // the uploaded file's bytes
  const restoredDb = usingPostgres ? null : new SQLite(target.slice('sqlite:'.length), { readonly: true });
  const bytes = restoredDb
    ? (restoredDb.prepare('select content from evidence_file where id = ?').get(bigId) as { content: Buffer }).content
    : await (async () => {
        const c = new pg.Client({ connectionString: target });
        await c.connect();
        const r = await c.query('select content from evidence_file where id = $1', [bigId]);
        await c.end();
        return r.rows[0].content as Buffer;
      })();
  restoredDb?.close();
  assert.ok(Buffer.compare(bytes, big) === 0, "the uploaded file's bytes are restored");

  const total = Object.values(after).reduce((n, s) => n + s.rows, 0);
  t.diagnostic(
    `${usingPostgres ? 'PostgreSQL' : 'SQLite'}: ${Object.keys(after).length} tables, ${total} rows; archive ${statSync(archive).size} bytes (dump ${manifest.dump.bytes}); ` +
      `backup ${backupSeconds.toFixed(2)} s and restore ${restoreSeconds.toFixed(2)} s, each a process of its own; ` +
      `${writtenByEnd - 20} files uploaded while the backup command ran, ${restoredFiles - initialFiles - 20} of them before its snapshot`,
  );

  // a database that is not empty is refused, naming what it holds; --force replaces it
  const again = await infitah(target, ['restore', archive]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /The database is not empty: kysely_migration \(\d+ migrations applied\), .*\(\d+ rows?\).*add --force/);
  const forced = await infitah(target, ['restore', archive, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /Replaced: kysely_migration/);

  // a damaged archive is refused before the database is touched, even with --force (these
  // refusals call what the command calls, in this process: the spawns above cost seconds each)
  const damaged = join(dir, 'damaged.tar');
  copyFileSync(archive, damaged);
  const buffer = readFileSync(damaged);
  // a byte in the middle of the dump: after the manifest's header and blocks, and the dump's header
  const dumpStart = 512 + Math.ceil(statSync(join(dir, 'manifest.json')).size / 512) * 512 + 512;
  buffer[dumpStart + Math.floor(manifest.dump.bytes / 2)] ^= 0xff;
  writeFileSync(damaged, buffer);
  await assert.rejects(restore(target, damaged, { force: true }), /is damaged: its dump's checksum .* differs from the manifest's/);
  const truncated = join(dir, 'truncated.tar');
  writeFileSync(truncated, buffer.subarray(0, 3000));
  await assert.rejects(restore(target, truncated, { force: true }), /not a readable backup archive|lacks its dump|is damaged/);
  const notAnArchive = join(dir, 'notes.txt');
  writeFileSync(notAnArchive, 'ليست نسخة احتياطية\n'.repeat(100));
  await assert.rejects(restore(target, notAnArchive, { force: true }), /not a readable backup archive|no valid manifest\.json/);
  assert.deepEqual(await summaries(target).then((s) => (delete s.backup_run, s)), after, 'the database is as the forced restore left it');

  // a backup of one kind is not restored into the other
  const otherKind = usingPostgres ? `sqlite:${join(dir, 'other.sqlite')}` : 'postgres://nobody@127.0.0.1:1/none';
  await assert.rejects(
    restore(otherKind, archive, { force: false }),
    usingPostgres ? /backup of a PostgreSQL database; DATABASE_URL names a SQLite database/ : /backup of a SQLite database; DATABASE_URL names a PostgreSQL database/,
  );
});

/** The largest evidence_file id of a database. */
async function maxFileId(url: string): Promise<number> {
  if (url.startsWith('sqlite:')) {
    const db = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    try {
      return (db.prepare('select max(id) as m from evidence_file').get() as { m: number }).m;
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query('select max(id) as m from evidence_file')).rows[0].m);
  } finally {
    await c.end();
  }
}

test('PostgreSQL: a clear message when pg_dump is missing', { skip: !usingPostgres && 'PostgreSQL only' }, async (t) => {
  const { url } = await buildTestApp(t, { seed: false });
  const dir = mkdtempSync(join(tmpdir(), 'infitah-backup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = await infitah(url, ['backup', '-o', join(dir, 'b.tar')], { PATH: '/nonexistent' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /pg_dump was not found on the PATH: install PostgreSQL's client tools/);
});
