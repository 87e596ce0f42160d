// Reads during writes: the programme page and the proposals list of one commune, measured while
// citizens submit proposals there at a fixed rate (autocannon overallRate, 200/s by default) and a
// staff member adds progress notes to one of its activities through the real back-office route
// (session, role, CSRF). Every write bumps the commune's content version, which empties the pages
// that show citizens' writes (the proposals list: mostly cache misses); the programme page follows
// the plan's version, which only the staff's notes move. The report says how many versions of each
// the run went through.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/platform/db/database.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { grantRole, upsertUser } from '../src/platform/auth/users.ts';
import { todayInCasablanca } from '../src/platform/i18n/format.ts';
import { type LoadResult, type Server, load, percentile, send, settle } from './measure.ts';
import { type SubmitResult, communeProgramme, fetchCsrf, pacedSubmissions, rotation } from './submit.ts';

const STAFF_EMAIL = 'bench-staff@bench.invalid';

export interface StaffSetup {
  session: string;
  activityId: number;
}

/** Before the server starts: a focal point of the commune with a new session, and one of its activities. */
export async function prepareStaff(path: string, slug: string): Promise<StaffSetup> {
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  try {
    const c = await communeProgramme(db, slug);
    const activity = await db.selectFrom('activity').select('id').where('collectivity_id', '=', c.id).where('programme_id', '=', c.programmeId).orderBy('id').executeTakeFirstOrThrow();
    const existing = await db.selectFrom('app_user').select('id').where('email', '=', STAFF_EMAIL).executeTakeFirst();
    const userId = existing?.id ?? (await upsertUser(db, { email: STAFF_EMAIL, password: 'bench-only-staff-password', displayName: 'Point focal (bench)', verified: true })).id;
    await grantRole(db, userId, 'focal_point', c.id);
    await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
    const { token } = await createSession(db, userId);
    return { session: token, activityId: activity.id };
  } finally {
    await database.close();
  }
}

