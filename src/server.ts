// Starts Infitah: opens the database, applies migrations, loads the demo into an empty
// database, and listens. Stops gracefully on SIGINT/SIGTERM (docs/decisions/013-…).
import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { DatabaseTimeout, type OpenDatabase, checkDatabase, databaseAddress, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

export async function startServer(config: Config, options: { demo: boolean }) {
  const database = openDatabase(config.databaseUrl, config.databaseTimeouts);
  await reachDatabase(database, config);
  // Instances started together take turns: the first migrates and loads the demo, the others
  // then find the database migrated and not empty.
  const demo = await database.exclusive(async () => {
    await migrateToLatest(database.db);
    if (!options.demo) return null;
    const empty = (await database.db.selectFrom('collectivity').select('id').limit(1).execute()).length === 0;
    if (!empty) return null;
    const { seedDemo } = await import('./modules/demo.ts'); // the demo's data, read on an empty database only
    return await seedDemo(database.db);
  });
  const app = await buildApp(config, database);
  if (demo) {
    app.log.info({ loaded: demo.loaded }, 'Settat demo loaded');
    if (demo.accounts.length > 0) {
      const lines = demo.accounts.map((a) => `  ${a.role.padEnd(14)} ${a.email}  password: ${a.password}`);
      process.stdout.write(`\nDemo back office at ${config.baseUrl}/admin — these logins are shown once:\n${lines.join('\n')}\n` +
        `Change a password with: npm run infitah -- create-admin --email EMAIL --password NEW\n\n`);
    }
  }
  await app.listen({ port: config.port, host: config.host });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    process.on(signal, () => undefined); // a second signal while draining changes nothing
    if (stopping) return;
    stopping = true;
    shutDown(app, database, config.shutdownTimeoutMs, signal).then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}

/**
 * Graceful shutdown: /healthz answers 503 and every answer closes its connection (draining);
 * the server accepts no new connection; requests in flight get `timeoutMs` to finish, then
 * their connections are cut. Then the app closes — the sweeps stop, a mail delivery pass
 * finishes the mail it is sending and leaves the others pending — and the database pool.
 */
/** Resolves with the number of connections cut at the timeout. */
export async function shutDown(app: FastifyInstance, database: OpenDatabase, timeoutMs: number, signal: string): Promise<{ cut: number }> {
  const started = Date.now();
  app.log.info({ signal, timeoutMs }, 'stopping: draining requests in flight');
  app.lifecycle.draining = true;
  const cut = await drain(app.server, timeoutMs);
  if (cut > 0) app.log.warn({ connections: cut, timeoutMs }, 'stopping: requests still running after the timeout were cut');
  // a stuck close (an SMTP send, a database that no longer answers) must not keep the process
  const closing = app.close().then(() => database.close());
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the app did not close within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([closing, stuck]);
  } finally {
    clearTimeout(timer);
  }
  app.log.info({ ms: Date.now() - started }, 'stopped');
  return { cut };
}

/**
 * Stops accepting connections and waits for the open ones to end; after `timeoutMs`, cuts those
 * left and resolves with how many. Unlike http.Server's close(), it does not close at once the
 * keep-alive connections that look idle: under load they hold requests not read yet, which are
 * then answered (with `Connection: close`) instead of reset. A connection still idle a second
 * later is one its client no longer uses, and is closed.
 */
function drain(server: Server, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    let cut = 0;
    const timer = setTimeout(() => {
      server.getConnections((_err, count) => {
        cut = count;
        server.closeAllConnections();
      });
    }, timeoutMs);
    const idle = setInterval(() => server.closeIdleConnections(), Math.min(1000, timeoutMs / 2));
    // net.Server's close: stop listening, leave the connections be (app.close() later calls
    // http.Server's own, which then has nothing left to close)
    NetServer.prototype.close.call(server, () => {
      clearTimeout(timer);
      clearInterval(idle);
      resolve(cut);
    });
  });
}

/** One query first, so that an unreachable database is one clear line instead of a silent hang. */
async function reachDatabase(database: OpenDatabase, config: Config) {
  const { connectTimeoutMs } = config.databaseTimeouts;
  try {
    await checkDatabase(database.db, connectTimeoutMs);
  } catch (err) {
    const where = `cannot reach the database at ${databaseAddress(config.databaseUrl)}`;
    const timedOut = err instanceof DatabaseTimeout || /timeout/i.test((err as Error).message);
    throw new Error(timedOut ? `${where} within ${connectTimeoutMs / 1000} s` : `${where}: ${(err as Error).message}`, { cause: err });
  }
}
