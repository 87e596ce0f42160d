// `npm run bench`: builds a national-size dataset, then measures the public pages and the API
// of Infitah against a bare Fastify hello world, and reports them against the issue's targets.
//
// Environment:
//   BENCH_COMMUNES=1500        generated communes (plus Settat, 12 regions, 75 provinces)
//   BENCH_SECONDS=10           measurement per target; BENCH_WARMUP=2 seconds of warm-up before it
//   BENCH_CONNECTIONS=50       concurrent connections
//   BENCH_REUSE=1              keep ./data/bench/national.sqlite if it was built for the same count
//                              (and the same generator and migrations), with its proposals
//   BENCH_SMALL_COMMUNES=100   also measure the network home on a small network (0: skip)
//   BENCH_PROF=1               the servers write V8 CPU profiles to ./data/bench/profiles/
//   BENCH_PROPOSALS=10000      co-creation: proposals of the commune whose list is measured (0: skip
//                              the co-creation part); BENCH_PROPOSALS_FEW=1000 and
//                              BENCH_PROPOSALS_MANY=100000 for the two communes compared for flatness
//   BENCH_ACCOUNTS=2000        verified citizen accounts that submit proposals (each may submit
//                              MAX_PER_HOUR = 5 an hour: the submission runs stay within 5 × this)
//   BENCH_TRANSFER=1           import and export (bench/transfer.ts; 0: skip): the real `infitah
//                              import-programme` on a generated 5,000-activity XLSX, and `infitah
//                              export-programme` XLSX and JSON of the national dataset as one
//                              programme and of twice that, on a copy of the national dataset
//                              (./data/bench/transfer.sqlite); time and peak RSS of each command
//   BENCH_BUDGET=1             participatory budget (bench/budget.ts; 0: skip), in its own database
//                              (./data/bench/budget.sqlite): the tally of 1,000,000 ballots over 50
//                              projects against a bare GROUP BY (goal ≤ 2×), and ballot submission
//                              by verified voters (ballots/s, p99; one ballot per voter)
//   BENCH_UPLOADS=1            uploads while the site answers (bench/uploads.ts; 0: skip), in its own
//                              database (./data/bench/uploads.sqlite): a maximal legal XLSX import
//                              preview, a hostile 900,000-cell XLSX, censuses of 150,000 voters and of
//                              20 MB; time, server peak RSS and /healthz p50 / p99 / max meanwhile
//
// Exit status: 0 when every request was answered with a 2xx (303 for proposal submissions, each of
// them stored), targets met or not (it is a report); 1 when the load saw other responses, connection
// errors or timeouts, or a submission answered 303 without its proposal stored, or an upload of
// bench/uploads.ts was answered otherwise than expected, or the budget part found a
// count unequal to the bare GROUP BY's or a ballot stored otherwise than answered; 2 when the run itself failed.
//
// Process layout: each server (the baseline, the app) runs in a child process of its own and
// autocannon runs here, in the parent, so the load generator never shares an event loop with
// the server it measures. They still share the machine's cores: the ratio to the baseline,
// measured the same way, is the figure to read, more than absolute req/s.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDataset, type DatasetInfo } from './dataset.ts';
import { communeSlug } from './generate.ts';
import { type LoadResult, type PageSize, type Server, load, pageSize, get, startServer } from './measure.ts';
import { type ProposalCommune, type ProposalsInfo, SEARCH_WORD, buildProposals } from './proposals.ts';
import { benchTransfer } from './transfer.ts';
import { benchBudget } from './budget.ts';
import { benchUploads } from './uploads.ts';
import { MAX_PER_HOUR, type SubmitResult, type SubmitSetup, fetchCsrf, mergeRuns, prepareSubmission, rotation, submitLoad } from './submit.ts';

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
const PROPOSALS = envInt('BENCH_PROPOSALS', 10_000, 0);
const PROPOSALS_FEW = envInt('BENCH_PROPOSALS_FEW', 1_000, 1);
const PROPOSALS_MANY = envInt('BENCH_PROPOSALS_MANY', 100_000, 1);
const ACCOUNTS = envInt('BENCH_ACCOUNTS', 2_000, 1);
const TRANSFER = envInt('BENCH_TRANSFER', 1, 0) > 0;
const BUDGET = envInt('BENCH_BUDGET', 1, 0) > 0;
const UPLOADS = envInt('BENCH_UPLOADS', 1, 0) > 0;
const dataDir = join(import.meta.dirname, '..', 'data', 'bench');

