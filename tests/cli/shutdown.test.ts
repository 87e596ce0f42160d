// Graceful shutdown (issue 18): `infitah serve` under load from 20 keep-alive clients gets SIGTERM;
// every request it accepted is answered — each request it logged reached its client, and no
// client got an error or a status other than 200 after a request began — and it exits 0.
// Requests it never accepted are counted apart, as a balancer retries them: a connection refused
// once it stopped listening, and a connection reset before any answer — sent on an idle
// keep-alive connection as it was closed (Node's documented case: `reusedSocket`), or waiting in
// the kernel's accept queue when the listening socket closed. In-process: /healthz answers 503 while draining, a request longer than
// SHUTDOWN_TIMEOUT_MS is cut, and a mail delivery pass finishes its mail and claims no more.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { MailSender, type MailTransport, queueMail } from '../../src/platform/mail/index.ts';
import { shutDown } from '../../src/server.ts';
import { buildTestApp } from '../helpers/app.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');
const CLIENTS = 20;

interface Outcome {
  ok: number;
  /** answered, but not 200, or an error on a request the server had accepted */
  failed: string[];
  /** connection refused: the server had stopped listening */
  refused: number;
  /** reset before any answer: an idle keep-alive connection closed as the request was sent on
   *  it, or a new one still in the accept queue when the server stopped listening */
  reset: { reused: number; fresh: number };
}

function get(agent: http.Agent, port: number, path: string): Promise<{ status?: number; error?: NodeJS.ErrnoException; reused: boolean; answered: boolean }> {
  return new Promise((resolve) => {
    let answered = false;
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      answered = true;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket, answered }));
      res.on('error', (error) => resolve({ error, reused: req.reusedSocket, answered }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error, reused: req.reusedSocket, answered }));
  });
}

