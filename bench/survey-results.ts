// Survey results at scale (issue 15): one survey of 100,000 answers (CSAT, scale, yes/no, single
// and multiple choice, free text; online, paper and desk responses with gender and age band) in
// a fresh SQLite database (./data/bench/survey-results.sqlite), then `surveyResults` (every
// question's counts and the respondents by channel: the results page's and the API's) against a bare
// `SELECT question_id, value, count(*) FROM survey_answer WHERE survey_id = ? GROUP BY question_id, value`
// over the same rows, through the app's own database connection: medians of REPS interleaved runs
// after a warm-up. Goal: ≤ 2× the bare GROUP BY. The counts are checked against the bare GROUP BY
// and against the generator's; a mismatch is an error. The CSAT breakdowns by channel, gender
// and age band join every CSAT answer to its response: timed beside, not within the goal.
//
//   node --import tsx bench/survey-results.ts
// bench/run.ts may call benchSurveyResults(dataDir, { log }); it returns the lines it prints.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { now, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { surveyQuestions } from '../src/modules/surveys/repository.ts';
import { surveyResults } from '../src/modules/surveys/results.ts';
import '../src/modules/surveys/tables.ts';
import { createRng } from './prng.ts';

export const ANSWERS = 100_000;
/** the goal: results within 2× of a bare GROUP BY over the same rows */
export const RESULTS_GOAL = 2;
const REPS = 7;
const SLUG = 'bench-surveys';

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const kinds = ['csat', 'csat', 'csat', 'scale', 'yes_no', 'single', 'multiple', 'text'] as const;
const OPTIONS = 5;

interface Built {
  collectivityId: number;
  surveyId: number;
  answers: number;
  responses: number;
  /** "questionId|value" or "questionId|o<optionId>" → count, as generated */
  expected: Map<string, number>;
  seconds: number;
}

