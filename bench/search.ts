// Proposals search at scale (issue 12): 100,000 generated proposals in one programme, and
// `listProposals` (the query behind /proposals?q=) asked with a different word each request,
// in process (no HTTP, no page cache): words of the generated texts, from the rarest to the
// most common, and words that match nothing. Beside it, the same requests through the plain
// LIKE scan the list used before the trigram index, for comparison.
//
//   node --import tsx bench/search.ts                         SQLite (./data/bench/search.sqlite)
//   BENCH_DATABASE=postgres node --import tsx bench/search.ts PostgreSQL (database infitah_bench_search)
//
// Environment: BENCH_SEARCH_PROPOSALS=100000, BENCH_SEARCH_QUERIES=1500 (per kind of query),
// BENCH_REUSE=1 (keep a database built for the same count, generator and migrations),
// BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 (server; the bench database is created there).
// bench/run.ts may call benchSearch(); it returns the figures it prints.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, type DialectName, type OpenDatabase, isPostgres, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { loadSeedProgramme } from '../src/modules/programme/seed/load.ts';
import { listProposals } from '../src/modules/cocreation/repository.ts';
import { likeTerm } from '../src/platform/text/like.ts';
import { normalize, searchTerms } from '../src/platform/text/normalize.ts';
import '../src/modules/cocreation/tables.ts';
import { communeSeed } from './generate.ts';
import { createRng, type Rng } from './prng.ts';
import { proposalText } from './proposals.ts';
import { percentile } from './measure.ts';

