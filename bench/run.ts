// `npm run bench`: builds a national-size dataset, then measures the public pages and the API
// of Infitah against a bare Fastify hello world, and reports them against the issue's targets.
//
// Every page and API target is measured twice, on two app servers started one after the other:
//   cached  the app as `npm start` runs it: page cache on, request log at LOG_LEVEL=info written
//           to a file (data/bench/app-cached.log), not to the terminal
//   fresh   the same with PAGE_CACHE=off: every public page rendered afresh (the cache-miss path)
// and the table shows the two side by side.
//
// Environment:
//   BENCH_DATABASE=sqlite      or postgres: the app servers run on PostgreSQL (the generated SQLite
//                              databases copied into infitah_bench and infitah_bench_small at
//                              BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres);
//                              the transfer, budget and uploads parts are SQLite-only and skipped
//   BENCH_COMMUNES=1500        generated communes (plus the Settat demo, 12 regions, 75 provinces)
//   BENCH_SECONDS=10           measurement per target; BENCH_WARMUP=2 seconds of warm-up before it
//   BENCH_CONNECTIONS=50       concurrent connections
//   BENCH_LOG_LEVEL=info       the app servers' LOG_LEVEL (info is the default of `npm start`; warn
//                              or silent to compare: the verdict of the cached programme page,
//                              "default logging", then says it was not measured with the default)
//   BENCH_REUSE=1              keep ./data/bench/national.sqlite if it was built for the same count
//                              (and the same generator and migrations), with its proposals
//   BENCH_SMALL_COMMUNES=100   also measure the network home on a small network (0: skip)
//   BENCH_PROF=1               the servers write V8 CPU profiles to ./data/bench/profiles/
//   BENCH_PROPOSALS=10000      co-creation: proposals of the commune whose list is measured (0: skip
//                              the co-creation part, and the reads during writes); BENCH_PROPOSALS_FEW=1000
//                              and BENCH_PROPOSALS_MANY=100000 for the two communes compared for flatness
//   BENCH_ACCOUNTS=2000        verified citizen accounts that submit proposals (each may submit
//                              MAX_PER_HOUR = 5 an hour: the submission runs stay within 5 × this)
//   BENCH_MIXED_RATE=200       reads during writes (bench/mixed.ts; 0: skip): proposal submissions per
//                              second while the programme page and proposals list of the same commune
//                              are measured; BENCH_MIXED_EDITS=5 staff progress notes per second
//   BENCH_TRANSFER=1           import and export (bench/transfer.ts; 0: skip): the real `infitah
//                              import-programme` on a generated 5,000-activity XLSX, and `infitah
//                              export-programme` XLSX and JSON of the national dataset as one
//                              programme and of twice that, on a copy of the national dataset
//                              (./data/bench/transfer.sqlite); time and peak RSS of each command
//   BENCH_SEARCH=1             proposals search (bench/search.ts; 0: skip): 100,000 proposals in one
//                              programme (BENCH_SEARCH_PROPOSALS), a different word each request, on
//                              the bench's database kind; p50/p99 per kind of query beside the LIKE scan
//   BENCH_BUDGET=1             participatory budget (bench/budget.ts; 0: skip), in its own database
//                              (./data/bench/budget.sqlite): the tally of 1,000,000 ballots over 50
//                              projects against a bare GROUP BY (goal ≤ 2×), and ballot submission
//                              by verified voters (ballots/s, p99; one ballot per voter)
//   BENCH_MEETINGS=5000        dialogue (issue 13; 0: skip): the meetings page, a month of it and the
//                              .ics feed of a commune with this many past meetings, beside one with
//                              BENCH_MEETINGS_FEW=50, to show the cost flat as the history grows
//   BENCH_UPLOADS=1            uploads while the site answers (bench/uploads.ts; 0: skip), in its own
//                              database (./data/bench/uploads.sqlite): a maximal legal XLSX import
//                              preview, a hostile 900,000-cell XLSX, censuses of 150,000 voters and of
//                              20 MB; time, server peak RSS and /healthz p50 / p99 / max meanwhile
//   BENCH_NETWORK=0            the network's dashboard and summary API (issue 17, bench/network.ts; 1: measure):
//                              pages and API cached and fresh, and the figures against their bare SQL;
//                              BENCH_NETWORK_SCALE=1 first adds proposals up to BENCH_NETWORK_PROPOSALS
//                              (100,000) and BENCH_NETWORK_BALLOTS (1,000,000) ballots (0: as generated)
//   BENCH_STARTUP=5            the command's start-up (bench/startup.ts; 0: skip; SQLite): `--help` and
//                              `serve` ready with its resident memory, this many times each
//   BENCH_SURVEYS=5000         satisfaction surveys (issue 15; 0: skip): answers to a signed survey by
//                              this many verified accounts (bench/survey-submit.ts; answers/s, p99,
//                              every acknowledged answer stored), and on SQLite the results of a
//                              100,000-answer survey against a bare GROUP BY (bench/survey-results.ts)
//
// Output: the tables on standard output, and the issue's targets as a Markdown table, also
// written to data/bench/summary.md (and summary-sqlite.md or summary-postgres.md).
//
// Exit status: 0 when every request was answered as expected (a 2xx; 304 for the If-None-Match row;
// 303 for proposal submissions and staff edits, each submission stored), targets met or not (it is
// a report); 1 when the load saw other responses, connection errors or timeouts, or a submission
// answered 303 without its proposal stored, or an upload of bench/uploads.ts was answered
// otherwise than expected, or the budget part found a count unequal to the bare GROUP BY's or a
// ballot stored otherwise than answered, or a survey answer was acknowledged without being stored
// or a survey's results differ from the bare GROUP BY's; 2 when the run itself failed.
//
// Process layout: each server (the baseline, the app) runs in a child process of its own and
// autocannon runs here, in the parent, so the load generator never shares an event loop with
// the server it measures. They still share the machine's cores: the ratio to the baseline,
// measured the same way, is the figure to read, more than absolute req/s.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDataset } from './dataset.ts';
import { communeSlug } from './generate.ts';
import { type Server, get, load, pageSize, settle, startServer } from './measure.ts';
import { type ProposalCommune, type ProposalsInfo, SEARCH_WORD, buildProposals } from './proposals.ts';
import { benchTransfer } from './transfer.ts';
import { benchBudget } from './budget.ts';
import { benchUploads } from './uploads.ts';
import { benchSearch } from './search.ts';
import { buildMeetings, meetingPlan } from './meetings.ts';
import { MAX_PER_HOUR, type SubmitSetup, fetchCsrf, mergeRuns, postBaseline, prepareSubmission, rotation, submitLoad } from './submit.ts';
import { type MixedResult, type StaffSetup, measureMixed, mixedAccounts, prepareStaff } from './mixed.ts';
import { copyToPostgres } from './postgres.ts';
import { type SurveySetup, type SurveySubmitResult, measureSurveySubmissions, prepareSurveySubmission } from './survey-submit.ts';
import { benchSurveyResults } from './survey-results.ts';
import { benchStartup } from './startup.ts';
import { type Measured, type Mode, type SubmitMeasured, type Target, type Where, issueVerdicts } from './targets.ts';
import { NETWORK, NETWORK_SCALE, buildNetworkScale, measureNetworkFigures, networkTargets } from './network.ts';
import { type RunInfo, report } from './report.ts';

