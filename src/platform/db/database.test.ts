// Opening a new SQLite file while another process holds it: two instances started together on
// an empty database (tests/cli/concurrent-start.test.ts found it failing one round in five on a
// busy machine). The switch to WAL mode waits for the other process instead of failing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';

test('a new SQLite file held by another process: opening waits for it, then switches to WAL', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'infitah-open-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'new.sqlite');
  // another process is writing to the new file (rollback journal, a write transaction open) for
  // 400 ms: a connection that reads it then asks to write gets SQLITE_BUSY at once, its busy
  // timeout unused (waiting could deadlock two such connections)
  const holder = spawn(process.execPath, ['-e', `
    const db = new (require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))}))(${JSON.stringify(path)});
    db.exec('create table t (x); begin immediate; insert into t values (1)');
    console.log('held');
    setTimeout(() => { db.exec('commit'); db.close(); }, 400);
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => holder.once('exit', resolve));
  await new Promise((resolve) => holder.stdout.once('data', resolve));

  // without waiting, this throws 'database is locked'
  const database = openDatabase(`sqlite:${path}`);
  try {
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    assert.equal(rows[0].journal_mode, 'wal');
    const { rows: kept } = await sql<{ x: number }>`select x from t`.execute(database.db);
    assert.deepEqual(kept, [{ x: 1 }], 'and sees what the other one wrote');
  } finally {
    await database.close();
    await exited;
  }
});