const envInt = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got ${process.env[name]})`);
  return n;
};

const root = join(import.meta.dirname, '..');
const SLUG = 'bench-search';
const SEED_INDEX = 9001; // the generated commune whose programme the proposals go to
const PG_DATABASE = 'infitah_bench_search';

/** This file, the text generator and the migrations: a database built by other code is rebuilt. */
const GENERATOR_VERSION = (() => {
  const hash = createHash('sha256');
  for (const f of ['bench/search.ts', 'bench/proposals.ts', 'bench/generate.ts']) hash.update(readFileSync(join(root, f)));
  for (const f of readdirSync(join(root, 'src', 'db', 'migrations')).sort()) hash.update(f);
  return hash.digest('hex').slice(0, 16);
})();

export interface SearchKindResult {
  kind: string;
  queries: number;
  /** mean share of the programme's proposals each query matched */
  meanShare: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** the same requests through the LIKE scan (the list before the index) */
  scan: { p50Ms: number; p99Ms: number; maxMs: number } | null;
}

export interface SearchBenchResult {
  dialect: DialectName;
  proposals: number;
  buildSeconds: number | null;
  reused: boolean;
  kinds: SearchKindResult[];
  /** every request of every kind, with the index */
  all: { queries: number; p50Ms: number; p99Ms: number };
}

const PROPOSAL_CHUNK = 500;

async function fill(db: Db, count: number) {
  const { programmeId } = await loadSeedProgramme(db, { ...communeSeed(SEED_INDEX), collectivity: 'commune-9001' });
  const c = await db.selectFrom('collectivity').select('id').where('slug', '=', 'commune-9001').executeTakeFirstOrThrow();
  await db.updateTable('collectivity').set({ slug: SLUG }).where('id', '=', c.id).execute();
  const axes = (await db.selectFrom('axis').select('id').where('programme_id', '=', programmeId).execute()).map((a) => a.id);
  const rng = createRng(0x5ea4c4);
  const statuses = ['submitted', 'submitted', 'under_review', 'retained', 'not_retained', 'withdrawn'];
  const start = Date.parse('2023-09-01T08:00:00.000Z');
  await db.transaction().execute(async (trx) => {
    for (let done = 0; done < count; done += PROPOSAL_CHUNK) {
      const rows = Array.from({ length: Math.min(PROPOSAL_CHUNK, count - done) }, (_, k) => {
        const { title, body } = proposalText(rng);
        return {
          collectivity_id: c.id,
          programme_id: programmeId,
          axis_id: rng.pick(axes),
          channel: 'online',
          title,
          body,
          lang: 'ar',
          search_text: normalize(`${title} ${body}`),
          status: rng.pick(statuses),
          submitted_at: new Date(start + (done + k) * 60_000).toISOString(),
        };
      });
      await trx.insertInto('proposal').values(rows).execute();
    }
  });
}

/** The database, migrated and filled (or kept from an earlier run with BENCH_REUSE=1). */
async function prepare(dialect: DialectName, count: number, log: (line: string) => void, reuse: boolean): Promise<{ database: OpenDatabase; buildSeconds: number | null; reused: boolean }> {
  let url: string;
  let fresh: boolean;
  if (dialect === 'postgres') {
    const at = (name: string) => {
      const u = new URL(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432');
      u.pathname = `/${name}`;
      return u.href;
    };
    const admin = new pg.Client({ connectionString: at('postgres') });
    await admin.connect();
    try {
      const exists = (await admin.query('select 1 from pg_database where datname = $1', [PG_DATABASE])).rowCount! > 0;
      fresh = !reuse || !exists;
      if (fresh) {
        await admin.query(`drop database if exists ${PG_DATABASE} with (force)`);
        await admin.query(`create database ${PG_DATABASE}`);
      }
    } finally {
      await admin.end();
    }
    url = at(PG_DATABASE);
  } else {
    const dir = join(root, 'data', 'bench');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'search.sqlite');
    fresh = !reuse;
    if (fresh) for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    url = `sqlite:${path}`;
  }
  const database = openDatabase(url, { connectTimeoutMs: 5000, statementTimeoutMs: 0 });
  if (!fresh) {
    // kept only if built by this code for this count
    const mark = await sql<{ v: string }>`select name_en as v from collectivity where slug = ${SLUG}`.execute(database.db).catch(() => ({ rows: [] }));
    if (mark.rows[0]?.v !== `${GENERATOR_VERSION}:${count}`) {
      await database.close();
      log('  the kept database was built by other code or for another count: building it again');
      return prepare(dialect, count, log, false);
    }
    return { database, buildSeconds: null, reused: true };
  }
  const t0 = performance.now();
  await migrateToLatest(database.db);
  await fill(database.db, count);
  await database.db.updateTable('collectivity').set({ name_en: `${GENERATOR_VERSION}:${count}` }).where('slug', '=', SLUG).execute();
  await sql`analyze`.execute(database.db); // statistics for the planner, as a live database has
  const buildSeconds = (performance.now() - t0) / 1000;
  log(`  ${count} proposals built in ${buildSeconds.toFixed(1)} s`);
  return { database, buildSeconds, reused: false };
}

/** The list before the index: the same filters, every term a LIKE over the scanned rows. On
 *  PostgreSQL the trigram index is taken away from the planner (it serves this LIKE too): bitmap
 *  scans off, in a transaction of its own. */
async function scanList(db: Db, collectivityId: number, programmeId: number, q: string, before?: number) {
  if (isPostgres(db)) {
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      return likeOnly(trx, collectivityId, programmeId, q, before);
    });
  }
  return likeOnly(db, collectivityId, programmeId, q, before);
}

async function likeOnly(db: Db, collectivityId: number, programmeId: number, q: string, before?: number) {
  const terms = searchTerms(q);
  return db
    .selectFrom('proposal as p')
    .select(['p.id', 'p.title'])
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.programme_id', '=', programmeId)
    .$if(before !== undefined, (x) => x.where('p.id', '<', before!))
    .$if(terms.length > 0, (x) => x.where((eb) => eb.and(terms.map((t) => likeTerm(eb.ref('p.search_text'), t)))))
    .orderBy('p.id', 'desc')
    .limit(21)
    .execute();
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** A made-up word (letters the generated texts never put together): matches nothing. */
function noMatchWord(rng: Rng): string {
  const arabic = 'ثخذضظغ';
  const latin = 'qxzkwj';
  const letters = rng.chance(0.5) ? arabic : latin;
  return Array.from({ length: rng.int(4, 7) }, () => letters[rng.int(0, letters.length - 1)]).join('');
}

export async function benchSearch(opts: { dialect?: DialectName; proposals?: number; queries?: number; log?: (line: string) => void } = {}): Promise<SearchBenchResult> {
  const dialect = opts.dialect ?? (process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite');
  const count = opts.proposals ?? envInt('BENCH_SEARCH_PROPOSALS', 100_000);
  const queries = opts.queries ?? envInt('BENCH_SEARCH_QUERIES', 1500);
  const log = opts.log ?? ((line: string) => console.log(line));
  log(`search: ${count} proposals in one programme, ${dialect} (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
  const { database, buildSeconds, reused } = await prepare(dialect, count, log, process.env.BENCH_REUSE === '1');
  const db = database.db;
  try {
    const c = await db.selectFrom('collectivity').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
    const { id: programmeId } = await db.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).executeTakeFirstOrThrow();
    const total = count;

    // The vocabulary: every search term of the generated texts, with the share of proposals it
    // is in (counted over a sample of texts generated alike).
    const sampleRng = createRng(0x70c4b);
    const sample = Array.from({ length: 4000 }, () => {
      const { title, body } = proposalText(sampleRng);
      return normalize(`${title} ${body}`);
    });
    const vocabulary = [...new Set(sample.flatMap((s) => searchTerms(s)))];
    const share = new Map(vocabulary.map((w) => [w, sample.filter((s) => s.includes(w)).length / sample.length]));
    const long = vocabulary.filter((w) => w.length >= 3);
    const rare = long.filter((w) => share.get(w)! < 0.05);
    const common = long.filter((w) => share.get(w)! >= 0.2);
    const short = vocabulary.filter((w) => w.length === 2);
    const middleId = (await db.selectFrom('proposal').select('id').where('collectivity_id', '=', c.id).orderBy('id').offset(Math.floor(count / 2)).limit(1).executeTakeFirstOrThrow()).id;

    // which plan a rare word gets from the database itself, the index or a scan
    const word = rare[0] ?? long[0];
    const plan =
      dialect === 'postgres'
        ? (await sql<{ 'QUERY PLAN': string }>`explain select id from proposal p where collectivity_id = ${c.id} and programme_id = ${programmeId} and search_text like ${`%${word}%`} order by id + 0 desc limit 21`.execute(db)).rows.map((r) => r['QUERY PLAN'])
        : (await sql<{ detail: string }>`explain query plan select p.id from proposal_search(${`"${word}"`}) as s cross join proposal as p where p.id = s.rowid and p.collectivity_id = ${c.id} and p.programme_id = ${programmeId} order by s.rowid desc limit 21`.execute(db)).rows.map((r) => r.detail);
    log(`  plan for "${word}": ${plan.map((l) => l.trim()).filter((l) => /scan|search|index/i.test(l)).join(' / ')}`);

    const rng = createRng(0x5ea7c4);
    type Query = { q: string; before?: number; status?: string };
    const kinds: { kind: string; next: () => Query; scan: boolean }[] = [
      { kind: 'any word of the texts', next: () => ({ q: rng.pick(long) }), scan: true },
      { kind: `rare word (< 5%, ${rare.length} words)`, next: () => ({ q: rng.pick(rare) }), scan: true },
      { kind: `common word (≥ 20%, ${common.length} words)`, next: () => ({ q: rng.pick(common) }), scan: true },
      { kind: 'word matching nothing', next: () => ({ q: noMatchWord(rng) }), scan: true },
      { kind: 'two words', next: () => ({ q: `${rng.pick(long)} ${rng.pick(long)}` }), scan: true },
      { kind: 'any word, page from the middle (before)', next: () => ({ q: rng.pick(long), before: middleId }), scan: true },
      { kind: 'any word, status retained', next: () => ({ q: rng.pick(long), status: 'retained' }), scan: false },
      ...(short.length > 0 ? [{ kind: `2-letter word only (LIKE, ${short.length} words)`, next: () => ({ q: rng.pick(short) }), scan: false }] : []),
      { kind: '2-letter word + word matching nothing', next: () => ({ q: `${short[0] ?? 'في'} ${noMatchWord(rng)}` }), scan: false },
    ];

    const results: SearchKindResult[] = [];
    const everything: number[] = [];
    for (const k of kinds) {
      const batch = Array.from({ length: queries }, k.next);
      // warm-up: statements prepared, pages in the cache
      for (const x of batch.slice(0, 20)) await listProposals(db, c.id, programmeId, { q: x.q, before: x.before, status: x.status });
      const times: number[] = [];
      let matched = 0;
      for (const x of batch) {
        const t0 = performance.now();
        await listProposals(db, c.id, programmeId, { q: x.q, before: x.before, status: x.status });
        times.push(performance.now() - t0);
      }
      // the share each word matches, from the sample (counting on the database would double the run)
      for (const x of batch) matched += searchTerms(x.q).reduce((s, t) => Math.min(s, share.get(t) ?? 0), 1);
      let scan: SearchKindResult['scan'] = null;
      if (k.scan) {
        // fewer requests: at 100,000 proposals a scan takes tens of milliseconds
        const scanTimes: number[] = [];
        for (const x of batch.slice(0, Math.min(200, queries))) {
          const t0 = performance.now();
          await scanList(db, c.id, programmeId, x.q, x.before);
          scanTimes.push(performance.now() - t0);
        }
        scanTimes.sort((a, b) => a - b);
        scan = { p50Ms: round(percentile(scanTimes, 50)), p99Ms: round(percentile(scanTimes, 99)), maxMs: round(scanTimes.at(-1)!) };
      }
      everything.push(...times);
      times.sort((a, b) => a - b);
      const r = { kind: k.kind, queries, meanShare: matched / queries, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), maxMs: round(times.at(-1)!), scan };
      results.push(r);
      log(
        `  ${r.kind.padEnd(44)} matches ${(r.meanShare * 100).toFixed(1).padStart(5)}%  index p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  max ${r.maxMs.toFixed(1).padStart(6)} ms` +
          (scan ? `   | LIKE scan p50 ${scan.p50Ms.toFixed(1).padStart(6)} ms  p99 ${scan.p99Ms.toFixed(1).padStart(6)} ms` : ''),
      );
    }
    everything.sort((a, b) => a - b);
    const all = { queries: everything.length, p50Ms: round(percentile(everything, 50)), p99Ms: round(percentile(everything, 99)) };
    log(`  load average now ${loadavg()[0].toFixed(1)}: wall-clock figures on a busy machine are noise, compare the columns of one run`);
    log(`  all ${all.queries} requests: p50 ${all.p50Ms} ms, p99 ${all.p99Ms} ms (target p99 ≤ 30 ms) over ${total} proposals`);
    return { dialect, proposals: count, buildSeconds, reused, kinds: results, all };
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSearch();
}