test('SIGTERM under load: every accepted request is answered, then the process exits 0', { timeout: 120_000 }, async (t) => {
  const { url } = await buildTestApp(t); // a database with the demo, for the server to serve
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', PAGE_CACHE: 'off', SHUTDOWN_TIMEOUT_MS: '10000', SESSION_SECRET: 'shutdown-test-secret-shutdown-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // the port it listens on, from its log
  let port = 0;
  for (let i = 0; i < 1200 && !port; i++) {
    port = Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? 0);
    if (!port) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(port, `the server did not start:\n${output}`);

  // a one-time link's token never reaches the log, on a page or on a 404
  for (const path of ['/admin/invitation?token=SECRET-ONE-TIME-TOKEN', '/no/such/page?token=SECRET-ONE-TIME-TOKEN']) {
    await get(new http.Agent(), port, path);
  }
  // pages rendered on every request (PAGE_CACHE=off), so some are in flight at any moment
  const paths = ['/ar/c/settat', '/fr/c/settat', '/ar/', '/en/c/settat'];
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const outcome: Outcome = { ok: 0, failed: [], refused: 0, reset: { reused: 0, fresh: 0 } };
  let signalled = false;
  let okBeforeSignal = 0;
  const client = async (n: number) => {
    for (let i = n; ; i++) {
      const r = await get(agent, port, paths[i % paths.length]);
      if (r.status === 200) outcome.ok++;
      else if (r.error?.code === 'ECONNREFUSED') {
        outcome.refused++;
        return; // not listening any more: this client is done
      } else if (r.error?.code === 'ECONNRESET' && !r.answered) outcome.reset[r.reused ? 'reused' : 'fresh']++;
      else outcome.failed.push(r.error ? `${r.error.code ?? r.error.message}${r.reused ? ' (reused socket)' : ''}` : `status ${r.status}`);
      if (!signalled) okBeforeSignal = outcome.ok;
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
  // under load for a while, then SIGTERM
  while (outcome.ok < 200 && outcome.failed.length === 0) await new Promise((r) => setTimeout(r, 20));
  signalled = true;
  child.kill('SIGTERM');
  const code = await exited;
  await Promise.all(clients);
  agent.destroy();
  t.diagnostic(`answered: ${outcome.ok} (${outcome.ok - okBeforeSignal} after SIGTERM); failed after being accepted: ${outcome.failed.length}; ` +
    `not accepted: refused (not listening) ${outcome.refused}, reset before an answer ${outcome.reset.reused} on an idle keep-alive connection, ${outcome.reset.fresh} in the accept queue`);
  assert.deepEqual(outcome.failed, [], 'no request failed once begun');
  assert.equal(code, 0, output.slice(-2000));
  assert.equal(outcome.refused, CLIENTS, 'each client ends on a refused connection');
  const log = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  // the server's own count: every request it answered reached a client (a reset one never began)
  assert.equal(log.filter((l) => l.msg === 'request' && l.status === 200 && paths.includes(l.url as string)).length, outcome.ok, 'answered by the server = received by the clients');
  assert.ok(log.some((l) => l.msg === 'stopping: draining requests in flight' && l.signal === 'SIGTERM'));
  assert.ok(log.some((l) => l.msg === 'stopped'));
  assert.ok(!log.some((l) => l.level as number >= 40), 'no warning (nothing cut) and no error');

  assert.doesNotMatch(output, /SECRET-ONE-TIME-TOKEN/);
  assert.equal(log.filter((l) => typeof l.url === 'string' && (l.url as string).startsWith('/no/such/page')).length, 1, 'one line for a 404');
  // one line per request (ADR 010), with the route, the collectivity, and no full address
  const line = log.find((l) => l.msg === 'request' && l.url === '/fr/c/settat')!;
  assert.deepEqual(Object.keys(line).sort(), ['collectivity', 'hostname', 'level', 'method', 'ms', 'msg', 'pid', 'reqId', 'route', 'status', 'time', 'url', 'ip'].sort());
  assert.equal(line.route, '/:locale/c/:slug');
  assert.equal(line.collectivity, 'settat');
  assert.equal(line.status, 200);
  assert.equal(line.ip, '127.0.0.0');
});

test('while draining, /healthz answers 503 and every answer closes its connection', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const healthy = await app.inject('/healthz');
  assert.equal(healthy.statusCode, 200);
  const body = healthy.json() as { status: string; version: string; migration: string };
  assert.equal(body.status, 'ok');
  assert.match(body.version, /^\d+\.\d+\.\d+/);
  assert.match(body.migration, /^\d{8}T\d{4}_\w+$/);
  assert.notEqual(healthy.headers.connection, 'close');
  app.lifecycle.draining = true;
  const draining = await app.inject('/healthz');
  assert.equal(draining.statusCode, 503);
  assert.equal((draining.json() as { status: string }).status, 'draining');
  assert.equal(draining.headers.connection, 'close');
  assert.equal((await app.inject('/ar/')).headers.connection, 'close');
});

test('a request in flight finishes; one that outlasts the timeout is cut; then the app and pool close', async (t) => {
  const { url } = await buildTestApp(t, { seed: false });
  const database = openDatabase(url);
  const { app: first } = await buildTestApp(t, { seed: false });
  const app = await buildApp({ ...first.config, port: 0 }, database, { logger: false });
  let release = () => undefined as void;
  let arrived = 0;
  app.get('/slow', async () => {
    arrived++;
    await new Promise((r) => setTimeout(r, 300));
    return 'done';
  });
  app.get('/stuck', () => {
    arrived++;
    return new Promise<never>((resolve) => void (release = () => resolve(undefined as never)));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  const slow = get(agent, port, '/slow');
  const stuck = get(agent, port, '/stuck');
  while (arrived < 2) await new Promise((r) => setTimeout(r, 5)); // both accepted
  const { cut } = await shutDown(app, database, 1000, 'SIGTERM');
  release();
  assert.equal(cut, 1, 'the stuck request was cut at the timeout');
  assert.equal((await slow).status, 200, 'the slow one finished');
  assert.equal((await stuck).error?.code, 'ECONNRESET');
  assert.equal(app.server.listening, false);
  await assert.rejects(database.db.selectFrom('collectivity').select('id').execute(), 'the pool is closed');
});

test('a stopping mail sender finishes the mail it is sending and leaves the others unclaimed', async (t) => {
  const { app, database } = await buildTestApp(t, { seed: false });
  const db = database.db;
  for (const to of ['a@test.ma', 'b@test.ma', 'c@test.ma']) await queueMail(db, { to, subject: 'اجتماع', text: 'نص' });
  let started!: () => void;
  const sending = new Promise<void>((resolve) => (started = resolve));
  const transport: MailTransport = {
    sendMail: async () => {
      started();
      await new Promise((r) => setTimeout(r, 200));
    },
  };
  const sender = new MailSender(db, { smtpUrl: 'smtp://unused', from: 'Infitah <no-reply@test.ma>' }, app.log, transport);
  sender.kick();
  await sending;
  await sender.stop(true);
  sender.kick(); // ignored once stopped
  await sender.settled();
  const rows = await db.selectFrom('mail_outbox').select(['to_address', 'status', 'attempts']).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => [r.to_address, r.status, r.attempts]), [
    ['a@test.ma', 'sent', 1],
    ['b@test.ma', 'pending', 0],
    ['c@test.ma', 'pending', 0],
  ]);
});