// The issue's targets.
const TARGET_RATIO = 0.3; // programme page req/s ≥ 30% of the hello-world baseline
const TARGET_P99_MS = 50; // …with p99 ≤ 50 ms at 50 connections
const TARGET_KB = 30; // programme page ≤ 30 KB gzip, CSS included
const FLAT_TOLERANCE = 0.8; // "independent of the network size": late/small page within 20% of the first/large one
const LIST_P99_MS = 50; // co-creation: proposals list p99 ≤ 50 ms at 50 connections (10,000 proposals)
const LIST_FLAT_FACTOR = 1.5; // …and 1,000 vs 100,000 proposals: req/s within 1.5× of each other

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

type Where = 'baseline' | 'app' | 'small';
const fmt = (n: number) => n.toLocaleString('en-US');
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

// Co-creation: communes added to the national dataset (bench/proposals.ts). Their list targets
// need ids from the database, so they are added once the proposals are built.
const proposalPlan: ProposalCommune[] =
  PROPOSALS > 0
    ? [
        { slug: 'bench-proposals-few', proposals: PROPOSALS_FEW, seedIndex: 9001 },
        { slug: 'bench-proposals', proposals: PROPOSALS, seedIndex: 9002 },
        { slug: 'bench-proposals-many', proposals: PROPOSALS_MANY, seedIndex: 9003 },
        { slug: 'bench-submit', proposals: 0, seedIndex: 9004 },
      ]
    : [];
const SUBMIT_SLUG = 'bench-submit';
const submitPath = `/ar/c/${SUBMIT_SLUG}/proposals/new`;

function proposalTargets(info: ProposalsInfo): Target[] {
  const [few, main, many] = info.communes;
  const list = (slug: string) => `/ar/c/${slug}/proposals`;
  return [
    { id: 'proposals', label: `proposals list (${fmt(main.proposals)}), first page`, where: 'app', path: list(main.slug), headers: GZIP, size: true },
    { id: 'proposals-filter', label: `proposals list (${fmt(main.proposals)}), filtered`, where: 'app', path: `${list(main.slug)}?channel=online&status=submitted`, headers: GZIP, size: true },
    { id: 'proposals-search', label: `proposals list (${fmt(main.proposals)}), search`, where: 'app', path: `${list(main.slug)}?q=${encodeURIComponent(SEARCH_WORD)}`, headers: GZIP, size: true },
    { id: 'proposals-deep', label: `proposals list (${fmt(main.proposals)}), deep page`, where: 'app', path: `${list(main.slug)}?before=${main.middleId}`, headers: GZIP, size: true },
    { id: 'proposals-few', label: `proposals list (${fmt(few.proposals)}), first page`, where: 'app', path: list(few.slug), headers: GZIP, size: true },
    { id: 'proposals-many', label: `proposals list (${fmt(many.proposals)}), first page`, where: 'app', path: list(many.slug), headers: GZIP, size: true },
  ];
}

interface Measured {
  target: Target;
  load: LoadResult;
  warmup: LoadResult | null;
  size: PageSize | null;
  /** CPU time of the server per answered request, in ms: less sensitive than req/s to other work on the machine */
  cpu: number;
}

