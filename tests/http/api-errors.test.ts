// Issue 10 item 19: a 5xx answers `…/problems/internal` with a title and a status, never the
// driver's code, message or stack (the log keeps them); a 4xx keeps its meaningful problem type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { buildTestApp, usingPostgres } from '../helpers/app.ts';

const INTERNAL = { type: 'https://infitah.ma/problems/internal', title: 'Internal Server Error', status: 500 };

/** What the error handler logs, per request (the app under test logs nothing by itself). */
function recordErrorLogs(app: FastifyInstance) {
  const logged: unknown[] = [];
  app.addHook('onRequest', async (request) => {
    request.log = Object.assign(Object.create(request.log), { error: (obj: unknown) => void logged.push(obj) });
  });
  return logged;
}

test('a route that fails with a driver error answers problems/internal, with nothing of the error; the log keeps it', async (t) => {
  const { app } = await buildTestApp(t);
  const logged = recordErrorLogs(app);
  const driverError = () => Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432 (user infitah)'), { code: 'ECONNREFUSED' });
  app.get('/api/v1/test-failure', async () => {
    throw driverError();
  });
  app.get('/api/v1/test-unavailable', async () => {
    throw Object.assign(new Error('pool exhausted: 10 of 10 connections busy'), { statusCode: 503, code: 'POOL_EXHAUSTED' });
  });
  app.get('/fr/test-failure', async () => {
    throw driverError();
  });

  const api = await app.inject('/api/v1/test-failure');
  assert.equal(api.statusCode, 500);
  assert.match(String(api.headers['content-type']), /application\/problem\+json/);
  assert.deepEqual(api.json(), INTERNAL);
  const busy = await app.inject('/api/v1/test-unavailable');
  assert.equal(busy.statusCode, 503);
  assert.deepEqual(busy.json(), { ...INTERNAL, status: 503 });
  const page = await app.inject('/fr/test-failure');
  assert.equal(page.statusCode, 500);
  for (const body of [api.body, busy.body, page.body]) assert.doesNotMatch(body, /ECONNREFUSED|10\.1\.2\.3|POOL_EXHAUSTED|pool exhausted|at .*\.ts/);

  const messages = logged.map((l) => String((l as { err?: Error }).err?.message));
  assert.deepEqual(messages, ['connect ECONNREFUSED 10.1.2.3:5432 (user infitah)', 'pool exhausted: 10 of 10 connections busy', 'connect ECONNREFUSED 10.1.2.3:5432 (user infitah)']);
});

test('4xx answers keep their problem type', async (t) => {
  const { app } = await buildTestApp(t);
  const unknown = await app.inject('/api/v1/collectivities/atlantis/programme');
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().type, 'https://infitah.ma/problems/collectivity_not_found');
  const invalid = await app.inject('/api/v1/collectivities/settat/programme.csv?lang=de');
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().type, 'https://infitah.ma/problems/validation');
  const missing = await app.inject('/api/v1/nothing-here');
  assert.equal(missing.json().type, 'https://infitah.ma/problems/not_found');
});

test(`the database failing (${usingPostgres ? 'PostgreSQL refusing connections' : 'SQLite without its tables'}): API and pages answer 500 without internals`, async (t) => {
  // PostgreSQL: nothing listens on port 1 (the driver's ECONNREFUSED); SQLite: a file without the
  // schema (the driver's SQLITE_ERROR "no such table")
  const dir = mkdtempSync(join(tmpdir(), 'infitah-broken-'));
  const url = usingPostgres ? 'postgres://postgres@127.0.0.1:1/infitah' : `sqlite:${join(dir, 'empty.sqlite')}`;
  const database = openDatabase(url);
  const app = await buildApp(loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'test-secret-test-secret-test-secret', LOG_LEVEL: 'silent' }), database, { logger: false });
  t.after(async () => {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const logged = recordErrorLogs(app);

  for (const path of ['/api/v1/collectivities', '/api/v1/collectivities/settat/programme', '/api/v1/collectivities/settat/programme.csv']) {
    const res = await app.inject(path);
    assert.equal(res.statusCode, 500, path);
    assert.deepEqual(res.json(), INTERNAL, path);
  }
  const page = await app.inject('/fr/c/settat/programme');
  assert.equal(page.statusCode, 500);
  assert.doesNotMatch(page.body, /ECONNREFUSED|SQLITE|no such table|127\.0\.0\.1/i);
  // the log has the driver's code
  const codes = logged.map((l) => String((l as { err?: { code?: string } }).err?.code));
  assert.equal(codes.length, 4);
  assert.ok(codes.every((c) => c === (usingPostgres ? 'ECONNREFUSED' : 'SQLITE_ERROR')), codes.join());
});
