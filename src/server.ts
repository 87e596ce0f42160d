// Starts Infitah: opens the database, applies migrations, loads the demo into an empty
// database, and listens. Stops cleanly on SIGINT/SIGTERM.
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
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
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