export interface EditResult {
  requests: number;
  codes: Record<string, number>;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface MixedResult {
  programme: LoadResult;
  proposals: LoadResult;
  submissions: SubmitResult;
  edits: EditResult;
  /** the commune's content version before and after the measured run */
  versions: [number, number];
  /** the commune's plan version (the programme's pages) before and after */
  planVersions: [number, number];
  /** from the start of the reads to the last write */
  seconds: number;
  readSeconds: number;
  readConnections: number;
  submitRate: number;
  editRate: number;
  programmePath: string;
  proposalsPath: string;
}

/**
 * GETs of one page on `connections` keep-alive connections, each sending its next request when
 * the answer came, until `until()` says stop and at least `minSeconds` have passed: unlike an
 * autocannon run of fixed length, the reads last as long as the writes, however long they take.
 */
async function readLoop(base: string, path: string, headers: Record<string, string>, connections: number, minSeconds: number, until: () => boolean): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const done = () => until() && performance.now() - started >= minSeconds * 1000;
  const worker = async () => {
    while (!done()) {
      const t0 = performance.now();
      try {
        const status = await send(agent, base + path, { headers });
        codes[status] = (codes[status] ?? 0) + 1;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const unexpected = Object.entries(codes).filter(([c]) => !c.startsWith('2')).reduce((n, [, k]) => n + k, 0);
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, codes, unexpected, errors, timeouts: 0 };
}

/** Progress notes, one at a time at `rate` per second, until `until()` says stop. */
async function staffLoop(base: string, path: string, cookie: string, token: string, rate: number, until: () => boolean): Promise<EditResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let k = 0; !until(); k++) {
    const t0 = performance.now();
    const body = `noted_on=${todayInCasablanca()}&body_ar=${encodeURIComponent(`ملاحظة تقدم رقم ${k} (قياس الأداء)`)}&progress=${k % 101}&_csrf=${encodeURIComponent(token)}`;
    try {
      const status = await send(agent, base + path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
      codes[status] = (codes[status] ?? 0) + 1;
      latencies.push(performance.now() - t0);
    } catch {
      errors++;
    }
    // paced: the next edit starts 1/rate s after this one started
    const wait = 1000 / rate - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  return { requests, codes, rps: requests / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

export async function measureMixed(
  server: Server,
  opts: {
    slug: string;
    dbUrl: string;
    collectivityId: number;
    axisIds: number[];
    /** citizen sessions kept for this part (not used by the submission throughput run) */
    sessions: string[];
    staff: StaffSetup;
    connections: number;
    seconds: number;
    warmup: number;
    submitRate: number;
    editRate: number;
    headers: Record<string, string>;
    log: (line: string) => void;
  },
): Promise<MixedResult> {
  const { slug, log } = opts;
  const programmePath = `/ar/c/${slug}/programme`;
  const proposalsPath = `/ar/c/${slug}/proposals`;
  const submitPath = `/ar/c/${slug}/proposals/new`;
  const notesPath = `/admin/c/${slug}/tracking/activities/${opts.staff.activityId}/notes`;
  log(`  reads during writes: ${opts.sessions.length} more accounts and the staff member open their forms`);
  const { citizens } = await fetchCsrf(server.url, submitPath, opts.sessions);
  const [staff] = (
    await fetchCsrf(server.url, `/admin/c/${slug}/tracking/activities/${opts.staff.activityId}`, [opts.staff.session], {
      marker: 'name="noted_on"',
      missing: 'no progress-note form for the staff member (role?)',
    })
  ).citizens;
  const rot = rotation(citizens, opts.axisIds);
  const readConnections = Math.max(1, Math.floor(opts.connections / 2));
  // warm-up with autocannon; the measured reads use readLoop, which lasts as long as the writes
  const read = (path: string, seconds: number) => load(server.url + path, { connections: readConnections, seconds, headers: opts.headers });
  if (opts.warmup > 0) {
    log(`  reads during writes: warm-up of ${opts.warmup} s, reads only`);
    await Promise.all([read(programmePath, opts.warmup), read(proposalsPath, opts.warmup)]);
  }
  await settle(server);
  const database = openDatabase(opts.dbUrl);
  const row = () => database.db.selectFrom('collectivity').select(['content_version', 'plan_version']).where('id', '=', opts.collectivityId).executeTakeFirstOrThrow();
  const version = async () => Number((await row()).content_version);
  const planVersion = async () => Number((await row()).plan_version);
  try {
    const v0 = await version();
    const p0 = await planVersion();
    log(
      `  reads during writes: ${opts.seconds} s of ${programmePath} and ${proposalsPath} (${readConnections} connections each) while ` +
        `${opts.submitRate} submissions/s and ${opts.editRate} progress notes/s are sent`,
    );
    const amount = Math.min(opts.submitRate * opts.seconds, rot.budget - opts.connections);
    let writing = true;
    const started = performance.now();
    const stopped = () => !writing;
    const [programme, proposals, submissions, edits] = await Promise.all([
      readLoop(server.url, programmePath, opts.headers, readConnections, opts.seconds, stopped),
      readLoop(server.url, proposalsPath, opts.headers, readConnections, opts.seconds, stopped),
      pacedSubmissions(server.url, submitPath, opts.dbUrl, opts.collectivityId, rot, { connections: opts.connections, amount, rate: opts.submitRate }).finally(() => {
        writing = false;
      }),
      staffLoop(server.url, notesPath, staff.cookie, staff.token, opts.editRate, stopped),
    ]);
    // the submissions are BENCH_SECONDS' worth at the asked rate (longer when the server cannot keep up); the reads last as long
    const seconds = (performance.now() - started) / 1000;
    const readSeconds = seconds;
    return {
      programme,
      proposals,
      submissions,
      edits,
      versions: [v0, await version()],
      planVersions: [p0, await planVersion()],
      seconds,
      readSeconds,
      readConnections,
      submitRate: opts.submitRate,
      editRate: opts.editRate,
      programmePath,
      proposalsPath,
    };
  } finally {
    await database.close();
  }
}

/** accounts the submissions of this part need: each may submit MAX_PER_HOUR an hour, plus one spare request per connection */
export const mixedAccounts = (rate: number, seconds: number, connections: number, maxPerHour: number) => Math.ceil((rate * seconds + connections) / maxPerHour) + 1;
