// Proposal submission throughput: many verified citizen accounts, each with its own session and
// CSRF token, post proposals to POST /{locale}/c/{slug}/proposals/new (step=publish) during an
// open call. The app allows MAX_PER_HOUR submissions per account and hour, so autocannon turns
// through the accounts (a `setupRequest` that takes the next account) and every run is sized
// (autocannon `amount`) to stay within accounts × MAX_PER_HOUR.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { type Db, now, openDatabase } from '../src/platform/db/database.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { upsertUser } from '../src/platform/auth/users.ts';
import { MAX_PER_HOUR } from '../src/modules/cocreation/commands/submit-proposal.ts';
import '../src/modules/cocreation/tables.ts';
import { clearCocreation, proposalText } from './proposals.ts';
import { createRng } from './prng.ts';
import { type LoadResult, Timeout, percentile, send, statusCodes } from './measure.ts';

export { MAX_PER_HOUR };

const email = (i: number) => `bench-citizen-${String(i).padStart(5, '0')}@bench.invalid`;

export interface SubmitSetup {
  slug: string;
  collectivityId: number;
  axisIds: number[];
  /** session tokens, one per account */
  sessions: string[];
  seconds: number;
  accountsCreated: number;
}

/** A commune's id and its newest programme's. */
export function communeProgramme(db: Db, slug: string) {
  return db
    .selectFrom('collectivity as c')
    .innerJoin('programme as p', 'p.collectivity_id', 'c.id')
    .select(['c.id', 'p.id as programmeId'])
    .where('c.slug', '=', slug)
    .orderBy('p.start_year', 'desc')
    .executeTakeFirstOrThrow();
}

/**
 * Before the server starts: empties the submission commune, opens a call there (opened a day ago,
 * closing in 30 days), makes sure `accounts` verified citizen accounts exist and gives each a
 * new session. Only the first account goes through upsertUser (argon2, ~50 ms); the others get
 * a copy of its password hash in one multi-row insert.
 */
export async function prepareSubmission(path: string, slug: string, accounts: number): Promise<SubmitSetup> {
  const started = performance.now();
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  try {
    const c = await communeProgramme(db, slug);
    await clearCocreation(db, c.id);
    const at = Date.now();
    await db
      .insertInto('call_for_proposals')
      .values({
        collectivity_id: c.id,
        programme_id: c.programmeId,
        opens_at: new Date(at - 86_400_000).toISOString(),
        closes_at: new Date(at + 30 * 86_400_000).toISOString(),
        channels: 'online',
        published_at: new Date(at - 2 * 86_400_000).toISOString(),
        title_ar: 'دعوة لتقديم المقترحات (قياس الأداء)',
        title_fr: 'Appel à propositions (banc d’essai)',
        title_en: 'Call for proposals (benchmark)',
        body_ar: null,
        body_fr: null,
        body_en: null,
      })
      .execute();
    const axisIds = (await db.selectFrom('axis').select('id').where('collectivity_id', '=', c.id).where('programme_id', '=', c.programmeId).orderBy('number').execute()).map((a) => a.id);

    const accountsCreated = await ensureAccounts(db, accounts);
    const ids = (await db.selectFrom('app_user').select('id').where('email', 'like', 'bench-citizen-%@bench.invalid').orderBy('email').limit(accounts).execute()).map((r) => r.id);
    // the hourly counts of an earlier run (within the hour, they would refuse this run's submissions)
    for (let i = 0; i < ids.length; i += 500) {
      await db.deleteFrom('rate_counter').where('key', 'in', ids.slice(i, i + 500).map((id) => `proposal:user:${id}`)).execute();
    }
    // fresh sessions each run (only the tokens' hashes are stored)
    await db.deleteFrom('user_session').where('user_id', 'in', db.selectFrom('app_user').select('id').where('email', 'like', 'bench-citizen-%@bench.invalid')).execute();
    const sessions = await db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const id of ids) out.push((await createSession(trx, id)).token);
      return out;
    });
    return { slug, collectivityId: c.id, axisIds, sessions, seconds: (performance.now() - started) / 1000, accountsCreated };
  } finally {
    await database.close();
  }
}

async function ensureAccounts(db: Db, accounts: number): Promise<number> {
  const existing = new Set((await db.selectFrom('app_user').select('email').where('email', 'like', 'bench-citizen-%@bench.invalid').execute()).map((r) => r.email));
  const missing = Array.from({ length: accounts }, (_, i) => email(i + 1)).filter((e) => !existing.has(e));
  if (missing.length === 0) return 0;
  if (!existing.has(email(1))) await upsertUser(db, { email: email(1), password: 'bench-only-password-1', displayName: 'مواطن 1' });
  const { password_hash } = await db.selectFrom('app_user').select('password_hash').where('email', '=', email(1)).executeTakeFirstOrThrow();
  const at = now();
  const rows = missing
    .filter((e) => e !== email(1))
    .map((e) => ({ email: e, password_hash, display_name: `مواطن ${Number(e.slice(14, 19))}`, created_at: at, account_kind: 'person', email_verified_at: at, locale: 'ar' }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('app_user').values(rows.slice(i, i + 500)).execute();
    await trx.updateTable('app_user').set({ email_verified_at: at }).where('email', 'like', 'bench-citizen-%@bench.invalid').where('email_verified_at', 'is', null).execute();
  });
  return missing.length;
}

