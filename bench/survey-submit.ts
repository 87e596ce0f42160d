// Survey answers throughput: distinct verified accounts each answer a signed survey once
// (POST /ar/c/{slug}/surveys/{id}: one transaction, one response and its answers), at 50
// connections. Reports answers/s and p99, and checks that every acknowledged answer (303) is stored:
// the responses counted in the database after the run must equal the 303s.
//
//   prepareSurveySubmission(sqlitePath, slug, accounts)   before the server starts (and before
//                                                          the copy to PostgreSQL)
//   measureSurveySubmissions(serverUrl, dbUrl, setup)      with the server running
//
// Run on its own: node --import tsx bench/survey-submit.ts (a small dataset of its own).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createSession } from '../src/platform/auth/sessions.ts';
import { upsertUser } from '../src/platform/auth/users.ts';
import { type Db, now, openDatabase } from '../src/platform/db/database.ts';
import '../src/modules/surveys/tables.ts';
import { buildDataset } from './dataset.ts';
import { communeSlug } from './generate.ts';
import { startServer, statusCodes } from './measure.ts';
import { fetchCsrf } from './submit.ts';

const TITLE_FR = 'Enquête de satisfaction (banc d’essai)';
const email = (i: number) => `bench-survey-${String(i).padStart(5, '0')}@bench.invalid`;

export interface SurveySetup {
  slug: string;
  collectivityId: number;
  surveyId: number;
  /** the question fields: csat, yes/no, single choice (with its option ids), scale */
  fields: { csat: string; yesNo: string; single: string; scale: string; options: number[] };
  /** one session token per account */
  sessions: string[];
}

export interface SurveySubmitResult {
  accounts: number;
  requests: number;
  codes: Record<string, number>;
  /** acknowledged answers (303) per second, first request to last answer */
  rps: number;
  p50: number;
  p99: number;
  seconds: number;
  errors: number;
  timeouts: number;
  /** acknowledged answers (303) of the warm-up and the measured run */
  acknowledged: number;
  /** responses stored during both (counted in the database) */
  stored: number;
}

/**
 * On the dataset's SQLite file: a new published signed survey in the commune (any earlier bench
 * survey removed with its answers), open from an hour ago for a day, with four questions; `accounts`
 * verified accounts of their own (bench-survey-…), each with a fresh session.
 */
