// `npm run bench`: builds a national-size dataset, then measures the public pages and the API
// of Infitah against a bare Fastify hello world, and reports them against the targets.
//
// Environment:
//   BENCH_COMMUNES=1500        generated communes (plus Settat, 12 regions, 75 provinces)
//   BENCH_SECONDS=10           measurement per target; BENCH_WARMUP=2 seconds of warm-up before it
//   BENCH_CONNECTIONS=50       concurrent connections
//   BENCH_REUSE=1              keep ./data/bench/national.sqlite if it was built for the same count
//   BENCH_SMALL_COMMUNES=100   also measure the network home on a small network (0: skip)
//   BENCH_PROF=1               the servers write V8 CPU profiles to ./data/bench/profiles/
//
// Exit status: 0 when every request was answered with a 2xx, targets met or not (it is a report);
// 1 when the load saw non-2xx responses, connection errors or timeouts; 2 when the run itself failed.
//
// Process layout: each server (the baseline, the app) runs in a child process of its own and
// autocannon runs here, in the parent, so the load generator never shares an event loop with
// the server it measures. They still share the machine's cores: the ratio to the baseline,
// measured the same way, is the figure to read, more than absolute req/s.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDataset, type DatasetInfo } from './dataset.ts';
import { communeSlug } from './generate.ts';
import { type LoadResult, type PageSize, type Server, load, pageSize, get, startServer } from './measure.ts';

