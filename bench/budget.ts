// The participatory budget (bench/run.ts; BENCH_BUDGET=0 skips it), in a database of its own
// (./data/bench/budget.sqlite, built afresh on each run; the bench has no PostgreSQL mode).
//
// Tally: one commune, one knapsack round in its results phase with 50 feasible projects, and
// 1,000,000 ballots of 1 to 5 choices each (seeded PRNG; online and paper; gender and age band
// filled for some), bulk-loaded with multi-row prepared statements in one transaction. Then,
// after a warm-up, REPS interleaved repetitions (median) of: the app's count (countVotes of
// src/modules/budget/count.ts), the full results (roundResults of repository.ts: what the results
// page, the API and `infitah tally` run) and a bare `SELECT project_id, count(*) FROM
// budget_ballot_choice GROUP BY project_id` over the same table, through the app's own database
// connection (openDatabase). Goal: the tally within 2× of the bare GROUP BY. The app's count is
// checked against the bare GROUP BY and against the generator's own count; a mismatch is an error.
//
// Ballot submission: a second round of the same commune, in its voting phase, with 50 feasible
// projects; VOTERS verified citizen accounts, each in the census and verified for the round
// (budget_census and budget_voter rows written directly, with keyed hashes), each with a session,
// then its CSRF token from the ballot page (GET, as a browser would). The app runs in its own
// process; autocannon POSTs …/budgets/{round}/ballot with action=cast and 1 to 5 projects within
// the envelope, request k by account k, so that within a run no voter posts twice: a probe, a
// warm-up of about BENCH_WARMUP seconds, then about BENCH_SECONDS (fixed `amount`, so every answer
// is in before the rows are counted). A ballot is accepted by a 303 back to the ballot page; the
// ballot rows added must equal those answers (one per distinct voter). Then voters who have a
// ballot post again: each must be refused (409) and nothing may be recorded.
import { createHmac } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { type Db, now, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { upsertUser } from '../src/platform/auth/users.ts';
import { countVotes } from '../src/modules/budget/count.ts';
import { findRound, roundResults } from '../src/modules/budget/repository.ts';
import '../src/modules/budget/tables.ts';
import { type Server, startServer } from './measure.ts';
import { type Rng, createRng } from './prng.ts';
import { type Citizen, fetchCsrf } from './submit.ts';

export const BALLOTS = 1_000_000;
export const PROJECTS = 50;
/** the issue's goal: the tally within 2× of a bare GROUP BY over the same table */
export const TALLY_GOAL = 2;
const REPS = 5;
/** verified accounts that vote (each once); the measured run stops when they run out */
export const VOTERS = 12_000;
/** second attempts by voters who already have a ballot */
const REPEATS = 1_000;
const ENVELOPE = 6_000_000;
const SLUG = 'bench-budget';
const DAY = 86_400_000;

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface BudgetResult {
  lines: string[];
  /** what went wrong (count mismatch, unexpected answers, rows not as answered): exit status 1 */
  errors: string[];
}

interface Project {
  id: number;
  cost: number;
}

/** A round of the commune, dated around now; `phase` says which phase now falls in. */
async function addRound(db: Db, collectivityId: number, phase: 'results' | 'voting', title: string) {
  const t = Date.now();
  const at = (days: number) => new Date(t + days * DAY).toISOString();
  const [votingAt, resultsAt] = phase === 'results' ? [-30, -2] : [-1, 10];
  const round = await db
    .insertInto('budget_round')
    .values({
      collectivity_id: collectivityId,
      title_ar: title,
      title_fr: null,
      title_en: null,
      envelope_mad: ENVELOPE,
      rule: 'knapsack',
      min_choices: null,
      max_choices: null,
      changeable: 0,
      information_at: at(votingAt - 60),
      submission_at: at(votingAt - 45),
      review_at: at(votingAt - 20),
      voting_at: at(votingAt),
      results_at: at(resultsAt),
      implementation_at: at(resultsAt + 60),
      created_at: at(votingAt - 61),
      // generated ballots: counted as they are, not rewritten by the instances' sealing sweep
      // in the middle of a measurement
      sealed_at: phase === 'results' ? at(resultsAt) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rng = createRng(0xb0d9e7 + round.id);
  const rows = Array.from({ length: PROJECTS }, (_, i) => ({
    collectivity_id: collectivityId,
    round_id: round.id,
    title: `مشروع القرب رقم ${i + 1}: تهيئة فضاء عمومي بالحي`,
    description: `وصف المشروع رقم ${i + 1}: تهيئة وتجهيز فضاء للقرب لفائدة ساكنة الحي، باقتراح من المواطنات والمواطنين.`,
    neighbourhood: `الحي ${(i % 12) + 1}`,
    estimated_cost_mad: rng.int(4, 60) * 25_000,
    status: 'feasible',
    review_reason: null,
    staff_cost_mad: null,
    created_at: at(votingAt - 40),
  }));
  const ids = await db.insertInto('budget_project').values(rows).returning('id').execute();
  const projects = ids.map((r, i) => ({ id: r.id, cost: rows[i].estimated_cost_mad }));
  return { roundId: round.id, projects };
}

/**
 * A ballot's choices: 1 to 5 distinct projects, the popular ones more often (so that projects get
 * different counts), skipping any that would take the total over the envelope.
 */
function chooser(projects: Project[], rng: Rng) {
  const cumulative: number[] = [];
  let total = 0;
  projects.forEach((_, j) => cumulative.push((total += 1 / (1 + j) ** 0.7)));
  const draw = () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return (): number[] => {
    const k = rng.int(1, 5);
    const chosen: number[] = [];
    let cost = 0;
    for (let tries = 0; chosen.length < k && tries < 20; tries++) {
      const j = draw();
      if (chosen.includes(j) || cost + projects[j].cost > ENVELOPE) continue;
      chosen.push(j);
      cost += projects[j].cost;
    }
    return chosen;
  };
}

const AGE_BANDS = { '18-24': 2, '25-34': 3, '35-49': 3, '50-64': 2, '65+': 1 };

interface Tally {
  collectivityId: number;
  roundId: number;
  votingRound: { roundId: number; projects: Project[] };
  ballots: number;
  choices: number;
  online: number;
  paper: number;
  /** votes per project id, counted by the generator as it wrote them */
  expected: Map<number, number>;
  /** ballots by "gender|age band" ('' for null), counted by the generator */
  breakdown: Map<string, number>;
  seconds: number;
}

/** The fresh database: migrations, the commune, both rounds, and the ballots of the results round. */
async function buildBallots(path: string, ballots: number, log: (line: string) => void): Promise<Tally> {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const database = openDatabase(`sqlite:${path}`);
  let collectivityId: number;
  let results: Awaited<ReturnType<typeof addRound>>;
  let votingRound: Awaited<ReturnType<typeof addRound>>;
  try {
    await migrateToLatest(database.db);
    const c = await database.db
      .insertInto('collectivity')
      .values({ slug: SLUG, name_ar: 'جماعة الميزانية التشاركية (قياس الأداء)', name_fr: 'Commune du budget participatif (banc d’essai)', name_en: null, kind: 'commune', parent_id: null, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    collectivityId = c.id;
    results = await addRound(database.db, collectivityId, 'results', 'الميزانية التشاركية 2025 (النتائج)');
    votingRound = await addRound(database.db, collectivityId, 'voting', 'الميزانية التشاركية 2026 (التصويت)');
  } finally {
    await database.close();
  }

  // The bulk load goes straight to better-sqlite3: a rollback journal (a fresh file's new pages
  // need no journal) and no fsync while loading; the file is back in WAL mode for the measures.
  log(`  loading ${fmt(ballots)} ballots of 1 to 5 choices over ${PROJECTS} projects`);
  const sqlite = new SQLite(path);
  const expected = new Map<number, number>(results.projects.map((p) => [p.id, 0]));
  const breakdown = new Map<string, number>();
  let choices = 0;
  let paper = 0;
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -524288');
    sqlite.pragma('foreign_keys = OFF');
    const B = 250; // ballots (5 parameters each) and "has voted" marks (5 each) per statement
    const C = 800; // choices per statement (3 parameters each)
    const ballotSql = (n: number) => `insert into budget_ballot (id, collectivity_id, round_id, channel, cast_on) values ${Array(n).fill('(?,?,?,?,?)').join(',')}`;
    const markSql = (n: number) => `insert into budget_voted (collectivity_id, round_id, voter_hash, gender, age_band) values ${Array(n).fill('(?,?,?,?,?)').join(',')}`;
    const choiceSql = (n: number) => `insert into budget_ballot_choice (collectivity_id, ballot_id, project_id) values ${Array(n).fill('(?,?,?)').join(',')}`;
    const ballotMany = sqlite.prepare(ballotSql(B));
    const markMany = sqlite.prepare(markSql(B));
    const choiceMany = sqlite.prepare(choiceSql(C));
    const rng = createRng(0x1b0a1);
    const choose = chooser(results.projects, rng);
    const key = Buffer.from('bench/budget/ballots');
    const votingStart = Date.now() - 30 * DAY;
    let ballotRows: unknown[] = [];
    let markRows: unknown[] = [];
    let choiceRows: unknown[] = [];
    const flush = (force: boolean) => {
      if (ballotRows.length === B * 5) (ballotMany.run(ballotRows), markMany.run(markRows), (ballotRows = []), (markRows = []));
      else if (force && ballotRows.length > 0) (sqlite.prepare(ballotSql(ballotRows.length / 5)).run(ballotRows), sqlite.prepare(markSql(markRows.length / 5)).run(markRows), (ballotRows = []), (markRows = []));
      if (choiceRows.length === C * 3) (choiceMany.run(choiceRows), (choiceRows = []));
      else if (force && choiceRows.length > 0) (sqlite.prepare(choiceSql(choiceRows.length / 3)).run(choiceRows), (choiceRows = []));
    };
    sqlite.transaction(() => {
      for (let i = 1; i <= ballots; i++) {
        // a random-looking id (the app's are random), given here so that choices can name their ballot
        const id = createHmac('sha256', key).update(`ballot-${i}`).digest('hex').slice(0, 32);
        const channel = rng.chance(0.12) ? 'paper' : 'online';
        if (channel === 'paper') paper++;
        const known = rng.chance(0.6);
        const gender = known ? (rng.chance(0.5) ? 'f' : 'm') : null;
        const ageBand = known ? rng.weighted(AGE_BANDS) : null;
        const group = `${gender ?? ''}|${ageBand ?? ''}`;
        breakdown.set(group, (breakdown.get(group) ?? 0) + 1);
        const castOn = new Date(votingStart + Math.floor(rng.next() * 27 * DAY)).toISOString().slice(0, 10);
        // the keyed hash of a voter, as the census gives it (64 hex characters)
        const hash = createHmac('sha256', key).update(`voter-${i}`).digest('hex');
        ballotRows.push(id, collectivityId, results.roundId, channel, castOn);
        markRows.push(collectivityId, results.roundId, hash, gender, ageBand);
        if (ballotRows.length === B * 5) flush(false);
        for (const j of choose()) {
          const projectId = results.projects[j].id;
          choiceRows.push(collectivityId, id, projectId);
          expected.set(projectId, expected.get(projectId)! + 1);
          choices++;
          if (choiceRows.length === C * 3) flush(false);
        }
      }
      // choices reference their ballot: ballots first
      flush(true);
    })();
    sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
  return {
    collectivityId,
    roundId: results.roundId,
    votingRound,
    ballots,
    choices,
    online: ballots - paper,
    paper,
    expected,
    breakdown,
    seconds: (performance.now() - started) / 1000,
  };
}

interface TallyTimes {
  count: number[];
  results: number[];
  bare: number[];
  errors: string[];
}

async function measureTally(path: string, t: Tally, log: (line: string) => void): Promise<TallyTimes> {
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  const errors: string[] = [];
  try {
    const round = await findRound(db, t.collectivityId, t.roundId);
    if (!round) throw new Error('the results round is gone');
    const bare = async () => {
      const { rows } = await sql<{ project_id: number; n: number }>`SELECT project_id, count(*) AS n FROM budget_ballot_choice GROUP BY project_id`.execute(db);
      return new Map(rows.map((r) => [r.project_id, Number(r.n)]));
    };
    const timed = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
      const s = performance.now();
      const v = await f();
      return [performance.now() - s, v];
    };
    log(`  tally: a warm-up, then ${REPS} repetitions of the app's count, the full results and a bare GROUP BY`);
    // warm-up (the pages of the table come into the cache), and the checks
    const expectedLine = (m: Map<number, number>) => [...t.expected].filter(([id, n]) => (m.get(id) ?? 0) !== n);
    const [, counted] = await timed(() => countVotes(db, t.collectivityId, t.roundId));
    const [, grouped] = await timed(bare);
    const [, res] = await timed(() => roundResults(db, t.collectivityId, round));
    const diffBare = [...new Set([...counted.keys(), ...grouped.keys()])].filter((id) => counted.get(id) !== grouped.get(id));
    if (diffBare.length > 0) errors.push(`countVotes differs from the bare GROUP BY for ${diffBare.length} projects (e.g. project ${diffBare[0]}: ${counted.get(diffBare[0])} vs ${grouped.get(diffBare[0])})`);
    const diffGen = expectedLine(counted);
    if (diffGen.length > 0) errors.push(`countVotes differs from the generator's count for ${diffGen.length} projects (e.g. project ${diffGen[0][0]}: ${counted.get(diffGen[0][0])} vs ${diffGen[0][1]})`);
    const lines = res.groups.flatMap((g) => g.lines);
    const diffRes = expectedLine(new Map(lines.map((l) => [l.projectId, l.votes])));
    if (diffRes.length > 0 || lines.length !== PROJECTS) errors.push(`roundResults: ${lines.length} lines, ${diffRes.length} with other votes than the generator's count`);
    if (res.participation.online !== t.online || res.participation.paper !== t.paper) {
      errors.push(`roundResults participation: ${res.participation.online} online + ${res.participation.paper} paper, the generator wrote ${t.online} + ${t.paper}`);
    }
    const groups = new Map(res.breakdown.map((b) => [`${b.gender ?? ''}|${b.ageBand ?? ''}`, b.ballots]));
    const diffGroups = [...new Set([...groups.keys(), ...t.breakdown.keys()])].filter((g) => groups.get(g) !== t.breakdown.get(g));
    if (diffGroups.length > 0) errors.push(`roundResults breakdown: ${diffGroups.length} gender × age band groups differ from the generator's (e.g. ${diffGroups[0]}: ${groups.get(diffGroups[0])} vs ${t.breakdown.get(diffGroups[0])})`);
    const times: TallyTimes = { count: [], results: [], bare: [], errors };
    for (let i = 0; i < REPS; i++) {
      // interleaved, so that a slower moment of the machine weighs on all three
      times.bare.push((await timed(bare))[0]);
      times.count.push((await timed(() => countVotes(db, t.collectivityId, t.roundId)))[0]);
      times.results.push((await timed(() => roundResults(db, t.collectivityId, round)))[0]);
    }
    return times;
  } finally {
    await database.close();
  }
}

// ── ballot submission ───────────────────────────────────────────────────────

const voterEmail = (i: number) => `bench-voter-${String(i).padStart(5, '0')}@bench.invalid`;

/** VOTERS verified accounts, in the census and verified for the round, each with a new session. */
async function prepareVoters(path: string, collectivityId: number, roundId: number, voters: number): Promise<{ sessions: string[]; seconds: number }> {
  const started = performance.now();
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  try {
    // one password hash (argon2, ~50 ms) copied to every account
    await upsertUser(db, { email: voterEmail(1), password: 'bench-only-password-1', displayName: 'مواطن 1' });
    const { password_hash } = await db.selectFrom('app_user').select('password_hash').where('email', '=', voterEmail(1)).executeTakeFirstOrThrow();
    const at = now();
    const rows = Array.from({ length: voters - 1 }, (_, i) => ({
      email: voterEmail(i + 2),
      password_hash,
      display_name: `مواطن ${i + 2}`,
      created_at: at,
      account_kind: 'person',
      email_verified_at: at,
      locale: 'ar',
    }));
    const rng = createRng(0xce45);
    const key = Buffer.from('bench/budget/voters');
    return await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('app_user').values(rows.slice(i, i + 500)).execute();
      await trx.updateTable('app_user').set({ email_verified_at: at }).where('email', '=', voterEmail(1)).execute();
      const ids = (await trx.selectFrom('app_user').select('id').where('email', 'like', 'bench-voter-%@bench.invalid').orderBy('email').execute()).map((r) => r.id);
      const census = ids.map((_, i) => {
        const known = rng.chance(0.6);
        return {
          collectivity_id: collectivityId,
          round_id: roundId,
          load_id: 1,
          voter_hash: createHmac('sha256', key).update(`voter-${i}`).digest('hex'),
          gender: known ? (rng.chance(0.5) ? 'f' : 'm') : null,
          age_band: known ? rng.weighted(AGE_BANDS) : null,
        };
      });
      for (let i = 0; i < census.length; i += 500) {
        await trx.insertInto('budget_census').values(census.slice(i, i + 500)).execute();
        await trx
          .insertInto('budget_voter')
          .values(census.slice(i, i + 500).map((c, k) => ({ collectivity_id: collectivityId, round_id: roundId, user_id: ids[i + k], voter_hash: c.voter_hash, verified_at: at })))
          .execute();
      }
      await trx.updateTable('budget_round').set({ census_load: 1, census_loads: 1 }).where('id', '=', roundId).execute();
      const sessions: string[] = [];
      for (const id of ids) sessions.push((await createSession(trx, id)).token);
      return { sessions, seconds: (performance.now() - started) / 1000 };
    });
  } finally {
    await database.close();
  }
}

interface CastRun {
  requests: number;
  /** answers by status code; '303 cast' is the redirect back to the ballot page */
  codes: Record<string, number>;
  cast: number;
  /** cast answers per second, from the first request to the last answer */
  rps: number;
  p50: number;
  p99: number;
  seconds: number;
  errors: number;
  timeouts: number;
  /** ballot and choice rows added to the round during the run */
  ballots: number;
  choices: number;
}

/** POSTs of the ballot form by the given voters, one each, in order (prepared but unsent ones are skipped). */
async function castLoad(
  base: string,
  path: string,
  db: Db,
  collectivityId: number,
  roundId: number,
  next: () => { cookie: string; body: string } | null,
  opts: { connections: number; amount: number },
): Promise<CastRun> {
  const count = async () => {
    const b = await db.selectFrom('budget_ballot').select((eb) => eb.fn.countAll<number>().as('n')).where('collectivity_id', '=', collectivityId).where('round_id', '=', roundId).executeTakeFirstOrThrow();
    const c = await db
      .selectFrom('budget_ballot_choice as c')
      .innerJoin('budget_ballot as b', 'b.id', 'c.ballot_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('b.collectivity_id', '=', collectivityId)
      .where('b.round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    return { ballots: Number(b.n), choices: Number(c.n) };
  };
  const before = await count();
  const codes: Record<string, number> = {};
  let cast = 0;
  let last = 0;
  const started = performance.now();
  const r = await autocannon({
    url: base,
    connections: opts.connections,
    amount: opts.amount,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req) => {
          const v = next();
          // runs are sized (amount) to stay within their voters: running out is a bug of this file
          if (!v) throw new Error('the run asked for more voters than it was given');
          return { ...req, headers: { ...req.headers, cookie: v.cookie }, body: v.body };
        },
        onResponse: (status, _body, _context, headers) => {
          last = performance.now();
          const location = String((headers as Record<string, unknown>).location ?? '');
          const k = status === 303 && location.endsWith(path) ? '303 cast' : status === 303 ? `303 to ${location.split('?')[0]}` : String(status);
          codes[k] = (codes[k] ?? 0) + 1;
          if (k === '303 cast') cast++;
        },
      },
    ],
  });
  const after = await count();
  const seconds = ((last || performance.now()) - started) / 1000;
  return {
    requests: Object.values(codes).reduce((a, b) => a + b, 0),
    codes,
    cast,
    rps: cast / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    seconds,
    errors: r.errors,
    timeouts: r.timeouts,
    ballots: after.ballots - before.ballots,
    choices: after.choices - before.choices,
  };
}

interface Voting {
  voters: number;
  prepareSeconds: number;
  tokenSeconds: number;
  warm: CastRun[];
  run: CastRun;
  capped: boolean;
  repeat: CastRun;
  /** server CPU ms per cast ballot during the measured run */
  cpu: number;
  /** ballots whose choice count is outside 1 to 5 */
  badBallots: number;
}

async function measureVoting(path: string, t: Tally, opts: { connections: number; seconds: number; warmup: number; log: (line: string) => void }): Promise<Voting> {
  const { connections, log } = opts;
  const { roundId, projects } = t.votingRound;
  log(`  ballot submission: ${fmt(VOTERS)} verified voters, a session each`);
  const prep = await prepareVoters(path, t.collectivityId, roundId, VOTERS);
  const server: Server = await startServer(['app', `sqlite:${path}`], { logFile: `${path}.log` });
  const database = openDatabase(`sqlite:${path}`);
  try {
    const ballotPath = `/ar/c/${SLUG}/budgets/${roundId}/ballot`;
    log(`  ballot submission: each voter opens ${ballotPath} for its CSRF token`);
    const { citizens: voters, seconds: tokenSeconds } = await fetchCsrf(server.url, ballotPath, prep.sessions, { marker: 'name="projects"', missing: 'the ballot page has no projects to choose' });
    const rng = createRng(0xba11075);
    const choose = chooser(projects, rng);
    const body = (v: Citizen) => `_csrf=${encodeURIComponent(v.token)}&action=cast${choose().map((j) => `&projects=${projects[j].id}`).join('')}`;
    // first attempts: voter k for request k, never twice
    let k = 0;
    const firstAttempt = () => (k < voters.length ? ((v) => ({ cookie: v.cookie, body: body(v) }))(voters[k++]) : null);
    const run = (amount: number, next = firstAttempt) => castLoad(server.url, ballotPath, database.db, t.collectivityId, roundId, next, { connections, amount });
    // autocannon may prepare one request per connection more than it sends
    const room = () => voters.length - k - connections;
    const probe = connections * 2;
    log(`  ballot submission: POST ${ballotPath} — probe of ${probe}, warm-up of about ${opts.warmup} s, then about ${opts.seconds} s at ${connections} connections`);
    const warm = [await run(probe)];
    const more = Math.min(Math.round(warm[0].rps * opts.warmup) - probe, Math.floor(room() / 4));
    if (opts.warmup > 0 && more >= connections) warm.push(await run(more));
    const wanted = Math.round(Math.max(warm[warm.length - 1].rps, 1) * opts.seconds);
    const amount = Math.max(connections, Math.min(wanted, room()));
    const cpu0 = await server.cpu();
    const measured = await run(amount);
    const cpu = ((await server.cpu()) - cpu0) / Math.max(1, measured.cast);

    // second attempts, by voters who have voted (read back from the "has voted" marks: hash → account)
    const votedUsers = new Set(
      (
        await database.db
          .selectFrom('budget_voter as v')
          .innerJoin('budget_voted as b', (j) => j.onRef('b.round_id', '=', 'v.round_id').onRef('b.voter_hash', '=', 'v.voter_hash'))
          .select('v.user_id')
          .where('v.collectivity_id', '=', t.collectivityId)
          .where('v.round_id', '=', roundId)
          .execute()
      ).map((r) => r.user_id),
    );
    const ids = (await database.db.selectFrom('app_user').select('id').where('email', 'like', 'bench-voter-%@bench.invalid').orderBy('email').execute()).map((r) => r.id);
    const again = voters.filter((_, i) => votedUsers.has(ids[i])).slice(0, REPEATS + connections);
    let r = 0;
    const secondAttempt = () => (r < again.length ? ((v) => ({ cookie: v.cookie, body: body(v) }))(again[r++]) : null);
    log(`  ballot submission: ${fmt(Math.min(REPEATS, again.length - connections))} second attempts by voters who have a ballot`);
    const repeat = await run(Math.max(1, Math.min(REPEATS, again.length - connections)), secondAttempt);
    const { n: badBallots } = await database.db
      .selectFrom((eb) =>
        eb
          .selectFrom('budget_ballot as b')
          .leftJoin('budget_ballot_choice as c', 'c.ballot_id', 'b.id')
          .select((e) => ['b.id', e.fn.count('c.project_id').as('k')])
          .where('b.collectivity_id', '=', t.collectivityId)
          .where('b.round_id', '=', roundId)
          .groupBy('b.id')
          .as('per'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('per.k', '<', 1), eb('per.k', '>', 5)]))
      .executeTakeFirstOrThrow();
    return { voters: VOTERS, prepareSeconds: prep.seconds, tokenSeconds, warm, run: measured, capped: amount < wanted, repeat, cpu, badBallots: Number(badBallots) };
  } finally {
    await database.close();
    await server.stop();
  }
}

