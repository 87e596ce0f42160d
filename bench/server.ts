// A server under test, run in its own child process (forked by bench/run.ts):
//   node --import tsx bench/server.ts baseline          bare Fastify hello world
//   node --import tsx bench/server.ts app PATH.sqlite   the Infitah app on that database
// It listens on a random port on 127.0.0.1 and tells the parent which one over IPC, then
// serves until the parent disconnects or sends SIGTERM.
import Fastify, { type FastifyInstance } from 'fastify';

async function start(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const [kind, path] = process.argv.slice(2);
  if (kind === 'baseline') {
    const app = Fastify({ logger: false });
    app.get('/', async () => 'hello world');
    return { app, close: () => app.close() };
  }
  if (kind === 'app' && path) {
    const { buildApp } = await import('../src/app.ts');
    const { loadConfig } = await import('../src/config.ts');
    const { openDatabase } = await import('../src/platform/db/database.ts');
    const config = loadConfig({ DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'bench-only-secret-bench-only-secret' });
    const database = openDatabase(config.databaseUrl);
    const app = await buildApp(config, database, { logger: false });
    return {
      app,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  }
  throw new Error(`usage: server.ts baseline | app PATH (got ${process.argv.slice(2).join(' ')})`);
}

const { app, close } = await start();
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await close();
  process.exit(0);
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
// the parent asks for the CPU time used so far (user + system, all threads: zlib's pool too)
process.on('message', (msg) => {
  if (msg === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
process.send!({ port: address.port, pid: process.pid });