const envInt = (name: string, fallback: number, min = 0) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${raw})`);
  return n;
};

const DATABASE = (process.env.BENCH_DATABASE || 'sqlite').toLowerCase();
if (DATABASE !== 'sqlite' && DATABASE !== 'postgres') throw new Error(`BENCH_DATABASE must be sqlite or postgres (got ${DATABASE})`);
const POSTGRES = DATABASE === 'postgres';
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
const MIXED_RATE = envInt('BENCH_MIXED_RATE', 200, 0);
const MIXED_EDITS = envInt('BENCH_MIXED_EDITS', 5, 1);
const TRANSFER = envInt('BENCH_TRANSFER', 1, 0) > 0;
const BUDGET = envInt('BENCH_BUDGET', 1, 0) > 0;
const SEARCH = envInt('BENCH_SEARCH', 1, 0) > 0;
const STARTUP_RUNS = envInt('BENCH_STARTUP', 5, 0);
const UPLOADS = envInt('BENCH_UPLOADS', 1, 0) > 0;
const SURVEY_ACCOUNTS = envInt('BENCH_SURVEYS', 5000, 0);
const MEETINGS = envInt('BENCH_MEETINGS', 5_000, 0);
const MEETINGS_FEW = envInt('BENCH_MEETINGS_FEW', 50, 1);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'info';
const dataDir = join(import.meta.dirname, '..', 'data', 'bench');

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

const fmt = (n: number) => n.toLocaleString('en-US');

const midCommune = communeSlug(Math.max(1, Math.round(COMMUNES / 2)));
const lateCommune = communeSlug(Math.max(1, Math.floor((COMMUNES * 14) / 15)));

const page = (id: string, label: string, path: string, where: Where = 'app'): Target => ({ id, label, where, path, headers: GZIP, kind: 'page', size: true });
const apiPath = `/api/v1/collectivities/${midCommune}/programme`;
const targets: Target[] = [
  { id: 'baseline', label: 'baseline: Fastify hello world', where: 'baseline', path: '/', headers: {}, kind: 'baseline', size: false },
  page('programme', `programme page ${midCommune}`, `/ar/c/${midCommune}/programme`),
  page('settat', 'programme page settat', '/ar/c/settat/programme'),
  page('home', 'network home, first page', '/ar/'),
  page('home-late', 'network home, late page', `/ar/?after=${lateCommune}`),
  page('budgets', 'budgets page settat', '/ar/c/settat/budgets'),
  page('participation', 'participation page settat', '/ar/c/settat/participation'),
  { id: 'api', label: `programme API ${midCommune}`, where: 'app', path: apiPath, headers: {}, kind: 'api', size: false },
  { id: 'api-304', label: `programme API ${midCommune}, If-None-Match`, where: 'app', path: apiPath, headers: {}, kind: 'api', size: false, notModified: true },
  ...meetingTargets(),
  ...networkTargets(page),
  ...(SMALL > 0 && SMALL < COMMUNES ? [page('home-small', `network home, first page (${SMALL} communes)`, '/ar/', 'small')] : []),
];

// Dialogue: the meetings page and feed of a commune with few past meetings and of one with many.
function meetingTargets(): Target[] {
  if (MEETINGS === 0) return [];
  const [few, many] = meetingPlan(MEETINGS_FEW, MEETINGS);
  // a month of the many's history, a year back
  const month = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 7);
  return [
    page('meetings-few', `meetings page (${fmt(few.pastMeetings)} past)`, `/ar/c/${few.slug}/meetings`),
    page('meetings', `meetings page (${fmt(many.pastMeetings)} past)`, `/ar/c/${many.slug}/meetings`),
    page('meetings-month', `meetings page (${fmt(many.pastMeetings)} past), one month`, `/ar/c/${many.slug}/meetings?month=${month}`),
    { ...page('meetings-ics-few', `meetings .ics feed (${fmt(few.pastMeetings)} past)`, `/ar/c/${few.slug}/meetings.ics`), size: false },
    { ...page('meetings-ics', `meetings .ics feed (${fmt(many.pastMeetings)} past)`, `/ar/c/${many.slug}/meetings.ics`), size: false },
  ];
}

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
    page('proposals', `proposals list (${fmt(main.proposals)}), first page`, list(main.slug)),
    page('proposals-filter', `proposals list (${fmt(main.proposals)}), filtered`, `${list(main.slug)}?channel=online&status=submitted`),
    page('proposals-search', `proposals list (${fmt(main.proposals)}), search`, `${list(main.slug)}?q=${encodeURIComponent(SEARCH_WORD)}`),
    page('proposals-deep', `proposals list (${fmt(main.proposals)}), deep page`, `${list(main.slug)}?before=${main.middleId}`),
    page('proposals-few', `proposals list (${fmt(few.proposals)}), first page`, list(few.slug)),
    page('proposals-many', `proposals list (${fmt(many.proposals)}), first page`, list(many.slug)),
  ];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function measure(server: Server, t: Target, mode: Mode): Promise<Measured> {
  let headers = t.headers;
  let expect: number | undefined;
  const first = await get(server.url + t.path, t.headers);
  if (first.status !== 200) throw new Error(`GET ${t.path} answered ${first.status} before the load: ${first.body.toString('utf8').slice(0, 300)}`);
  if (t.notModified) {
    // a client that kept the first answer's ETag asks again: the server may answer 304
    const etag = first.headers.etag;
    if (!etag) return { target: t, mode, load: null, warmup: null, size: null, cpu: 0, note: 'not measured: the answer has no ETag' };
    headers = { ...t.headers, 'if-none-match': etag };
    expect = 304;
    const again = await get(server.url + t.path, headers);
    if (again.status !== 304) return { target: t, mode, load: null, warmup: null, size: null, cpu: 0, note: `not measured: If-None-Match ${etag} answered ${again.status}, not 304` };
  }
  const size = t.size ? await pageSize(server.url, t.path) : null;
  log(`  [${mode}] ${t.label}: ${t.path} — warm-up ${WARMUP} s, then ${SECONDS} s at ${CONNECTIONS} connections`);
  const opts = { connections: CONNECTIONS, headers, expect };
  const warmup = WARMUP > 0 ? await load(server.url + t.path, { ...opts, seconds: WARMUP }) : null;
  // the warm-up's unanswered requests are finished before the measured run starts
  const before = await settle(server);
  if (!before.idle) log(`    the server was still busy ${before.seconds} s after the warm-up: measuring anyway`);
  const cpu0 = await server.cpu();
  const result = await load(server.url + t.path, { ...opts, seconds: SECONDS });
  const cpu = (await server.cpu()) - cpu0;
  // …and the measured run's, before the next target
  await settle(server);
  // autocannon stops at the end of the run without waiting for the requests still in flight
  const note = result.requests === 0 ? `no request answered within the ${SECONDS} s run (each took longer; CPU shown is the run's total)` : undefined;
  return { target: t, mode, load: result, warmup, size, cpu: cpu / Math.max(1, result.requests), note };
}

