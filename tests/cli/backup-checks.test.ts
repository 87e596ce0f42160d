// What backup and restore check before they touch a database (no database needed): the
// PostgreSQL tools' version, the manifest's comparison, a backup of a newer schema, the back
// office's one-day rule.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tar from 'tar';
import { restore } from '../../src/platform/backup/backup.ts';
import { compareTables, type Manifest } from '../../src/platform/backup/manifest.ts';
import { checkToolVersion, toolMajor } from '../../src/platform/backup/postgres.ts';
import { backupIsStale } from '../../src/platform/backup/runs.ts';

test('the PostgreSQL tools: their version is read, and one older than the server is refused', () => {
  assert.equal(toolMajor('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n'), 15);
  assert.equal(toolMajor('pg_restore (PostgreSQL) 17.2'), 17);
  assert.throws(() => toolMajor('bash: pg_dump: command not found'), /Cannot read the version/);
  checkToolVersion('pg_dump', 15, 150020);
  checkToolVersion('pg_dump', 17, 150020); // a newer pg_dump reads an older server
  assert.throws(() => checkToolVersion('pg_dump', 15, 160004), /pg_dump 15 is older than the server \(PostgreSQL 16\): install postgresql-client-16/);
});

test("a restore is compared table by table with the manifest's figures", () => {
  const a = { axis: { rows: 2, checksum: '10' }, activity: { rows: 1, checksum: '7' } };
  assert.equal(compareTables(a, structuredClone(a)), null);
  assert.equal(compareTables(a, { ...a, axis: { rows: 3, checksum: '10' } }), 'table axis has 3 rows, the backup 2');
  assert.equal(compareTables(a, { ...a, axis: { rows: 2, checksum: '11' } }), "table axis: its rows differ from the backup's (checksum)");
  assert.equal(compareTables(a, { axis: a.axis }), 'table activity is missing');
  assert.equal(compareTables(a, { ...a, extra: { rows: 0, checksum: '0' } }), 'table extra is not in the backup');
});

test('a backup of a schema this version does not know is refused, before anything is written', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'infitah-backup-checks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dump = Buffer.from('SQLite format 3\0 (not really)');
  writeFileSync(join(dir, 'database.sqlite'), dump);
  const manifest: Manifest = {
    format: 'infitah-backup/1',
    appVersion: '9.0.0',
    kind: 'sqlite',
    lastMigration: '20991231T2359_from_the_future',
    createdAt: new Date().toISOString(),
    dump: { name: 'database.sqlite', bytes: dump.length, sha256: createHash('sha256').update(dump).digest('hex') },
    tables: {},
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await tar.create({ file: join(dir, 'future.tar'), cwd: dir }, ['manifest.json', 'database.sqlite']);
  const target = join(dir, 'data', 'infitah.sqlite');
  await assert.rejects(restore(`sqlite:${target}`, join(dir, 'future.tar'), { force: true }), /made by version 9\.0\.0, whose schema \(migration 20991231T2359_from_the_future\) this version does not know/);
  await assert.rejects(restore(`sqlite:${target}`, join(dir, 'missing.tar'), { force: false }), /There is no file/);
});

test('the back office warns when no backup is newer than a day', () => {
  const now = Date.parse('2026-12-05T10:00:00Z');
  const run = (at: string) => ({ at, kind: 'sqlite', bytes: 1, sha256: 'x', fileName: 'b.tar' });
  assert.equal(backupIsStale(null, now), true);
  assert.equal(backupIsStale(run('2026-12-04T11:00:00Z'), now), false);
  assert.equal(backupIsStale(run('2026-12-04T09:59:00Z'), now), true);
});