async function build(path: string, answers: number, log: (line: string) => void): Promise<Built> {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const database = openDatabase(`sqlite:${path}`);
  const at = now();
  let collectivityId: number;
  let surveyId: number;
  const questions: { id: number; kind: (typeof kinds)[number]; options: number[] }[] = [];
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    collectivityId = (
      await db.insertInto('collectivity').values({ slug: SLUG, name_ar: 'جماعة الاستطلاعات (قياس الأداء)', name_fr: 'Commune des enquêtes (banc d’essai)', name_en: null, kind: 'commune', parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow()
    ).id;
    surveyId = (
      await db
        .insertInto('survey')
        .values({ collectivity_id: collectivityId, status: 'published', opens_at: '2025-01-01T00:00:00.000Z', closes_at: '2025-12-31T00:00:00.000Z', anonymous: 1, published_at: at, title_ar: 'استطلاع الرضا (قياس الأداء)', title_fr: null, title_en: null, intro_ar: null, intro_fr: null, intro_en: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [i, kind] of kinds.entries()) {
      const q = await db
        .insertInto('survey_question')
        .values({ collectivity_id: collectivityId, survey_id: surveyId, position: i + 1, kind, text_ar: `سؤال ${i + 1}`, text_fr: null, text_en: null, help_ar: null, help_fr: null, help_en: null, about: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const options: number[] = [];
      if (kind === 'single' || kind === 'multiple') {
        for (let j = 1; j <= OPTIONS; j++) {
          options.push((await db.insertInto('survey_option').values({ collectivity_id: collectivityId, survey_id: surveyId, question_id: q.id, position: j, label_ar: `خيار ${j}`, label_fr: null, label_en: null }).returning('id').executeTakeFirstOrThrow()).id);
        }
      }
      questions.push({ id: q.id, kind, options });
    }
  } finally {
    await database.close();
  }

  // straight to better-sqlite3, in one transaction, no fsync: a bulk load, not what is measured
  log(`  loading ${fmt(answers)} answers to ${kinds.length} questions`);
  const sqlite = new SQLite(path);
  const expected = new Map<string, number>();
  const count = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
  const rng = createRng(0x5a71);
  let stored = 0;
  let responses = 0;
  try {
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = OFF');
    const response = sqlite.prepare('insert into survey_response (id, collectivity_id, survey_id, channel, gender, age_band, created_at) values (?,?,?,?,?,?,?)');
    const answer = sqlite.prepare('insert into survey_answer (collectivity_id, survey_id, response_id, question_id, option_id, value, text, text_status, channel, gender, age_band) values (?,?,?,?,?,?,?,?,?,?,?)');
    const day0 = Date.parse('2025-01-01T08:00:00Z');
    sqlite.transaction(() => {
      while (stored < answers) {
        const id = ++responses;
        const channel = rng.weighted({ online: 8, paper: 1, desk: 1 });
        const gender = rng.chance(0.8) ? rng.pick(['female', 'male']) : null;
        const ageBand = rng.chance(0.7) ? rng.pick(['18_24', '25_34', '35_49', '50_64', '65_plus']) : null;
        response.run(id, collectivityId, surveyId, channel, gender, ageBand, new Date(day0 + id * 60_000).toISOString());
        for (const q of questions) {
          if (stored >= answers) break;
          const put = (option: number | null, value: number | null, text: string | null, status: string | null) => {
            if (stored >= answers) return;
            answer.run(collectivityId, surveyId, id, q.id, option, value, text, status, channel, gender, ageBand);
            stored++;
            count(option !== null ? `${q.id}|o${option}` : `${q.id}|${value}`);
          };
          if (q.kind === 'csat') put(null, rng.int(1, 5), null, null);
          else if (q.kind === 'scale') put(null, rng.int(0, 10), null, null);
          else if (q.kind === 'yes_no') put(null, rng.int(0, 1), null, null);
          else if (q.kind === 'single') put(rng.pick(q.options), null, null, null);
          else if (q.kind === 'multiple') for (const o of rng.sample(q.options, rng.int(1, 3))) put(o, null, null, null);
          else if (rng.chance(0.3)) put(null, null, `ملاحظة رقم ${id}`, rng.pick(['pending', 'public', 'hidden']));
        }
      }
    })();
    sqlite.exec('analyze');
  } finally {
    sqlite.close();
  }
  return { collectivityId, surveyId, answers: stored, responses, expected, seconds: (performance.now() - started) / 1000 };
}

export interface SurveyResultsBench {
  lines: string[];
  errors: string[];
}

export async function benchSurveyResults(dataDir: string, opts: { log: (line: string) => void; answers?: number }): Promise<SurveyResultsBench> {
  const { log } = opts;
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'survey-results.sqlite');
  log('survey results:');
  const b = await build(path, opts.answers ?? ANSWERS, log);
  const database = openDatabase(`sqlite:${path}`);
  const db = database.db;
  const errors: string[] = [];
  const times = { results: [] as number[], bare: [] as number[] };
  try {
    const questions = await surveyQuestions(db, b.collectivityId, b.surveyId);
    const bare = async () => {
      const { rows } = await sql<{ question_id: number; value: number | null; n: number }>`SELECT question_id, value, count(*) AS n FROM survey_answer WHERE survey_id = ${b.surveyId} GROUP BY question_id, value`.execute(db);
      return rows;
    };
    const results = () => surveyResults(db, b.surveyId, questions);
    const timed = async (f: () => Promise<unknown>) => {
      const s = performance.now();
      await f();
      return performance.now() - s;
    };
    // warm-up, and the checks: every value and option count equals the generator's, and every
    // value count equals the bare GROUP BY's
    const [grouped, res] = [await bare(), await results()];
    const got = new Map<string, number>();
    for (const q of res.questions) {
      for (const v of q.values) if (v.count > 0) got.set(`${q.question.id}|${v.value}`, v.count);
      for (const o of q.options) if (o.count > 0) got.set(`${q.question.id}|o${o.id}`, o.count);
    }
    for (const [key, n] of b.expected) if (!key.endsWith('|null') && got.get(key) !== n) errors.push(`surveyResults: ${key} counted ${got.get(key) ?? 0}, generated ${n}`);
    for (const r of grouped) if (r.value !== null && got.get(`${r.question_id}|${r.value}`) !== Number(r.n)) errors.push(`surveyResults differs from the bare GROUP BY at question ${r.question_id}, value ${r.value}`);
    if (res.respondents !== b.responses) errors.push(`surveyResults: ${res.respondents} respondents, generated ${b.responses}`);
    for (let i = 0; i < REPS; i++) {
      times.bare.push(await timed(bare));
      times.results.push(await timed(results));
    }
  } finally {
    await database.close();
  }
  const [r, g] = [median(times.results), median(times.bare)];
  const all = (xs: number[]) => xs.map(ms).join(', ');
  const lines = [
    '',
    `Survey results (bench/survey-results.ts, ./data/bench/survey-results.sqlite, SQLite): one survey of ${fmt(b.answers)} answers from ${fmt(b.responses)} respondents to ${kinds.length} questions, loaded in ${b.seconds.toFixed(1)} s. Times: median of ${REPS} interleaved runs after a warm-up:`,
    `  bare SELECT question_id, value, count(*) … GROUP BY question_id, value          ${ms(g).padStart(7)} ms  (${all(times.bare)})`,
    `  surveyResults (results page, API): every question's counts, the CSAT answers by channel, gender and age band, respondents by channel ${ms(r).padStart(7)} ms  (${all(times.results)})`,
    `  [${r / g <= RESULTS_GOAL && errors.length === 0 ? 'MET   ' : 'MISSED'}] results of a ${fmt(b.answers)}-answer survey: ${ms(r)} ms = ${(r / g).toFixed(2)}× the bare GROUP BY (goal ≤ ${RESULTS_GOAL}×); ` +
      (errors.length === 0 ? "its counts equal the bare GROUP BY's and the generator's" : 'its counts DIFFER (see the errors)'),
  ];
  return { lines, errors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await benchSurveyResults(join(import.meta.dirname, '..', 'data', 'bench'), { log: (l) => console.log(l) });
  for (const l of [...out.lines, ...out.errors]) console.log(l);
  process.exitCode = out.errors.length > 0 ? 1 : 0;
}