export async function prepareSurveySubmission(path: string, slug: string, accounts: number): Promise<SurveySetup> {
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  try {
    const c = await db.selectFrom('collectivity').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await db.deleteFrom('survey').where('collectivity_id', '=', c.id).where('title_fr', '=', TITLE_FR).execute();
    const at = now();
    const hour = 3_600_000;
    const survey = await db
      .insertInto('survey')
      .values({
        collectivity_id: c.id, status: 'published', opens_at: new Date(Date.now() - hour).toISOString(), closes_at: new Date(Date.now() + 24 * hour).toISOString(),
        anonymous: 0, audience: 'everyone', meeting_id: null, service_id: null, topic: 'services', published_at: at,
        title_ar: 'استطلاع الرضى (قياس الأداء)', title_fr: TITLE_FR, title_en: 'Satisfaction survey (benchmark)', intro_ar: null, intro_fr: null, intro_en: null, created_at: at, updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const question = async (position: number, kind: string, text: string) =>
      (await db
        .insertInto('survey_question')
        .values({ collectivity_id: c.id, survey_id: survey.id, position, kind, required: 1, about: null, text_ar: text, text_fr: null, text_en: null, help_ar: null, help_fr: null, help_en: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    const csat = await question(1, 'csat', 'ما مدى رضاك عن الخدمة؟');
    const yesNo = await question(2, 'yes_no', 'هل استعملت منصة وثيقة؟');
    const single = await question(3, 'single', 'كيف قدمت طلبك؟');
    const scale = await question(4, 'scale', 'هل تنصح بالخدمة؟');
    const options: number[] = [];
    for (const [i, label] of ['الشباك', 'وثيقة', 'البوابة'].entries()) {
      options.push((await db.insertInto('survey_option').values({ collectivity_id: c.id, survey_id: survey.id, question_id: single, position: i + 1, label_ar: label, label_fr: null, label_en: null }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const ids = await ensureAccounts(db, accounts);
    await db.deleteFrom('user_session').where('user_id', 'in', db.selectFrom('app_user').select('id').where('email', 'like', 'bench-survey-%@bench.invalid')).execute();
    const sessions = await db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const id of ids) out.push((await createSession(trx, id)).token);
      return out;
    });
    return { slug, collectivityId: c.id, surveyId: survey.id, fields: { csat: `q${csat}`, yesNo: `q${yesNo}`, single: `q${single}`, scale: `q${scale}`, options }, sessions };
  } finally {
    await database.close();
  }
}

/** `accounts` verified accounts (one argon2 hash, copied), their ids in order. */
async function ensureAccounts(db: Db, accounts: number): Promise<number[]> {
  const existing = new Set((await db.selectFrom('app_user').select('email').where('email', 'like', 'bench-survey-%@bench.invalid').execute()).map((r) => r.email));
  const missing = Array.from({ length: accounts }, (_, i) => email(i + 1)).filter((e) => !existing.has(e));
  if (missing.length > 0) {
    if (!existing.has(email(1))) await upsertUser(db, { email: email(1), password: 'bench-only-password-1', displayName: 'مجيب 1', verified: true });
    const { password_hash } = await db.selectFrom('app_user').select('password_hash').where('email', '=', email(1)).executeTakeFirstOrThrow();
    const at = now();
    const rows = missing.filter((e) => e !== email(1)).map((e, i) => ({ email: e, password_hash, display_name: `مجيب ${i + 2}`, created_at: at, account_kind: 'person', email_verified_at: at, locale: 'ar', gender: i % 2 === 0 ? 'female' : 'male' }));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('app_user').values(rows.slice(i, i + 500)).execute();
    });
  }
  return (await db.selectFrom('app_user').select('id').where('email', 'like', 'bench-survey-%@bench.invalid').orderBy('email').limit(accounts).execute()).map((r) => r.id);
}

/**
 * With the server running: each account opens the survey's page for its CSRF token, then every
 * account answers once (autocannon `amount` = the accounts: a second answer would only be refused).
 */
export async function measureSurveySubmissions(
  server: string,
  dbUrl: string,
  setup: SurveySetup,
  opts: { connections?: number; log?: (line: string) => void } = {},
): Promise<SurveySubmitResult> {
  const connections = opts.connections ?? 50;
  const log = opts.log ?? ((line: string) => console.log(line));
  const path = `/ar/c/${setup.slug}/surveys/${setup.surveyId}`;
  log(`  survey answers: ${setup.sessions.length} accounts open ${path} for their CSRF token`);
  const { citizens } = await fetchCsrf(server, path, setup.sessions, { marker: `name="${setup.fields.csat}"`, missing: 'the survey is not open' });
  const f = setup.fields;
  let k = 0;
  const database = openDatabase(dbUrl);
  const stored = async () =>
    Number((await database.db.selectFrom('survey_response').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', setup.surveyId).executeTakeFirstOrThrow()).n);
  const run = async (amount: number) => {
    let last = 0;
    const started = performance.now();
    const r = await autocannon({
      url: server,
      connections,
      amount,
      requests: [
        {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req) => {
            const i = k++;
            const c = citizens[i % citizens.length];
            const body = `${f.csat}=${1 + (i % 5)}&${f.yesNo}=${i % 3 === 0 ? 'no' : 'yes'}&${f.single}=${f.options[i % f.options.length]}&${f.scale}=${i % 11}&_csrf=${encodeURIComponent(c.token)}`;
            return { ...req, headers: { ...req.headers, cookie: c.cookie }, body };
          },
          onResponse: () => {
            last = performance.now();
          },
        },
      ],
    });
    return { r, seconds: ((last || performance.now()) - started) / 1000 };
  };
  try {
    const before = await stored();
    // the first fifth of the accounts warm the server up (JIT, statement cache), not measured;
    // their answers are counted with the others
    const warm = Math.min(1000, Math.floor(citizens.length / 5));
    const warmCodes = warm >= connections ? statusCodes((await run(warm)).r) : {};
    const { r, seconds } = await run(citizens.length - (warm >= connections ? warm : 0));
    const codes = statusCodes(r);
    const acknowledged = codes['303'] ?? 0;
    const result: SurveySubmitResult = {
      accounts: citizens.length,
      requests: Object.values(codes).reduce((a, b) => a + b, 0),
      codes,
      rps: acknowledged / seconds,
      p50: r.latency.p50,
      p99: r.latency.p99,
      seconds,
      errors: r.errors,
      timeouts: r.timeouts,
      acknowledged: acknowledged + (warmCodes['303'] ?? 0),
      stored: (await stored()) - before,
    };
    log(
      `  survey answers: ${result.rps.toFixed(0)} answers/s, p50 ${result.p50} ms, p99 ${result.p99} ms over ${result.seconds.toFixed(1)} s at ${connections} connections; ` +
        `codes of the measured run ${JSON.stringify(result.codes)}; acknowledged (with the warm-up) ${result.acknowledged}, stored ${result.stored}${result.stored === result.acknowledged ? ' (every acknowledged answer stored)' : ' — MISMATCH'}` +
        `; target ≥ 500 answers/s and p99 ≤ 100 ms: ${result.rps >= 500 && result.p99 <= 100 ? 'met' : 'NOT met'}`,
    );
    return result;
  } finally {
    await database.close();
  }
}

// on its own: a small dataset, one commune, BENCH_SURVEY_ACCOUNTS accounts (default 5000)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dataDir = join(import.meta.dirname, '..', 'data', 'bench');
  const path = join(dataDir, 'survey.sqlite');
  await buildDataset(path, 3, { reuse: true, label: 'survey dataset' });
  const setup = await prepareSurveySubmission(path, communeSlug(1), Number(process.env.BENCH_SURVEY_ACCOUNTS ?? 5000));
  const server = await startServer(['app', `sqlite:${path}`], { env: { PAGE_CACHE: 'on', BENCH_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' }, logFile: join(dataDir, 'survey-app.log') });
  try {
    await measureSurveySubmissions(server.url, `sqlite:${path}`, setup);
  } finally {
    await server.stop();
  }
}