// ── the whole part ──────────────────────────────────────────────────────────

export async function benchBudget(dataDir: string, opts: { connections: number; seconds: number; warmup: number; log: (line: string) => void; ballots?: number }): Promise<BudgetResult> {
  const { log } = opts;
  const started = performance.now();
  const path = join(dataDir, 'budget.sqlite');
  log('participatory budget:');
  const tally = await buildBallots(path, opts.ballots ?? BALLOTS, log);
  const fileMb = statSync(path).size / 2 ** 20;
  const times = await measureTally(path, tally, log);
  const voting = await measureVoting(path, tally, opts);
  const errors = [...times.errors];

  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
  const [count, results, bare] = [median(times.count), median(times.results), median(times.bare)];
  const all = (xs: number[]) => xs.map((x) => ms(x)).join(', ');
  lines.push('');
  lines.push(
    `Participatory budget (bench/budget.ts, ./data/bench/budget.sqlite, SQLite): ${fmt(tally.ballots)} ballots (${fmt(tally.online)} online, ${fmt(tally.paper)} paper) ` +
      `with ${fmt(tally.choices)} choices over ${PROJECTS} projects of one knapsack round in its results phase, loaded in ${tally.seconds.toFixed(1)} s (${fileMb.toFixed(0)} MB). ` +
      `Times: median of ${REPS} interleaved runs after a warm-up, through the app's database connection:`,
  );
  const row = (label: string, xs: number[]) => `  ${label.padEnd(84)} ${ms(median(xs)).padStart(7)} ms  (${all(xs)})`;
  lines.push(row('bare SELECT project_id, count(*) FROM budget_ballot_choice GROUP BY project_id', times.bare));
  lines.push(row("countVotes (src/modules/budget/count.ts): the round's votes per project", times.count));
  lines.push(row('roundResults (results page, API, infitah tally): count, by channel, by gender × age', times.results));
  lines.push(
    `  [${verdict(count / bare <= TALLY_GOAL && errors.length === 0)}] tally of ${fmt(tally.ballots)} ballots over ${PROJECTS} projects (countVotes): ${ms(count)} ms = ${(count / bare).toFixed(2)}× the bare GROUP BY's ${ms(bare)} ms (goal ≤ ${TALLY_GOAL}×); ` +
      (times.errors.length === 0 ? 'its counts equal the bare GROUP BY\'s and the generator\'s' : 'its counts DIFFER (see the errors)'),
  );
  lines.push(
    `  [${verdict(results / bare <= TALLY_GOAL && errors.length === 0)}] full results of the round (roundResults): ${ms(results)} ms = ${(results / bare).toFixed(2)}× the bare GROUP BY (goal ≤ ${TALLY_GOAL}×); ` +
      `its votes, its ballots by channel and by gender × age band equal the generator's`,
  );

  const v = voting;
  const codes = (r: CastRun) => Object.entries(r.codes).map(([c, n]) => `${fmt(n)}× ${c}`).join(', ') || 'none';
  const warmCast = v.warm.reduce((s, r) => s + r.cast, 0);
  const warmBallots = v.warm.reduce((s, r) => s + r.ballots, 0);
  const firstRuns = [...v.warm, v.run];
  const unexpected = (r: CastRun) => r.requests - r.cast + r.errors + r.timeouts;
  for (const [name, r] of [...v.warm.map((r, i) => [i === 0 ? 'probe' : 'warm-up', r] as const), ['measured run', v.run] as const]) {
    if (unexpected(r) > 0) errors.push(`ballot submission (${name}): ${unexpected(r)} answers other than a 303 back to the ballot page (${codes(r)}), ${r.errors} errors, ${r.timeouts} timeouts`);
    if (r.ballots !== r.cast) errors.push(`ballot submission (${name}): ${fmt(r.ballots)} ballots stored for ${fmt(r.cast)} voters answered 303`);
  }
  const refused = v.repeat.codes['409'] ?? 0;
  if (refused !== v.repeat.requests || v.repeat.errors + v.repeat.timeouts > 0) errors.push(`second attempts: ${codes(v.repeat)} (each should be refused with 409), ${v.repeat.errors} errors`);
  if (v.repeat.ballots !== 0 || v.repeat.choices !== 0) errors.push(`second attempts recorded ${v.repeat.ballots} ballots and ${v.repeat.choices} choices`);
  if (v.badBallots > 0) errors.push(`${v.badBallots} ballots of the voting round have no choice or more than 5`);
  const stored = firstRuns.every((r) => r.ballots === r.cast && unexpected(r) === 0);
  lines.push(
    `Ballot submission: ${fmt(v.voters)} verified citizen accounts, each in the census and verified for a round in its voting phase (${PROJECTS} projects, knapsack), ` +
      `a session each, prepared in ${v.prepareSeconds.toFixed(1)} s; their CSRF tokens (GET the ballot page) in ${v.tokenSeconds.toFixed(1)} s. ` +
      `POST action=cast with 1 to 5 projects within the envelope, one request per voter, ${opts.connections} connections; the app in its own process, on the database above.`,
  );
  lines.push(
    `  [${verdict(stored)}] every accepted ballot stored once: ${fmt(v.run.ballots)} ballots (${fmt(v.run.choices)} choices) for ${fmt(v.run.cast)} distinct voters answered 303 in the measured run ` +
      `(${codes(v.run)}), and ${fmt(warmBallots)} for ${fmt(warmCast)} in the probe and warm-up; ` +
      `${v.run.rps.toFixed(0)} ballots/s over ${v.run.seconds.toFixed(1)} s, p50 ${ms(v.run.p50)} ms, p99 ${ms(v.run.p99)} ms, server CPU ${v.cpu.toFixed(2)} ms per ballot` +
      (v.capped ? `; cut short: ${fmt(v.voters)} voters were too few for ${opts.seconds} s` : ''),
  );
  lines.push(
    `  [${verdict(refused === v.repeat.requests && v.repeat.ballots === 0 && v.repeat.choices === 0)}] second attempts refused: ${fmt(v.repeat.requests)} POSTs by voters who already have a ballot ` +
      `answered ${codes(v.repeat)}; ${fmt(v.repeat.ballots)} ballots and ${fmt(v.repeat.choices)} choices recorded (p50 ${ms(v.repeat.p50)} ms, p99 ${ms(v.repeat.p99)} ms, without a warm-up of that answer)`,
  );
  lines.push(`  (budget part: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return { lines, errors };
}
