// A server under test, run in its own child process (forked by bench/measure.ts):
//   node --import tsx bench/server.ts baseline          bare Fastify: GET / hello world, POST /submit
//   node --import tsx bench/server.ts app DATABASE_URL  the Infitah app on that database
// It listens on a random port on 127.0.0.1 and tells the parent which one over IPC, then
// serves until the parent disconnects or sends SIGTERM.
//
// The app runs as `npm start` runs it: the app's own logger at LOG_LEVEL (info unless the parent
// sets BENCH_LOG_LEVEL), writing to standard output, which the parent points at a file under
// data/bench/. PAGE_CACHE comes from the environment the parent gives (on, or off for fresh renders).
import qs from 'node:querystring';
import { distIsCurrent } from '../scripts/dist-current.js';
import Fastify, { type FastifyInstance } from 'fastify';

async function start(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const [kind, url] = process.argv.slice(2);
  if (kind === 'baseline') {
    const app = Fastify({ logger: false });
    app.get('/', async () => 'hello world');
    // the POST baseline of the submission rows: parse a urlencoded form (the app's parser,
    // node:querystring) and answer 303, as a submission does, without any work between
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, qs.parse(body as string)));
    app.post('/submit', async (request, reply) => {
      const form = request.body as Record<string, unknown>;
      return reply.redirect(`/thanks?fields=${Object.keys(form).length}`, 303);
    });
    return { app, close: () => app.close() };
  }
  if (kind === 'app' && url) {
    // the compiled dist/ when it is current, as `npm start` runs (ADR 009; `npm run bench` builds first)
    const code = distIsCurrent() ? '../dist' : '../src';
    const ext = code === '../dist' ? 'js' : 'ts';
    const { buildApp } = (await import(`${code}/app.${ext}`)) as typeof import('../src/app.ts');
    const { loadConfig } = (await import(`${code}/config.${ext}`)) as typeof import('../src/config.ts');
    const { openDatabase } = (await import(`${code}/platform/db/database.${ext}`)) as typeof import('../src/platform/db/database.ts');
    process.stderr.write(`  (app server runs ${code === '../dist' ? 'the compiled dist/' : 'the sources through tsx: dist/ is missing or stale'})\n`);
    const config = loadConfig({
      DATABASE_URL: url,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info',
      PAGE_CACHE: process.env.PAGE_CACHE ?? 'on',
      // as deployed unless the parent says (0: every request looks its collectivity up)
      ...(process.env.PAGE_FRESH_MS ? { PAGE_FRESH_MS: process.env.PAGE_FRESH_MS } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
      SESSION_SECRET: 'bench-only-secret-bench-only-secret',
      // set by bench/metrics-cost.ts: /metrics on, its per-request observation included
      ...(process.env.METRICS_TOKEN ? { METRICS_TOKEN: process.env.METRICS_TOKEN } : {}),
    });
    const database = openDatabase(config.databaseUrl, config.databaseTimeouts);
    // no options: the logger is the one `npm start` gets
    const app = await buildApp(config, database);
    return {
      app,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  }
  throw new Error(`usage: server.ts baseline | app DATABASE_URL (got ${process.argv.slice(2).join(' ')})`);
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