/** The app on `url`, cached or fresh, logging to data/bench/{name}-{mode}.log; `after` runs before it stops. */
async function measureApp(where: Where, url: string, mode: Mode, logs: string[], after?: (server: Server) => Promise<void>): Promise<Measured[]> {
  const mine = targets.filter((t) => t.where === where);
  const logFile = join(dataDir, `${where === 'app' ? 'app' : where}-${mode}.log`);
  logs.push(logFile);
  const server = await startServer(['app', url], { env: { PAGE_CACHE: mode === 'cached' ? 'on' : 'off', BENCH_LOG_LEVEL: LOG_LEVEL }, logFile });
  try {
    const out: Measured[] = [];
    for (const t of mine) out.push(await measure(server, t, mode));
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
 * BENCH_SECONDS at the warm-up's rate, all within the accounts' hourly budget. The POST baseline
 * follows at once, with the same requests.
 */
async function measureSubmissions(server: Server, baseline: Server, setup: SubmitSetup, sessions: string[], dbUrl: string): Promise<SubmitMeasured> {
  log(`  proposal submission: ${sessions.length} accounts open the form for their CSRF token`);
  const { citizens, seconds: csrfSeconds } = await fetchCsrf(server.url, submitPath, sessions);
  const rot = rotation(citizens, setup.axisIds);
  const run = (amount: number) => submitLoad(server.url, submitPath, dbUrl, setup.collectivityId, rot, { connections: CONNECTIONS, amount });
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
  const result = await run(amount);
  const cpu = ((await server.cpu()) - cpu0) / Math.max(1, result.requests);
  log(`  POST baseline: POST /submit on the bare Fastify server, the same requests, ${SECONDS} s at ${CONNECTIONS} connections`);
  const base = await postBaseline(baseline.url, citizens, setup.axisIds, { connections: CONNECTIONS, seconds: SECONDS });
  return {
    label: `proposal submission (${fmt(sessions.length)} accounts)`,
    path: `POST ${submitPath}`,
    accounts: sessions.length,
    csrfSeconds,
    warmup: mergeRuns(warm),
    load: result,
    capped: amount < wanted,
    cpu,
    baseline: base,
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  log(`Infitah benchmark (${POSTGRES ? 'PostgreSQL' : 'SQLite'}): ${COMMUNES} communes, ${CONNECTIONS} connections, ${SECONDS} s per target (+${WARMUP} s warm-up), log level ${LOG_LEVEL}`);

  const nationalPath = join(dataDir, 'national.sqlite');
  const national = await buildDataset(nationalPath, COMMUNES, { reuse: REUSE, label: 'national dataset' });
  let proposals: ProposalsInfo | null = null;
  let submitSetup: SubmitSetup | null = null;
  let surveySetup: SurveySetup | null = null;
  let surveyAnswers: SurveySubmitResult | null = null;
  let staff: StaffSetup | null = null;
  // the accounts of the throughput run, then those of the reads during writes
  let mixedSessions: string[] = [];
  let submitSessions: string[] = [];
  const mixedCount = MIXED_RATE > 0 ? mixedAccounts(MIXED_RATE, SECONDS, CONNECTIONS, MAX_PER_HOUR) : 0;
  if (proposalPlan.length > 0) {
    log(`proposals (${proposalPlan.map((c) => c.proposals).join(' / ')}):`);
    proposals = await buildProposals(nationalPath, proposalPlan, { reuse: REUSE && national.reused, log });
    targets.push(...proposalTargets(proposals));
    submitSetup = await prepareSubmission(nationalPath, SUBMIT_SLUG, ACCOUNTS + mixedCount);
    submitSessions = submitSetup.sessions.slice(0, ACCOUNTS);
    mixedSessions = submitSetup.sessions.slice(ACCOUNTS);
    if (MIXED_RATE > 0) staff = await prepareStaff(nationalPath, SUBMIT_SLUG);
    if (SURVEY_ACCOUNTS > 0) surveySetup = await prepareSurveySubmission(nationalPath, SUBMIT_SLUG, SURVEY_ACCOUNTS);
  }
  if (MEETINGS > 0) {
    log('meetings:');
    await buildMeetings(nationalPath, meetingPlan(MEETINGS_FEW, MEETINGS), { now: new Date(), log });
  }
  if (NETWORK && NETWORK_SCALE) {
    log('network scale:');
    buildNetworkScale(nationalPath, log);
  }
  const small = targets.some((t) => t.where === 'small')
    ? await buildDataset(join(dataDir, 'small.sqlite'), SMALL, { reuse: REUSE, label: 'small dataset   ' })
    : null;

  // the databases the app servers run on
  let nationalUrl = `sqlite:${nationalPath}`;
  let smallUrl = small ? `sqlite:${small.path}` : '';
  const copies: string[] = [];
  if (POSTGRES) {
    log('copying into PostgreSQL:');
    const n = await copyToPostgres(nationalPath, 'infitah_bench', log);
    nationalUrl = n.url;
    copies.push(`national dataset copied into ${n.url}: ${fmt(n.rows)} rows of ${n.tables} tables in ${n.seconds.toFixed(1)} s (then ANALYZE)`);
    if (small) {
      const s = await copyToPostgres(small.path, 'infitah_bench_small', log);
      smallUrl = s.url;
      copies.push(`small dataset copied into ${s.url}: ${fmt(s.rows)} rows in ${s.seconds.toFixed(1)} s`);
    }
  }

  const results: Measured[] = [];
  const baselineRuns: Measured[] = [];
  const logs: string[] = [];
  let submitted: SubmitMeasured | undefined;
  let mixed: MixedResult | null = null;
  const baseline = await startServer(['baseline']);
  try {
    log('measuring:');
    // the hello world is measured before each app server and at the end: on a shared machine one
    // run can fall on a busy moment, and every ratio would carry it
    const hello = async () => void baselineRuns.push(await measure(baseline, targets[0], 'cached'));
    // the first seconds of load are slow for both processes (V8 still compiling autocannon here and
    // Fastify there): a first hello-world run measured after a 1 s warm-up came out 2-20× too low
    log('  warming up the load generator: 3 s of hello world, not counted');
    await load(baseline.url, { connections: CONNECTIONS, seconds: 3 });
    await hello();
    const setup = submitSetup;
    // the default server: pages and API, then the writes (they empty the commune's cached pages)
    results.push(
      ...(await measureApp('app', nationalUrl, 'cached', logs, async (server) => {
        if (!setup) return;
        submitted = await measureSubmissions(server, baseline, setup, submitSessions, nationalUrl);
        if (surveySetup) surveyAnswers = await measureSurveySubmissions(server.url, nationalUrl, surveySetup, { connections: CONNECTIONS, log });
        if (staff && mixedSessions.length > 0) {
          mixed = await measureMixed(server, {
            slug: SUBMIT_SLUG,
            dbUrl: nationalUrl,
            collectivityId: setup.collectivityId,
            axisIds: setup.axisIds,
            sessions: mixedSessions,
            staff,
            connections: CONNECTIONS,
            seconds: SECONDS,
            warmup: WARMUP,
            submitRate: MIXED_RATE,
            editRate: MIXED_EDITS,
            headers: GZIP,
            log,
          });
        }
      })),
    );
    await hello();
    results.push(...(await measureApp('app', nationalUrl, 'fresh', logs)));
    if (small) {
      results.push(...(await measureApp('small', smallUrl, 'cached', logs)));
      results.push(...(await measureApp('small', smallUrl, 'fresh', logs)));
    }
    await hello();
  } finally {
    await baseline.stop();
  }
  // the ratios use the median hello-world run (its row in the table); the report lists all of them
  const median = [...baselineRuns].sort((a, b) => a.load!.rps - b.load!.rps)[Math.floor(baselineRuns.length / 2)];
  results.unshift(median);
  const skipped: string[] = [];
  const sqliteOnly = (name: string) => skipped.push(`${name}: SQLite-only, skipped on PostgreSQL`);
  // import and export, after the load (nothing else runs): on a copy of the national dataset
  const transfer = TRANSFER && !POSTGRES ? await benchTransfer(nationalPath, dataDir, log) : null;
  if (TRANSFER && POSTGRES) sqliteOnly('import and export (BENCH_TRANSFER)');
  // the participatory budget, in a database of its own
  const budget = BUDGET && !POSTGRES ? await benchBudget(dataDir, { connections: CONNECTIONS, seconds: SECONDS, warmup: WARMUP, log }) : null;
  if (BUDGET && POSTGRES) sqliteOnly('participatory budget tally and ballots (BENCH_BUDGET)');
  // uploads, in a database of their own
  const uploads = UPLOADS && !POSTGRES ? await benchUploads(dataDir, log) : null;
  if (UPLOADS && POSTGRES) sqliteOnly('uploads (BENCH_UPLOADS)');
  // a survey's results at 100,000 answers, in a database of its own
  const surveyResults = SURVEY_ACCOUNTS > 0 && !POSTGRES ? await benchSurveyResults(dataDir, { log }) : null;
  if (SURVEY_ACCOUNTS > 0 && POSTGRES) sqliteOnly('survey results at 100,000 answers (BENCH_SURVEYS)');
  const surveys = surveyLines(surveyAnswers, surveyResults);
  // the network's figures against their bare SQL, on the app's database (either kind)
  const network = NETWORK ? await measureNetworkFigures(nationalUrl, POSTGRES ? 'PostgreSQL' : 'SQLite', log) : null;
  // proposals search at scale, on the same database kind (bench/search.ts)
  const search = SEARCH ? await benchSearch({ dialect: POSTGRES ? 'postgres' : 'sqlite', log }) : null;
  // the command's start-up, last: nothing else runs (a SQLite file of its own)
  const startup = STARTUP_RUNS > 0 && !POSTGRES ? await benchStartup(STARTUP_RUNS, log) : [];
  if (STARTUP_RUNS > 0 && POSTGRES) sqliteOnly('start-up (BENCH_STARTUP)');

  const info: RunInfo = {
    database: POSTGRES ? 'PostgreSQL' : 'SQLite',
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmup: WARMUP,
    logLevel: LOG_LEVEL,
    national,
    small,
    proposals,
    submitSetup,
    copies,
    logs,
    skipped,
    loadAtStart,
    loadAtEnd: loadavg()[0],
    cpus: cpus(),
    started,
    dataDir,
    baselineRuns: baselineRuns.map((r) => r.load!.rps),
  };
  const verdicts = issueVerdicts({ targets, results, baselineRps: results[0].load!.rps, submitted, mixed, logLevel: LOG_LEVEL });
  if (search) {
    for (const k of search.kinds) {
      verdicts.push({
        measure: `proposals search, ${k.kind} (${search.proposals.toLocaleString('en-US')} proposals, one query at a time)`,
        served: `index${k.scan ? `; LIKE scan before: p99 ${k.scan.p99Ms.toFixed(1)} ms` : ''}`,
        ratio: null,
        p99: k.p99Ms,
        target: '—',
        met: null,
      });
    }
    verdicts.push({
      measure: `proposals search, a different word each request (${search.proposals.toLocaleString('en-US')} proposals, ${search.all.queries} queries)`,
      served: 'index',
      ratio: null,
      p99: search.all.p99Ms,
      target: 'p99 ≤ 30 ms',
      met: search.all.p99Ms <= 30,
    });
  }
  if (network) verdicts.push(...network.verdicts);
  verdicts.push(...startup);
  return report({ info, targets, results, submitted, mixed, verdicts, transfer, budget, uploads, surveys, network });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('benchmark failed:', err);
    process.exit(2);
  },
);

/** The surveys part of the report: answers (target ≥ 500/s, p99 ≤ 100 ms, every one stored) and results. */
function surveyLines(answers: SurveySubmitResult | null, results: { lines: string[]; errors: string[] } | null) {
  if (!answers && !results) return null;
  const lines: string[] = [];
  const errors: string[] = [...(results?.errors ?? [])];
  if (answers) {
    const met = answers.rps >= 500 && answers.p99 <= 100;
    lines.push(
      '',
      `Survey answers (bench/survey-submit.ts): ${answers.accounts.toLocaleString('en-US')} verified accounts answer a signed survey once each, ${CONNECTIONS} connections`,
      `  [${met ? 'MET   ' : 'MISSED'}] ${answers.rps.toFixed(0)} answers/s, p50 ${answers.p50} ms, p99 ${answers.p99} ms (goal ≥ 500/s, p99 ≤ 100 ms); ` +
        `${answers.acknowledged} acknowledged, ${answers.stored} stored`,
    );
    if (answers.stored !== answers.acknowledged) errors.push(`survey answers: ${answers.acknowledged} acknowledged but ${answers.stored} stored`);
    if (answers.errors + answers.timeouts > 0) errors.push(`survey answers: ${answers.errors} connection errors, ${answers.timeouts} timeouts`);
  }
  if (results) lines.push(...results.lines);
  return { lines, errors };
}
