// A PostgreSQL server that accepts connections and never answers (issue 10, item 18): start-up
// fails within seconds with one clear line, /healthz answers 503 within about a second, and
// statements have a time limit. The silent server is a TCP socket that reads and never writes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { type Server, type Socket, createServer } from 'node:net';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { freshDatabase, usingPostgres } from '../helpers/app.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');

async function silentServer(t: TestContext): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const { port } = server.address() as { port: number };
  return `postgres://postgres@127.0.0.1:${port}/infitah`;
}

test('infitah serve against a database that never answers exits non-zero with one clear line', async (t) => {
  const url = await silentServer(t);
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // before: no timeout at all, start-up waited for ever with an empty log
  const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(deadline);
  assert.notEqual(code, 0, 'start-up should fail');
  assert.notEqual(code, null, `killed after a minute: start-up hung\n${stderr}`);
  const { port } = new URL(url);
  assert.equal(stderr.trim(), `infitah: cannot reach the database at 127.0.0.1:${port} within 5 s`);
});

test('/healthz answers 503 within about a second when the database never answers', async (t) => {
  const url = await silentServer(t);
  const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'test-secret-test-secret-test-secret', LOG_LEVEL: 'silent' });
  const database = openDatabase(url, config.databaseTimeouts);
  const app = await buildApp(config, database, { logger: false });
  await app.ready();
  t.after(async () => {
    await app.close();
    await database.close();
  });
  const started = performance.now();
  const res = await app.inject('/healthz');
  const elapsed = performance.now() - started;
  assert.equal(res.statusCode, 503);
  assert.deepEqual(res.json(), { status: 'unavailable' });
  // 1 s by design; the bound leaves room for a loaded machine, and is below the pool's 5 s
  // connect timeout, so it is the health check's own limit that answered
  assert.ok(elapsed < 3000, `answered after ${Math.round(elapsed)} ms`);
});

test('a statement that runs longer than DATABASE_STATEMENT_TIMEOUT_MS is cancelled (PostgreSQL)', { skip: !usingPostgres && 'SQLite has no statement timeout' }, async (t) => {
  const { url } = await freshDatabase(t);
  const config = loadConfig({ DATABASE_URL: url, DATABASE_STATEMENT_TIMEOUT_MS: '300' });
  assert.deepEqual(config.databaseTimeouts, { connectTimeoutMs: 5000, statementTimeoutMs: 300 });
  const database = openDatabase(url, config.databaseTimeouts);
  t.after(() => database.close());
  const started = performance.now();
  await assert.rejects(sql`select pg_sleep(10)`.execute(database.db), /statement timeout/);
  assert.ok(performance.now() - started < 5000);
  // the connection is still good
  assert.deepEqual((await sql<{ n: number }>`select 1 as n`.execute(database.db)).rows, [{ n: 1 }]);
});

test('a timeout that is not a number of milliseconds is refused with its name', () => {
  assert.throws(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '5s' }), /DATABASE_CONNECT_TIMEOUT_MS must be a whole number of milliseconds/);
  assert.equal(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' }).databaseTimeouts.statementTimeoutMs, 0);
});