export interface Citizen {
  /** `infitah_session=…; infitah_csrf=…` */
  cookie: string;
  /** the form's `_csrf` */
  token: string;
}

/**
 * With the server running: each account opens a form page (GET `path` with its session), and
 * keeps the `_csrf` of the page and the `infitah_csrf` cookie it was given. `open` is a piece of
 * the page that shows the form is open (the proposal form's first step by default).
 */
export async function fetchCsrf(
  base: string,
  path: string,
  sessions: string[],
  open: { marker: string; missing: string } = { marker: 'name="step" value="check"', missing: 'the form is not open (no open call?)' },
  concurrency = 16,
): Promise<{ citizens: Citizen[]; seconds: number }> {
  const started = performance.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const citizens: Citizen[] = new Array(sessions.length);
  let next = 0;
  const one = (session: string) =>
    new Promise<Citizen>((resolve, reject) => {
      const req = http.get(base + path, { agent, headers: { cookie: `infitah_session=${session}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const html = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`GET ${path} with a citizen session answered ${res.statusCode} (${res.headers.location ?? ''}): ${html.slice(0, 200)}`));
          const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
          const csrfCookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('infitah_csrf='));
          if (!token || !csrfCookie) return reject(new Error(`GET ${path}: no _csrf input or infitah_csrf cookie in the answer`));
          if (!html.includes(open.marker)) return reject(new Error(`GET ${path}: ${open.missing}`));
          resolve({ cookie: `infitah_session=${session}; ${csrfCookie}`, token });
        });
      });
      req.on('error', reject);
    });
  const worker = async () => {
    while (next < sessions.length) {
      const i = next++;
      citizens[i] = await one(sessions[i]);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, sessions.length) }, worker));
  } finally {
    agent.destroy();
  }
  return { citizens, seconds: (performance.now() - started) / 1000 };
}

export interface SubmitResult {
  /** completed requests, and by status code */
  requests: number;
  codes: Record<string, number>;
  /** 303 answers per second, from the first request to the last answer */
  rps: number;
  p50: number;
  p99: number;
  seconds: number;
  errors: number;
  timeouts: number;
  /** proposals stored in the commune during the run (counted in the database) */
  stored: number;
  /** proposal_step rows stored with them */
  steps: number;
}

/**
 * A rotation over the accounts shared by successive runs: request k goes to account k mod N, so
 * that no account exceeds MAX_PER_HOUR as long as the runs together stay within N × MAX_PER_HOUR.
 */
export function rotation(citizens: Citizen[], axisIds: number[]) {
  const rng = createRng(0x5b317);
  // a few hundred distinct texts, url-encoded once
  const texts = Array.from({ length: 512 }, () => {
    const p = proposalText(rng);
    return `title=${encodeURIComponent(p.title)}&body=${encodeURIComponent(p.body)}`;
  });
  let k = 0;
  return {
    get used() {
      return k;
    },
    budget: citizens.length * MAX_PER_HOUR,
    next() {
      const i = k++;
      const c = citizens[i % citizens.length];
      return {
        cookie: c.cookie,
        body: `${texts[i % texts.length]}&axis_id=${axisIds[i % axisIds.length]}&step=publish&_csrf=${encodeURIComponent(c.token)}`,
      };
    },
  };
}

/** Successive runs as one (the warm-up): counts added, latencies of the last run. */
export function mergeRuns(runs: SubmitResult[]): SubmitResult {
  const sum = (f: (r: SubmitResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  const codes: Record<string, number> = {};
  for (const r of runs) for (const [c, n] of Object.entries(r.codes)) codes[c] = (codes[c] ?? 0) + n;
  const seconds = sum((r) => r.seconds);
  const last = runs[runs.length - 1];
  return {
    requests: sum((r) => r.requests),
    codes,
    rps: (codes['303'] ?? 0) / seconds,
    p50: last.p50,
    p99: last.p99,
    seconds,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    stored: sum((r) => r.stored),
    steps: sum((r) => r.steps),
  };
}

/** Proposals and their steps stored in a collectivity: what the runs check their answers against. */
async function storedCounts(db: Db, collectivityId: number) {
  const p = await db.selectFrom('proposal').select((eb) => eb.fn.countAll<number>().as('n')).where('collectivity_id', '=', collectivityId).executeTakeFirstOrThrow();
  const s = await db.selectFrom('proposal_step').select((eb) => eb.fn.countAll<number>().as('n')).where('collectivity_id', '=', collectivityId).executeTakeFirstOrThrow();
  return { proposals: Number(p.n), steps: Number(s.n) };
}

export async function submitLoad(
  server: string,
  path: string,
  dbUrl: string,
  collectivityId: number,
  rot: ReturnType<typeof rotation>,
  opts: { connections: number; amount: number; rate?: number },
): Promise<SubmitResult> {
  const database = openDatabase(dbUrl);
  const count = () => storedCounts(database.db, collectivityId);
  try {
    const before = await count();
    let last = 0;
    const started = performance.now();
    const r = await autocannon({
      url: server,
      connections: opts.connections,
      amount: opts.amount,
      ...(opts.rate && { overallRate: opts.rate }),
      requests: [
        {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req) => {
            const { cookie, body } = rot.next();
            return { ...req, headers: { ...req.headers, cookie }, body };
          },
          onResponse: () => {
            last = performance.now();
          },
        },
      ],
    });
    const after = await count();
    const codes = statusCodes(r);
    const seconds = ((last || performance.now()) - started) / 1000;
    return {
      requests: Object.values(codes).reduce((a, b) => a + b, 0),
      codes,
      rps: (codes['303'] ?? 0) / seconds,
      p50: r.latency.p50,
      p99: r.latency.p99,
      seconds,
      errors: r.errors,
      timeouts: r.timeouts,
      stored: after.proposals - before.proposals,
      steps: after.steps - before.steps,
    };
  } finally {
    await database.close();
  }
}

/**
 * Submissions arriving at a steady `rate` per second, as citizens' do: submission k is sent at
 * start + k/rate s whether or not the earlier ones were answered (an open loop), on `connections`
 * keep-alive connections opened beforehand. Each latency runs from the moment the submission was
 * due, so time spent waiting for a free connection counts.
 * - Not autocannon's overallRate: it lets each connection send its share at the top of every
 *   second, so "200/s" arrives as 200 submissions at once and then nothing until the next second.
 * - Connections opened beforehand, as nginx keeps them to the app (deploy/nginx-cluster.conf,
 *   `keepalive`): while the server is saturated by readers, Node accepted a new connection only
 *   every few tens of milliseconds, so connections opened during the run waited 0.1-1.9 s before
 *   their first request was read (docs/benchmark.md).
 */
export async function pacedSubmissions(
  server: string,
  path: string,
  dbUrl: string,
  collectivityId: number,
  rot: ReturnType<typeof rotation>,
  opts: { connections: number; amount: number; rate: number },
): Promise<SubmitResult> {
  const database = openDatabase(dbUrl);
  const count = () => storedCounts(database.db, collectivityId);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  try {
    const before = await count();
    // the connections, opened together so that each request takes its own
    await Promise.all(Array.from({ length: opts.connections }, () => send(agent, `${server}/healthz`)));
    const started = performance.now();
    let last = started;
    const sent: Promise<void>[] = [];
    for (let k = 0; k < opts.amount; k++) {
      const due = started + (k * 1000) / opts.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const { cookie, body } = rot.next();
      sent.push(
        send(agent, server + path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body }).then(
          (status) => {
            codes[status] = (codes[status] ?? 0) + 1;
            last = performance.now();
            latencies.push(last - due);
          },
          (e) => {
            errors++;
            if (e instanceof Timeout) timeouts++;
          },
        ),
      );
    }
    await Promise.all(sent);
    const after = await count();
    latencies.sort((a, b) => a - b);
    const seconds = (last - started) / 1000;
    return {
      requests: latencies.length,
      codes,
      rps: (codes['303'] ?? 0) / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      seconds,
      errors,
      timeouts,
      stored: after.proposals - before.proposals,
      steps: after.steps - before.steps,
    };
  } finally {
    agent.destroy();
    await database.close();
  }
}

/**
 * The POST baseline of the submission rows: the same requests (cookies, urlencoded bodies of the
 * same size, from a rotation of its own) sent to the bare Fastify server's POST /submit, which
 * parses the form and answers 303.
 */
export async function postBaseline(server: string, citizens: Citizen[], axisIds: number[], opts: { connections: number; seconds: number }): Promise<LoadResult> {
  const rot = rotation(citizens, axisIds);
  const r = await autocannon({
    url: server,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [
      {
        method: 'POST',
        path: '/submit',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req) => {
          const { cookie, body } = rot.next();
          return { ...req, headers: { ...req.headers, cookie }, body };
        },
      },
    ],
  });
  const codes = statusCodes(r);
  const unexpected = Object.entries(codes).filter(([c]) => c !== '303').reduce((n, [, k]) => n + k, 0);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, codes, unexpected, errors: r.errors, timeouts: r.timeouts };
}
