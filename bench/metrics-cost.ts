// `node --import tsx bench/metrics-cost.ts`: what /metrics costs a hot route. The cached programme
// page of the Settat demo, against a bare Fastify hello world, on app servers with and without
// METRICS_TOKEN (each request then observed in a histogram), in turns (ROUNDS), so that the
// shared machine's load falls on both alike. The figure to read is the ratio to hello world.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { seedDemo } from '../src/modules/demo.ts';
import { load, startServer } from './measure.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dir = join(import.meta.dirname, '..', 'data', 'bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'metrics-cost.sqlite');
rmSync(file, { force: true });
const database = openDatabase(`sqlite:${file}`);
await migrateToLatest(database.db);
await seedDemo(database.db);
await database.close();

const rps = { baseline: [] as number[], off: [] as number[], on: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of ['baseline', 'off', 'on'] as const) {
    const server = await startServer(kind === 'baseline' ? ['baseline'] : ['app', `sqlite:${file}`], {
      env: kind === 'on' ? { METRICS_TOKEN: 'bench-metrics-token-0123456789' } : {},
      logFile: join(dir, `metrics-cost-${kind}.log`),
    });
    const url = `${server.url}${kind === 'baseline' ? '/' : '/ar/c/settat'}`;
    await load(url, { connections: CONNECTIONS, seconds: 1 }); // warm-up: the page is cached
    const r = await load(url, { connections: CONNECTIONS, seconds: SECONDS });
    if (r.unexpected > 0 || r.errors > 0) throw new Error(`${kind}: ${JSON.stringify(r.codes)}, ${r.errors} errors`);
    rps[kind].push(r.rps);
    await server.stop();
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rel = (xs: number[]) => xs.map((x, i) => x / rps.baseline[i]);
console.log(`cached programme page, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (median)`);
console.log(`  hello world          ${Math.round(median(rps.baseline))} req/s`);
console.log(`  metrics off          ${Math.round(median(rps.off))} req/s  ${median(rel(rps.off)).toFixed(3)}× hello world`);
console.log(`  metrics on (token)   ${Math.round(median(rps.on))} req/s  ${median(rel(rps.on)).toFixed(3)}× hello world`);