interface SubmitMeasured {
  label: string;
  path: string;
  accounts: number;
  csrfSeconds: number;
  warmup: SubmitResult;
  load: SubmitResult;
  /** the measured run was cut short to stay within accounts × MAX_PER_HOUR */
  capped: boolean;
  /** server CPU ms per submission */
  cpu: number;
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
  const cpu0 = await server.cpu();
  const result = await load(server.url + t.path, { connections: CONNECTIONS, seconds: SECONDS, headers: t.headers });
  const cpu = (await server.cpu()) - cpu0;
  return { target: t, load: result, warmup, size, cpu: cpu / Math.max(1, result.requests) };
}

async function measureOn(where: Where, args: string[], servers: Server[], after?: (server: Server) => Promise<void>): Promise<Measured[]> {
  const mine = targets.filter((t) => t.where === where);
  if (mine.length === 0 && !after) return [];
  const server = await startServer(args);
  servers.push(server);
  try {
    const out: Measured[] = [];
    for (const t of mine) out.push(await measure(server, t));
    if (after) await after(server);
    return out;
  } finally {
    await server.stop();
  }
}

/**
 * Proposal submissions, after the pages (they write). Each account first opens the form for its
 * CSRF token. Runs have a fixed number of requests (autocannon `amount`), so that every answer is
 * counted before the stored rows are: a probe of 2 per connection gives the rate, a warm-up sized
 * to last about BENCH_WARMUP seconds follows, and the measured run is sized to last about
 * BENCH_SECONDS at the warm-up's rate, all within the accounts' hourly budget.
 */