const envInt = (name: string, fallback: number, min = 0) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${raw})`);
  return n;
};

const COMMUNES = envInt('BENCH_COMMUNES', 1500, 2);
const SECONDS = envInt('BENCH_SECONDS', 10, 1);
const WARMUP = envInt('BENCH_WARMUP', 2, 0);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50, 1);
const SMALL = envInt('BENCH_SMALL_COMMUNES', 100, 0);
const REUSE = process.env.BENCH_REUSE === '1';
const dataDir = join(import.meta.dirname, '..', 'data', 'bench');

// The targets.
const TARGET_RATIO = 0.3; // programme page req/s ≥ 30% of the hello-world baseline
const TARGET_P99_MS = 50; // …with p99 ≤ 50 ms at 50 connections
const TARGET_KB = 30; // programme page ≤ 30 KB gzip, CSS included
const FLAT_TOLERANCE = 0.8; // "independent of the network size": late/small page within 20% of the first/large one

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

type Where = 'baseline' | 'app' | 'small';
interface Target {
  id: string;
  label: string;
  where: Where;
  path: string;
  headers: Record<string, string>;
  /** measure the page's size (HTML pages) */
  size: boolean;
}

const midCommune = communeSlug(Math.max(1, Math.round(COMMUNES / 2)));
const lateCommune = communeSlug(Math.max(1, Math.floor((COMMUNES * 14) / 15)));

const targets: Target[] = [
  { id: 'baseline', label: 'baseline: Fastify hello world', where: 'baseline', path: '/', headers: {}, size: false },
  { id: 'programme', label: `programme page ${midCommune}`, where: 'app', path: `/ar/c/${midCommune}/programme`, headers: GZIP, size: true },
  { id: 'settat', label: 'programme page settat', where: 'app', path: '/ar/c/settat/programme', headers: GZIP, size: true },
  { id: 'home', label: 'network home, first page', where: 'app', path: '/ar/', headers: GZIP, size: true },
  { id: 'home-late', label: 'network home, late page', where: 'app', path: `/ar/?after=${lateCommune}`, headers: GZIP, size: true },
  { id: 'api', label: `programme API ${midCommune}`, where: 'app', path: `/api/v1/collectivities/${midCommune}/programme`, headers: {}, size: false },
  ...(SMALL > 0 && SMALL < COMMUNES
    ? [{ id: 'home-small', label: `network home, first page (${SMALL} communes)`, where: 'small' as const, path: '/ar/', headers: GZIP, size: true }]
    : []),
];

interface Measured {
  target: Target;
  load: LoadResult;
  warmup: LoadResult | null;
  size: PageSize | null;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

async function check(server: Server, t: Target) {
  const res = await get(server.url + t.path, t.headers);
  if (res.status !== 200) throw new Error(`GET ${t.path} answered ${res.status} before the load: ${res.body.toString('utf8').slice(0, 300)}`);
}

async function measure(server: Server, t: Target): Promise<Measured> {
  await check(server, t);
  const size = t.size ? await pageSize(server.url, t.path) : null;
  log(`  ${t.label}: ${t.path} — warm-up ${WARMUP} s, then ${SECONDS} s at ${CONNECTIONS} connections`);
  const warmup = WARMUP > 0 ? await load(server.url + t.path, { connections: CONNECTIONS, seconds: WARMUP, headers: t.headers }) : null;
  const result = await load(server.url + t.path, { connections: CONNECTIONS, seconds: SECONDS, headers: t.headers });
  return { target: t, load: result, warmup, size };
}

async function measureOn(where: Where, args: string[], servers: Server[]): Promise<Measured[]> {
  const mine = targets.filter((t) => t.where === where);
  if (mine.length === 0) return [];
  const server = await startServer(args);
  servers.push(server);
  try {
    const out: Measured[] = [];
    for (const t of mine) out.push(await measure(server, t));
    return out;
  } finally {
    await server.stop();
  }
}

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (align[c] === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

function datasetLine(d: DatasetInfo, label: string) {
  const how = d.reused ? `reused (built earlier in ${d.buildSeconds.toFixed(1)} s)` : `built in ${d.buildSeconds.toFixed(1)} s`;
  return (
    `${label}: ${d.counts.collectivities} collectivities (${d.communes} generated communes + Settat, regions, provinces), ` +
    `${d.counts.programmes} programmes, ${d.counts.projects} projects, ${d.counts.activities} activities, ${d.counts.partners} partners; ` +
    `${(d.fileBytes / 1024 / 1024).toFixed(1)} MB; ${how}`
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  log(`Infitah benchmark: ${COMMUNES} communes, ${CONNECTIONS} connections, ${SECONDS} s per target (+${WARMUP} s warm-up)`);

  const national = await buildDataset(join(dataDir, 'national.sqlite'), COMMUNES, { reuse: REUSE, label: 'national dataset' });
  log(datasetLine(national, 'national dataset'));
  const small = targets.some((t) => t.where === 'small')
    ? await buildDataset(join(dataDir, 'small.sqlite'), SMALL, { reuse: REUSE, label: 'small dataset   ' })
    : null;
  if (small) log(datasetLine(small, 'small dataset'));

  const servers: Server[] = [];
  const results: Measured[] = [];
  try {
    log('measuring:');
    results.push(...(await measureOn('baseline', ['baseline'], servers)));
    results.push(...(await measureOn('app', ['app', national.path], servers)));
    if (small) results.push(...(await measureOn('small', ['app', small.path], servers)));
  } finally {
    for (const s of servers) await s.stop();
  }

  const by = (id: string) => results.find((r) => r.target.id === id);
  const baseline = by('baseline')!;

  // ── the table ────────────────────────────────────────────────────────────
  const rows: string[][] = [['target', 'path', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'HTML KB', 'gzip KB', 'page+CSS gzip KB', 'non-2xx', 'errors']];
  for (const r of results) {
    rows.push([
      r.target.label,
      r.target.path,
      r.load.rps.toFixed(0),
      ms(r.load.p50),
      ms(r.load.p99),
      r === baseline ? '100%' : `${((r.load.rps / baseline.load.rps) * 100).toFixed(1)}%`,
      r.size ? kb(r.size.html) : '-',
      r.size ? kb(r.size.gzip) : '-',
      r.size ? kb(r.size.total) : '-',
      String(r.load.non2xx + (r.warmup?.non2xx ?? 0)),
      String(r.load.errors + (r.warmup?.errors ?? 0)),
    ]);
  }
  const out: string[] = [];
  out.push('');
  out.push(`Infitah benchmark — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), SQLite`);
  out.push(datasetLine(national, 'Dataset'));
  if (small) out.push(datasetLine(small, 'Small dataset'));
  out.push(`Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per target after ${WARMUP} s warm-up; pages requested with accept-encoding: gzip; servers in child processes.`);
  out.push('');
  out.push(table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  const cssBy = results.find((r) => r.size)?.size;
  if (cssBy) out.push(`(CSS: ${kb(cssBy.cssGzip)} KB gzip, ${cssBy.cssGzipByServer ? 'as sent by the server' : 'gzipped here, level 6: the server sent it uncompressed'})`);

  // ── the targets ──────────────────────────────────────────────────────────
  out.push('');
  out.push('Targets of the issue (measured on this run):');
  const verdict = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
  for (const id of ['programme', 'settat']) {
    const r = by(id);
    if (!r) continue;
    const ratio = r.load.rps / baseline.load.rps;
    out.push(
      `  [${verdict(ratio >= TARGET_RATIO && r.load.p99 <= TARGET_P99_MS)}] ${r.target.label}: ${(ratio * 100).toFixed(1)}% of baseline req/s (target ≥ ${TARGET_RATIO * 100}%), ` +
        `p99 ${ms(r.load.p99)} ms (target ≤ ${TARGET_P99_MS} ms) at ${CONNECTIONS} connections`,
    );
  }
  const home = by('home');
  const late = by('home-late');
  if (home && late) {
    const ratio = late.load.rps / home.load.rps;
    out.push(
      `  [${verdict(ratio >= FLAT_TOLERANCE)}] network home independent of the position in the network: late page ${late.load.rps.toFixed(0)} req/s = ` +
        `${(ratio * 100).toFixed(1)}% of the first page's ${home.load.rps.toFixed(0)} req/s (p99 ${ms(late.load.p99)} vs ${ms(home.load.p99)} ms; within ${Math.round((1 - FLAT_TOLERANCE) * 100)}% counts as independent)`,
    );
  }
  const homeSmall = by('home-small');
  if (home && homeSmall && small) {
    const ratio = home.load.rps / homeSmall.load.rps;
    out.push(
      `  [${verdict(ratio >= FLAT_TOLERANCE)}] network home independent of the network size: ${national.counts.collectivities} collectivities ${home.load.rps.toFixed(0)} req/s = ` +
        `${(ratio * 100).toFixed(1)}% of ${small.counts.collectivities} collectivities' ${homeSmall.load.rps.toFixed(0)} req/s (p99 ${ms(home.load.p99)} vs ${ms(homeSmall.load.p99)} ms)`,
    );
  }
  for (const id of ['programme', 'settat']) {
    const r = by(id);
    if (!r?.size) continue;
    out.push(
      `  [${verdict(r.size.total / 1024 <= TARGET_KB)}] ${r.target.label} weighs ${kb(r.size.total)} KB gzip with its CSS ` +
        `(${kb(r.size.gzip)} KB page + ${kb(r.size.cssGzip)} KB CSS; target ≤ ${TARGET_KB} KB)`,
    );
  }

  // ── failures ─────────────────────────────────────────────────────────────
  const failures = results.filter((r) => r.load.non2xx + r.load.errors + r.load.timeouts + (r.warmup ? r.warmup.non2xx + r.warmup.errors + r.warmup.timeouts : 0) > 0);
  out.push('');
  if (failures.length > 0) {
    out.push('ERRORS during the load (exit status 1). A timeout is a request left unanswered for autocannon\'s 10 s; it is counted in errors:');
    for (const r of failures) {
      const w = r.warmup;
      out.push(
        `  ${r.target.label} ${r.target.path}: ${r.load.non2xx} non-2xx, ${r.load.errors} errors, ${r.load.timeouts} timeouts` +
          (w ? ` (warm-up: ${w.non2xx} non-2xx, ${w.errors} errors, ${w.timeouts} timeouts)` : ''),
      );
    }
  } else {
    out.push(`No non-2xx responses or connection errors (${results.reduce((s, r) => s + r.load.requests, 0)} measured requests).`);
  }
  out.push(`Total time: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('benchmark failed:', err);
    process.exit(2);
  },
);
