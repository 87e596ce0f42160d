// Starts Infitah: opens the database, applies migrations, loads the demo into an empty
// database, and listens. Stops cleanly on SIGINT/SIGTERM.
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { seedDemo } from './modules/demo.ts';

export async function startServer(config: Config, options: { demo: boolean }) {
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const app = await buildApp(config, database);
  if (options.demo) {
    const empty = (await database.db.selectFrom('collectivity').select('id').limit(1).execute()).length === 0;
    if (empty) {
      const demo = await seedDemo(database.db);
      app.log.info({ loaded: demo.loaded }, 'Settat demo loaded');
      if (demo.accounts.length > 0) {
        const lines = demo.accounts.map((a) => `  ${a.role.padEnd(14)} ${a.email}  password: ${a.password}`);
        process.stdout.write(`\nDemo back office at ${config.baseUrl}/admin — these logins are shown once:\n${lines.join('\n')}\n` +
          `Change a password with: npm run infitah -- create-admin --email EMAIL --password NEW\n\n`);
      }
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