async function measureSubmissions(server: Server, setup: SubmitSetup, dbPath: string): Promise<SubmitMeasured> {
  log(`  proposal submission: ${ACCOUNTS} accounts open the form for their CSRF token`);
  const { citizens, seconds: csrfSeconds } = await fetchCsrf(server.url, submitPath, setup.sessions);
  const rot = rotation(citizens, setup.axisIds);
  const run = (amount: number) => submitLoad(server.url, submitPath, dbPath, setup.collectivityId, rot, { connections: CONNECTIONS, amount });
  // setupRequest may prepare one request per connection more than it sends: keep that much spare
  const room = () => rot.budget - rot.used - CONNECTIONS;
  const probeAmount = CONNECTIONS * 2;
  if (room() < probeAmount + CONNECTIONS) throw new Error(`BENCH_ACCOUNTS=${ACCOUNTS} is too few for ${CONNECTIONS} connections (${MAX_PER_HOUR} submissions per account and hour)`);
  log(`  proposal submission: POST ${submitPath} — probe of ${probeAmount} submissions, warm-up of about ${WARMUP} s, then about ${SECONDS} s at ${CONNECTIONS} connections`);
  const warm = [await run(probeAmount)];
  const more = Math.min(Math.round(warm[0].rps * WARMUP) - probeAmount, Math.floor(rot.budget / 4) - rot.used);
  if (WARMUP > 0 && more >= CONNECTIONS) warm.push(await run(more));
  const wanted = Math.round(Math.max(warm[warm.length - 1].rps, 1) * SECONDS);
  const amount = Math.max(CONNECTIONS, Math.min(wanted, room()));
  const cpu0 = await server.cpu();
  const load = await run(amount);
  const cpu = ((await server.cpu()) - cpu0) / Math.max(1, load.requests);
  return { label: `proposal submission (${fmt(ACCOUNTS)} accounts)`, path: `POST ${submitPath}`, accounts: ACCOUNTS, csrfSeconds, warmup: mergeRuns(warm), load, capped: amount < wanted, cpu };
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

function proposalsLine(p: ProposalsInfo) {
  const how = p.reused ? `reused (built earlier in ${p.buildSeconds.toFixed(1)} s)` : `built in ${p.buildSeconds.toFixed(1)} s`;
  const main = p.communes[1];
  return (
    `Proposals: ${p.communes.filter((c) => c.proposals > 0).map((c) => `${c.slug} ${fmt(c.proposals)}`).join(', ')} ` +
    `(one step each; ${fmt(p.total)} in the table), in ${p.communes.length} communes added to the national dataset, multi-row inserts, one transaction per commune; ${how}; ` +
    `search "${SEARCH_WORD}" matches ${(main.searchShare * 100).toFixed(1)}% of ${main.slug}; deep page before id ${main.middleId} (its middle)`
  );
}

function submitLine(s: SubmitSetup, m: SubmitMeasured | undefined) {
  return (
    `Submission: ${fmt(s.sessions.length)} verified citizen accounts (${s.accountsCreated} created now), a session each and an open call in ${s.slug}, prepared in ${s.seconds.toFixed(1)} s` +
    (m ? `; their CSRF tokens (GET the form) in ${m.csrfSeconds.toFixed(1)} s` : '')
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  log(`Infitah benchmark: ${COMMUNES} communes, ${CONNECTIONS} connections, ${SECONDS} s per target (+${WARMUP} s warm-up)`);

  const nationalPath = join(dataDir, 'national.sqlite');
  const national = await buildDataset(nationalPath, COMMUNES, { reuse: REUSE, label: 'national dataset' });
  log(datasetLine(national, 'national dataset'));
  let proposals: ProposalsInfo | null = null;
  let submitSetup: SubmitSetup | null = null;
  if (proposalPlan.length > 0) {
    log(`proposals (${proposalPlan.map((c) => c.proposals).join(' / ')}):`);
    proposals = await buildProposals(nationalPath, proposalPlan, { reuse: REUSE && national.reused, log });
    log(proposalsLine(proposals));
    targets.push(...proposalTargets(proposals));
    submitSetup = await prepareSubmission(nationalPath, SUBMIT_SLUG, ACCOUNTS);
    log(submitLine(submitSetup, undefined));
  }
  const small = targets.some((t) => t.where === 'small')
    ? await buildDataset(join(dataDir, 'small.sqlite'), SMALL, { reuse: REUSE, label: 'small dataset   ' })
    : null;
  if (small) log(datasetLine(small, 'small dataset'));

  const servers: Server[] = [];
  const results: Measured[] = [];
  let submitted: SubmitMeasured | undefined;
  try {
    log('measuring:');
    results.push(...(await measureOn('baseline', ['baseline'], servers)));
    const setup = submitSetup;
    results.push(...(await measureOn('app', ['app', national.path], servers, setup ? async (server) => void (submitted = await measureSubmissions(server, setup, nationalPath)) : undefined)));
    if (small) results.push(...(await measureOn('small', ['app', small.path], servers)));
  } finally {
    for (const s of servers) await s.stop();
  }
  // import and export, after the load (nothing else runs): on a copy of the national dataset
  const transfer = TRANSFER ? await benchTransfer(nationalPath, dataDir, log) : null;
  // the participatory budget, in a database of its own
  const budget = BUDGET ? await benchBudget(dataDir, { connections: CONNECTIONS, seconds: SECONDS, warmup: WARMUP, log }) : null;
  // uploads, in a database of their own
  const uploads = UPLOADS ? await benchUploads(dataDir, log) : null;
  // in the order of the targets (the home on the small network comes before the co-creation)
  results.sort((a, b) => targets.indexOf(a.target) - targets.indexOf(b.target));

  const by = (id: string) => results.find((r) => r.target.id === id);
  const baseline = by('baseline')!;

  // ── the table ────────────────────────────────────────────────────────────
  const rows: string[][] = [['target', 'path', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'CPU ms/req', 'HTML KB', 'gzip KB', 'page+CSS gzip KB', 'non-2xx', 'errors']];
  for (const r of results) {
    rows.push([
      r.target.label,
      decodeURI(r.target.path),
      r.load.rps.toFixed(0),
      ms(r.load.p50),
      ms(r.load.p99),
      r === baseline ? '100%' : `${((r.load.rps / baseline.load.rps) * 100).toFixed(1)}%`,
      r.cpu.toFixed(3),
      r.size ? kb(r.size.html) : '-',
      r.size ? kb(r.size.gzip) : '-',
      r.size ? kb(r.size.total) : '-',
      String(r.load.non2xx + (r.warmup?.non2xx ?? 0)),
      String(r.load.errors + (r.warmup?.errors ?? 0)),
    ]);
  }
  const unexpected = (s: SubmitResult) => s.requests - (s.codes['303'] ?? 0);
  if (submitted) {
    const s = submitted;
    rows.push([
      s.label,
      s.path,
      s.load.rps.toFixed(0),
      ms(s.load.p50),
      ms(s.load.p99),
      `${((s.load.rps / baseline.load.rps) * 100).toFixed(1)}%`,
      s.cpu.toFixed(3),
      '-',
      '-',
      '-',
      `${unexpected(s.load) + unexpected(s.warmup)}*`,
      String(s.load.errors + s.warmup.errors),
    ]);
  }
  const out: string[] = [];
  out.push('');
  out.push(`Infitah benchmark — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), SQLite`);
  out.push(datasetLine(national, 'Dataset'));
  if (small) out.push(datasetLine(small, 'Small dataset'));
  if (proposals) out.push(proposalsLine(proposals));
  if (submitSetup) out.push(submitLine(submitSetup, submitted));
  out.push(`Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per target after ${WARMUP} s warm-up; pages requested with accept-encoding: gzip; servers in child processes.`);
  out.push(`Machine load average (1 min): ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end, on ${cpus().length} CPU(s) — other work on the machine lowers every figure.`);
  out.push('');
  out.push(table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  out.push('(CPU ms/req: CPU time of the server process, all its threads, per answered request during the measurement.)');
  const cssBy = results.find((r) => r.size)?.size;
  if (cssBy) out.push(`(CSS: ${kb(cssBy.cssGzip)} KB gzip, ${cssBy.cssGzipByServer ? 'as sent by the server' : 'gzipped here, level 6: the server sent it uncompressed'})`);
  if (submitted) {
    const s = submitted;
    const codes = (r: SubmitResult) => Object.entries(r.codes).map(([c, n]) => `${fmt(n)}× ${c}`).join(', ') || 'none';
    out.push(
      `(* submission: a 303 to the new proposal is the expected answer; the column counts the others. req/s = 303 answers per second, ` +
        `${fmt(s.load.requests)} submissions in ${s.load.seconds.toFixed(1)} s (answers: ${codes(s.load)}) after a warm-up of ${fmt(s.warmup.requests)} (${codes(s.warmup)})` +
        `${s.capped ? `; cut short to stay within ${fmt(s.accounts)} accounts × ${MAX_PER_HOUR} submissions an hour (raise BENCH_ACCOUNTS)` : ''})`,
    );
  }

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

  const listLine = (r: Measured) =>
    `  [${verdict(r.load.p99 <= LIST_P99_MS)}] ${r.target.label}: p99 ${ms(r.load.p99)} ms (target ≤ ${LIST_P99_MS} ms) at ${CONNECTIONS} connections; ` +
    `${r.load.rps.toFixed(0)} req/s = ${((r.load.rps / baseline.load.rps) * 100).toFixed(1)}% of baseline, p50 ${ms(r.load.p50)} ms, server CPU ${r.cpu.toFixed(3)} ms per request`;
  for (const id of ['proposals', 'proposals-filter', 'proposals-search', 'proposals-deep']) {
    const r = by(id);
    if (r) out.push(listLine(r));
  }
  const few = by('proposals-few');
  const many = by('proposals-many');
  if (few && many && proposals) {
    const factor = Math.max(few.load.rps, many.load.rps) / Math.min(few.load.rps, many.load.rps);
    out.push(
      `  [${verdict(factor <= LIST_FLAT_FACTOR)}] proposals list cost flat as proposals grow: ${fmt(proposals.communes[2].proposals)} proposals ${many.load.rps.toFixed(0)} req/s vs ` +
        `${fmt(proposals.communes[0].proposals)} proposals ${few.load.rps.toFixed(0)} req/s, ${factor.toFixed(2)}× apart (target within ${LIST_FLAT_FACTOR}×; ` +
        `p99 ${ms(many.load.p99)} vs ${ms(few.load.p99)} ms; server CPU ${many.cpu.toFixed(3)} vs ${few.cpu.toFixed(3)} ms per request)`,
    );
  }
  const storedOk = (r: SubmitResult) => r.stored === (r.codes['303'] ?? 0) && r.steps === r.stored;
  if (submitted) {
    const s = submitted;
    const answered = (s.load.codes['303'] ?? 0) + (s.warmup.codes['303'] ?? 0);
    const stored = s.load.stored + s.warmup.stored;
    out.push(
      `  [${verdict(storedOk(s.load) && storedOk(s.warmup))}] every accepted submission stored: ${fmt(stored)} proposals (${fmt(s.load.steps + s.warmup.steps)} steps) ` +
        `for ${fmt(answered)} answers 303 (warm-up and measured run counted apart); ` +
        `${s.load.rps.toFixed(0)} submissions/s, p50 ${ms(s.load.p50)} ms, p99 ${ms(s.load.p99)} ms at ${CONNECTIONS} connections, server CPU ${s.cpu.toFixed(3)} ms per submission`,
    );
  }

  if (transfer) out.push(...transfer.lines);
  if (budget) out.push(...budget.lines);
  if (uploads) out.push(...uploads.lines);

  // ── failures ─────────────────────────────────────────────────────────────
  const failures = results.filter((r) => r.load.non2xx + r.load.errors + r.load.timeouts + (r.warmup ? r.warmup.non2xx + r.warmup.errors + r.warmup.timeouts : 0) > 0);
  const submitFailed =
    submitted !== undefined &&
    [submitted.warmup, submitted.load].some((r) => unexpected(r) + r.errors + r.timeouts > 0 || !storedOk(r));
  const budgetFailed = budget !== null && budget.errors.length > 0;
  const uploadsFailed = uploads !== null && uploads.errors.length > 0;
  out.push('');
  if (failures.length > 0 || submitFailed || budgetFailed || uploadsFailed) {
    out.push('ERRORS during the load (exit status 1). A timeout is a request left unanswered for autocannon\'s 10 s; it is counted in errors:');
    for (const r of failures) {
      const w = r.warmup;
      out.push(
        `  ${r.target.label} ${r.target.path}: ${r.load.non2xx} non-2xx, ${r.load.errors} errors, ${r.load.timeouts} timeouts` +
          (w ? ` (warm-up: ${w.non2xx} non-2xx, ${w.errors} errors, ${w.timeouts} timeouts)` : ''),
      );
    }
    if (submitted && submitFailed) {
      for (const [name, r] of [['warm-up', submitted.warmup], ['measured run', submitted.load]] as const) {
        out.push(
          `  ${submitted.label} ${submitted.path} (${name}): ${unexpected(r)} answers other than 303 (${JSON.stringify(r.codes)}), ${r.errors} errors, ${r.timeouts} timeouts; ` +
            `${r.stored} proposals and ${r.steps} steps stored for ${r.codes['303'] ?? 0} answers 303`,
        );
      }
    }
    for (const e of budget?.errors ?? []) out.push(`  participatory budget: ${e}`);
    for (const e of uploads?.errors ?? []) out.push(`  uploads: ${e}`);
  } else {
    out.push(
      `No non-2xx responses or connection errors (${results.reduce((s, r) => s + r.load.requests, 0)} measured requests)` +
        (submitted ? `; every submission answered 303 and stored (${submitted.load.requests + submitted.warmup.requests} submissions).` : '.'),
    );
  }
  out.push(`Total time: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
  return failures.length > 0 || submitFailed || budgetFailed || uploadsFailed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('benchmark failed:', err);
    process.exit(2);
  },
);
