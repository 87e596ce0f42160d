// The network's view (issue 17) in `npm run bench`, behind BENCH_NETWORK=1:
//
// - the national dashboard (all of it, and one region) and the summary API, cached and fresh,
//   against hello world (targets added to run.ts's list by networkTargets). "fresh"
//   (PAGE_CACHE=off) renders the page again from the facts the instance holds: it measures
//   rendering; the facts' own reads are measured below.
// - at national scale (BENCH_NETWORK_SCALE, default 1): buildNetworkScale adds to the national
//   dataset proposals up to BENCH_NETWORK_PROPOSALS (100,000) spread over its communes and
//   BENCH_NETWORK_BALLOTS (1,000,000) ballots in rounds whose results are out (they count).
// - measureNetworkFigures, in this process through the app's own database connection (SQLite, or
//   the PostgreSQL copy): the time to read the whole network's facts, to answer the summary API
//   from nothing (facts, figures, JSON), and the bare SQL aggregates the summary needs, written
//   by hand over the same tables; the goal is the API within 2× the bare SQL. Then the refresh
//   that follows a write in one commune (only its rows read again), and that its figures equal
//   a full read's.
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
import { todayInCasablanca } from '../src/platform/i18n/format.ts';
import { computeFigures, loadFacts, noFilters } from '../src/modules/network/figures.ts';
import { summaryDoc } from '../src/modules/network/api.ts';
import { createRng } from './prng.ts';
import type { Target, Verdict } from './targets.ts';

const envInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got ${raw})`);
  return n;
};

export const NETWORK = process.env.BENCH_NETWORK === '1';
export const NETWORK_SCALE = envInt('BENCH_NETWORK_SCALE', 1) > 0;
const PROPOSALS = envInt('BENCH_NETWORK_PROPOSALS', 100_000);
const BALLOTS = envInt('BENCH_NETWORK_BALLOTS', 1_000_000);
/** communes holding a round with ballots: 2,000 ballots each at the default size */
const VOTING_COMMUNES = 500;
export const NETWORK_FRESH_P99_MS = 200; // the dashboard rendered fresh: p99 ≤ 200 ms…
export const NETWORK_CACHED_RATIO = 0.4; // …and from the cache ≥ 0.40× hello world
export const NETWORK_API_GOAL = 2; // the summary API from nothing ≤ 2× its bare SQL aggregates
const REPS = 5;
const SCALE_MARK = 'bench-network-scale';
const DAY = 86_400_000;

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function networkTargets(page: (id: string, label: string, path: string) => Target): Target[] {
  if (!NETWORK) return [];
  return [
    page('network', 'national dashboard', '/ar/network'),
    page('network-region', 'national dashboard, one region', '/fr/network?region=region-06'),
    { id: 'network-api', label: 'network summary API', where: 'app', path: '/api/v1/network/summary', headers: {}, kind: 'api', size: false },
  ];
}

/**
 * Adds the national scale to the dataset (once: a reused file that has it is left as it is).
 * Proposals go to the generated communes in turn, ballots to VOTING_COMMUNES of them, each in a
 * round whose results came out a month ago. Straight through better-sqlite3, as the budget
 * bench loads its ballots; ballots carry no choices (the network counts ballots, not choices).
 */
export function buildNetworkScale(path: string, log: (line: string) => void): { proposals: number; ballots: number; seconds: number } {
  const started = performance.now();
  const db = new SQLite(path);
  try {
    const count = (q: string) => Number((db.prepare(q).get() as { n: number }).n);
    if (count(`select count(*) as n from budget_round where title_ar = '${SCALE_MARK}'`) > 0) {
      log('  network scale: already in the reused dataset');
      return { proposals: count('select count(*) as n from proposal'), ballots: count('select count(*) as n from budget_ballot'), seconds: 0 };
    }
    const communes = db
      .prepare(
        `select c.id, p.id as programme_id, (select min(ax.id) from axis ax where ax.programme_id = p.id) as axis_id
         from collectivity c join programme p on p.collectivity_id = c.id and p.is_current = 1
         where c.kind = 'commune' and c.is_demo = 0 and c.slug like 'commune-%' order by c.id`,
      )
      .all() as { id: number; programme_id: number; axis_id: number | null }[];
    const withAxis = communes.filter((c) => c.axis_id !== null);
    if (withAxis.length === 0) throw new Error('network scale: the dataset has no generated commune with a programme');
    const toAdd = Math.max(0, PROPOSALS - count('select count(*) as n from proposal where is_demo = 0'));
    log(`  network scale: ${fmt(toAdd)} proposals over ${fmt(withAxis.length)} communes, ${fmt(BALLOTS)} ballots in ${VOTING_COMMUNES} rounds`);
    db.pragma('synchronous = OFF');
    const rng = createRng(0x4e7);
    const start = Date.now() - 400 * DAY;
    const addProposal = db.prepare(
      `insert into proposal (collectivity_id, programme_id, axis_id, channel, title, body, lang, search_text, status, is_demo, submitted_at)
       values (?, ?, ?, ?, ?, ?, 'ar', ?, 'submitted', 0, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < toAdd; i++) {
        const c = withAxis[i % withAxis.length]!;
        const channel = rng.chance(0.6) ? 'online' : rng.chance(0.8) ? 'workshop' : 'other';
        const title = `اقتراح رقم ${i + 1} لتحسين الخدمات الجماعية`;
        addProposal.run(c.id, c.programme_id, c.axis_id, channel, title, title, title, new Date(start + Math.floor(rng.next() * 365 * DAY)).toISOString());
      }
    })();

    const voting = communes.slice(0, Math.min(VOTING_COMMUNES, communes.length));
    const per = Math.ceil(BALLOTS / voting.length);
    const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const addRound = db.prepare(
      `insert into budget_round (collectivity_id, title_ar, envelope_mad, rule, changeable, information_at, submission_at, review_at, voting_at, results_at, implementation_at, created_at, sealed_at)
       values (?, '${SCALE_MARK}', 5000000, 'knapsack', 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const B = 250;
    const ballotMany = db.prepare(`insert into budget_ballot (id, collectivity_id, round_id, channel, cast_on) values ${Array(B).fill('(?,?,?,?,?)').join(',')}`);
    const ballotOne = db.prepare('insert into budget_ballot (id, collectivity_id, round_id, channel, cast_on) values (?,?,?,?,?)');
    const key = Buffer.from('bench/network/ballots');
    let written = 0;
    db.transaction(() => {
      for (const c of voting) {
        const round = addRound.run(c.id, at(-150), at(-120), at(-90), at(-60), at(-30), at(30), at(-151), at(-30));
        const n = Math.min(per, BALLOTS - written);
        let rows: unknown[] = [];
        for (let i = 0; i < n; i++) {
          const id = createHmac('sha256', key).update(`${c.id}-${i}`).digest('hex').slice(0, 32);
          rows.push(id, c.id, Number(round.lastInsertRowid), rng.chance(0.12) ? 'paper' : 'online', at(-60 + Math.floor(rng.next() * 29)).slice(0, 10));
          if (rows.length === B * 5) (ballotMany.run(rows), (rows = []));
        }
        for (let i = 0; i < rows.length; i += 5) ballotOne.run(rows.slice(i, i + 5));
        written += n;
      }
    })();
    // every collectivity changed: the app's cached pages of a reused file are not to be trusted
    db.prepare('update collectivity set content_version = content_version + 1').run();
    db.pragma('synchronous = FULL');
    const seconds = (performance.now() - started) / 1000;
    log(`  network scale: written in ${seconds.toFixed(1)} s`);
    return { proposals: count('select count(*) as n from proposal'), ballots: count('select count(*) as n from budget_ballot'), seconds };
  } finally {
    db.close();
  }
}

export interface NetworkFiguresResult { lines: string[]; errors: string[]; verdicts: Verdict[] }

/**
 * The bare SQL the summary needs, by hand: the collectivities, each module's grouped counts, the
 * themes. What the app adds to it is its own work: the modules' query builders, the merge into
 * facts per collectivity and year, the sums per filter, the document.
 */
async function bareAggregates(db: ReturnType<typeof openDatabase>['db'], today: string, now: string) {
  const q = (text: ReturnType<typeof sql>) => text.execute(db).then((r) => r.rows.length);
  const parts = await Promise.all([
    q(sql`select id, slug, name_ar, name_fr, name_en, kind, parent_id, is_demo, joined_on, created_at, content_version from collectivity order by slug`),
    q(sql`select id, key, name_ar, name_fr, name_en, retired from network_theme order by position, id`),
    q(sql`select p.id, p.collectivity_id, p.status, p.start_year, p.end_year, p.is_current, count(a.id) as n, sum(a.progress * a.weight) as w, sum(a.weight) as ws,
            sum(case when a.end_date < ${today} then 1 else 0 end) as due,
            sum(case when a.end_date < ${today} and a.status = 'done' then 1 else 0 end) as done,
            min(case when a.end_date < ${today} and a.status <> 'done' then a.end_date end) as oldest
          from programme p left join activity a on a.programme_id = p.id and a.collectivity_id = p.collectivity_id and a.status <> 'cancelled'
          where p.status <> 'draft' group by p.id, p.collectivity_id, p.status, p.start_year, p.end_year, p.is_current`),
    q(sql`select collectivity_id, programme_id, theme_id, count(*) as n from axis group by collectivity_id, programme_id, theme_id`),
    q(sql`select a.collectivity_id, a.programme_id, ax.theme_id, count(*) as n from activity a
          join project x on x.id = a.project_id and x.collectivity_id = a.collectivity_id join axis ax on ax.id = x.axis_id and ax.collectivity_id = x.collectivity_id
          where a.status not in ('done', 'cancelled') and a.end_date < ${today} group by a.collectivity_id, a.programme_id, ax.theme_id`),
    q(sql`select collectivity_id, substr(submitted_at, 1, 4) as y, channel, count(*) as n from proposal where is_demo = 0 group by collectivity_id, substr(submitted_at, 1, 4), channel`),
    q(sql`select collectivity_id, substr(held_on, 1, 4) as y, count(*) as n, sum(coalesce(attendance_total, 0)) as t, sum(coalesce(attendance_women, 0)) as w,
            sum(case when attendance_women is not null then coalesce(attendance_total, 0) else 0 end) as g
          from participation_event group by collectivity_id, substr(held_on, 1, 4)`),
    q(sql`select collectivity_id, substr(starts_at, 1, 4) as y, count(*) as n, sum(attendance_total) as t, sum(coalesce(attendance_women, 0)) as w,
            sum(case when attendance_women is not null then attendance_total else 0 end) as g
          from meeting where attendance_total is not null and is_example = 0 group by collectivity_id, substr(starts_at, 1, 4)`),
    q(sql`select b.collectivity_id, substr(b.cast_on, 1, 4) as y, count(*) as n from budget_ballot b join budget_round r on r.id = b.round_id and r.collectivity_id = b.collectivity_id
          where r.results_at <= ${now} group by b.collectivity_id, substr(b.cast_on, 1, 4)`),
    q(sql`select collectivity_id, substr(created_at, 1, 4) as y, count(*) as n from survey_response where is_example = 0 group by collectivity_id, substr(created_at, 1, 4)`),
    q(sql`select collectivity_id, substr(received_on, 1, 4) as y, count(*) as n, sum(case when answered_on is not null then 1 else 0 end) as a,
            sum(case when answered_on <= due_on then 1 else 0 end) as o
          from information_request where is_example = 0 group by collectivity_id, substr(received_on, 1, 4)`),
    q(sql`select min(results_at) as at from budget_round where results_at > ${now}`),
  ]);
  return parts.reduce((s, n) => s + n, 0);
}

export async function measureNetworkFigures(url: string, dialect: string, log: (line: string) => void): Promise<NetworkFiguresResult> {
  const database = openDatabase(url);
  const db = database.db;
  const lines: string[] = [];
  const errors: string[] = [];
  try {
    const today = todayInCasablanca();
    const now = new Date().toISOString();
    const sizes = await sql<{ c: number; p: number; b: number }>`select (select count(*) from collectivity) as c, (select count(*) from proposal) as p, (select count(*) from budget_ballot) as b`.execute(db);
    const size = sizes.rows[0]!;
    log(`  network figures: a warm-up, then ${REPS} interleaved repetitions of a full read, the API from nothing and the bare SQL`);
    const timed = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
      const s = performance.now();
      const v = await f();
      return [performance.now() - s, v];
    };
    const api = async () => JSON.stringify(summaryDoc(computeFigures(await loadFacts(db, today, now), noFilters)));
    await bareAggregates(db, today, now);
    const full = await loadFacts(db, today, now);
    await api();
    const t = { bare: [] as number[], facts: [] as number[], api: [] as number[], refresh: [] as number[] };
    for (let i = 0; i < REPS; i++) {
      t.bare.push((await timed(() => bareAggregates(db, today, now)))[0]);
      t.facts.push((await timed(() => loadFacts(db, today, now)))[0]);
      t.api.push((await timed(api))[0]);
    }

    // a write in one commune with proposals: its version moves, the refresh reads it alone
    const busiest = await sql<{ id: number }>`select collectivity_id as id from proposal where is_demo = 0 group by collectivity_id order by count(*) desc limit 1`.execute(db);
    const target = busiest.rows[0]?.id;
    let previous = full;
    for (let i = 0; i < REPS && target !== undefined; i++) {
      await sql`update collectivity set content_version = content_version + 1 where id = ${target}`.execute(db);
      const [took, next] = await timed(() => loadFacts(db, today, now, previous));
      t.refresh.push(took);
      previous = next;
    }
    const a = JSON.stringify(computeFigures(previous, noFilters));
    const b = JSON.stringify(computeFigures(await loadFacts(db, today, now), noFilters));
    if (a !== b) errors.push('the figures after partial refreshes differ from a full read');

    const verdict = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
    const [bare, facts, apiMs] = [median(t.bare), median(t.facts), median(t.api)];
    const all = (xs: number[]) => xs.map(ms).join(', ');
    const row = (label: string, xs: number[]) => `  ${label.padEnd(84)} ${ms(median(xs)).padStart(7)} ms  (${all(xs)})`;
    lines.push('');
    lines.push(
      `The network's figures (bench/network.ts, ${dialect}): ${fmt(Number(size.c))} collectivities, ${fmt(Number(size.p))} proposals, ${fmt(Number(size.b))} ballots. ` +
        `Times: median of ${REPS} interleaved runs after a warm-up, through the app's database connection:`,
    );
    lines.push(row('bare SQL aggregates the summary needs (12 grouped queries, by hand)', t.bare));
    lines.push(row("the network's facts read whole (loadFacts: first read, a new day, a round's results out)", t.facts));
    lines.push(row('summary API from nothing: facts, figures, document as JSON', t.api));
    if (t.refresh.length > 0) lines.push(row('refresh after a write in one commune (its rows read again, the rest kept)', t.refresh));
    lines.push(
      `  [${verdict(apiMs / bare <= NETWORK_API_GOAL && errors.length === 0)}] summary API from nothing: ${ms(apiMs)} ms = ${(apiMs / bare).toFixed(2)}× the bare SQL's ${ms(bare)} ms (goal ≤ ${NETWORK_API_GOAL}×); ` +
        `the facts alone ${(facts / bare).toFixed(2)}×` +
        (t.refresh.length > 0 ? `; after a write, ${ms(median(t.refresh))} ms (${(median(t.refresh) / facts * 100).toFixed(1)}% of a full read), and its figures equal a full read's` : ''),
    );
    const verdicts: Verdict[] = [
      {
        measure: `network summary API from nothing (${fmt(Number(size.c))} collectivities, ${fmt(Number(size.p))} proposals, ${fmt(Number(size.b))} ballots)`,
        served: 'in process, facts read whole',
        ratio: null,
        p99: null,
        target: `≤ ${NETWORK_API_GOAL}× its bare SQL`,
        met: apiMs / bare <= NETWORK_API_GOAL && errors.length === 0,
        figure: `${(apiMs / bare).toFixed(2)}× (${ms(apiMs)} / ${ms(bare)} ms)`,
      },
    ];
    if (t.refresh.length > 0) {
      verdicts.push({ measure: 'network figures after a write in one commune', served: 'its rows read again', ratio: null, p99: null, target: '—', met: null, figure: `${ms(median(t.refresh))} ms (full read ${ms(facts)} ms)` });
    }
    return { lines, errors, verdicts };
  } finally {
    await database.close();
  }
}
