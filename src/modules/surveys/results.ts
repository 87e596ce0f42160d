// A survey's results, counted by the database: two GROUP BY queries over indexes, never the
// answer rows read into the application (a survey may hold 100,000 answers).
// - every question's counts: one GROUP BY question_id, value, option_id, text_status, read from the
//   index survey_answer_results alone, in its order: CSAT 1–5, scale 0–10 and yes/no (1/0) by
//   value, choices by option, free text by its moderation status;
// - the CSAT answers by channel, gender and age band: the same index's range of the CSAT questions
//   (each answer row carries its response's channel, gender and age band: no join);
// - respondents by channel (index-only on survey_response_channels).
// A multiple choice's shares are over all the survey's respondents (they can sum past 100%).
// Survey ids are unique across collectivities: callers find the survey in the collectivity first
// (findSurvey), and the queries then filter on survey_id alone, which the indexes lead with.
import type { Db } from '../../platform/db/database.ts';
import type { QuestionWithOptions } from './repository.ts';
import { type Satisfaction, satisfactionFrom, satisfactionOf } from './satisfaction.ts';
import { type QuestionKind, type ResponseChannel, SATISFIED_FROM, responseChannels } from './tables.ts';
import './tables.ts';

/** The values a question of each kind takes (choices and text have none). */
export const valueRange: Partial<Record<QuestionKind, number[]>> = {
  csat: [1, 2, 3, 4, 5],
  scale: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  yes_no: [1, 0],
};

/** Net-promoter groups of a 0–10 scale: detractors 0–6, passives 7–8, promoters 9–10. */
export const NPS = { promotersFrom: 9, passivesFrom: 7 } as const;

export interface QuestionResult {
  question: QuestionWithOptions;
  /** respondents who answered the question */
  answered: number;
  /** csat, scale, yes_no: the count of each value, in valueRange order */
  values: { value: number; count: number }[];
  /** single, multiple: the count of each option, in the options' order */
  options: { id: number; count: number }[];
  /** csat and scale: the mean of the answers; null without answers */
  mean: number | null;
  /** csat */
  satisfaction: Satisfaction | null;
  /** scale: promoters − detractors, in points of percent */
  nps: { promoters: number; passives: number; detractors: number; score: number } | null;
  /** text: answers awaiting moderation, and those published */
  pending: number;
  published: number;
}

export type Breakdown = { key: string; satisfied: number; answers: number }[];

export interface SurveyResults {
  respondents: number;
  byChannel: Record<ResponseChannel, number>;
  questions: QuestionResult[];
  /** every CSAT answer of the survey */
  satisfaction: Satisfaction;
  /** each CSAT question's answers by channel, gender and age band */
  breakdowns: Breakdowns;
}

/** per CSAT question: satisfied and all answers by channel, gender and age band ('unknown' where not known) */
export type Breakdowns = Map<number, { channel: Breakdown; gender: Breakdown; ageBand: Breakdown }>;

const n = (v: unknown) => Number(v ?? 0);

export async function surveyResults(db: Db, surveyId: number, questions: QuestionWithOptions[]): Promise<SurveyResults> {
  const csatIds = new Set(questions.filter((q) => q.kind === 'csat').map((q) => q.id));
  const [counts, csat, channels] = await Promise.all([
    db
      .selectFrom('survey_answer')
      .select(['question_id', 'value', 'option_id', 'text_status', (eb) => eb.fn.countAll().as('n')])
      .where('survey_id', '=', surveyId)
      .groupBy(['question_id', 'value', 'option_id', 'text_status'])
      .execute(),
    csatIds.size === 0
      ? []
      : db
          .selectFrom('survey_answer')
          .select(['question_id', 'value', 'channel', 'gender', 'age_band', (eb) => eb.fn.countAll().as('n')])
          .where('survey_id', '=', surveyId)
          .where('question_id', 'in', [...csatIds])
          .groupBy(['question_id', 'value', 'option_id', 'text_status', 'channel', 'gender', 'age_band'])
          .execute(),
    db.selectFrom('survey_response').select(['channel', (eb) => eb.fn.countAll().as('n')]).where('survey_id', '=', surveyId).groupBy('channel').execute(),
  ]);

  const byChannel = Object.fromEntries(responseChannels.map((c) => [c, 0])) as Record<ResponseChannel, number>;
  for (const r of channels) if (r.channel in byChannel) byChannel[r.channel as ResponseChannel] = n(r.n);

  const breakdowns: Breakdowns = new Map([...csatIds].map((id) => [id, { channel: [], gender: [], ageBand: [] }]));
  const valueCounts = new Map<number, Map<number, number>>();
  const optionCounts = new Map<number, Map<number, number>>();
  const textCounts = new Map<number, number>();
  const textStatus = new Map<string, number>();
  const add = <K>(m: Map<K, number>, key: K, count: number) => m.set(key, (m.get(key) ?? 0) + count);
  for (const r of counts) {
    const q = r.question_id;
    const count = n(r.n);
    if (r.option_id !== null) {
      if (!optionCounts.has(q)) optionCounts.set(q, new Map());
      add(optionCounts.get(q)!, r.option_id, count);
    } else if (r.value !== null) {
      if (!valueCounts.has(q)) valueCounts.set(q, new Map());
      add(valueCounts.get(q)!, Number(r.value), count);
    } else {
      add(textCounts, q, count);
      if (r.text_status !== null) add(textStatus, `${q}:${r.text_status}`, count);
    }
  }
  for (const r of csat) {
    const b = breakdowns.get(r.question_id)!;
    const ok = Number(r.value) >= SATISFIED_FROM;
    addTo(b.channel, r.channel, ok, n(r.n));
    addTo(b.gender, r.gender ?? 'unknown', ok, n(r.n));
    addTo(b.ageBand, r.age_band ?? 'unknown', ok, n(r.n));
  }
  const respondents = Object.values(byChannel).reduce((s, x) => s + x, 0);

  const allCsat = new Map<number, number>();
  const results = questions.map((question): QuestionResult => {
    const range = valueRange[question.kind as QuestionKind];
    const vc = valueCounts.get(question.id) ?? new Map<number, number>();
    const values = (range ?? []).map((value) => ({ value, count: vc.get(value) ?? 0 }));
    const oc = optionCounts.get(question.id) ?? new Map<number, number>();
    const options = question.options.map((o) => ({ id: o.id, count: oc.get(o.id) ?? 0 }));
    const valueTotal = values.reduce((s, v) => s + v.count, 0);
    const answered =
      question.kind === 'multiple' ? respondents : question.kind === 'text' ? (textCounts.get(question.id) ?? 0) : range ? valueTotal : options.reduce((s, o) => s + o.count, 0);
    const mean = (question.kind === 'csat' || question.kind === 'scale') && valueTotal > 0 ? values.reduce((s, v) => s + v.value * v.count, 0) / valueTotal : null;
    if (question.kind === 'csat') for (const v of values) allCsat.set(v.value, (allCsat.get(v.value) ?? 0) + v.count);
    return {
      question,
      answered,
      values,
      options,
      mean,
      satisfaction: question.kind === 'csat' ? satisfactionOf(vc) : null,
      nps: question.kind === 'scale' && valueTotal > 0 ? npsOf(values, valueTotal) : null,
      pending: textStatus.get(`${question.id}:pending`) ?? 0,
      published: textStatus.get(`${question.id}:public`) ?? 0,
    };
  });

  return {
    respondents,
    byChannel,
    questions: results,
    satisfaction: satisfactionOf(allCsat),
    breakdowns,
  };
}

/** Counts answers, satisfied or not, into a breakdown's group. */
function addTo(list: Breakdown, key: string, satisfied: boolean, count: number) {
  let row = list.find((x) => x.key === key);
  if (!row) list.push((row = { key, satisfied: 0, answers: 0 }));
  row.answers += count;
  if (satisfied) row.satisfied += count;
}

function npsOf(values: { value: number; count: number }[], total: number) {
  let promoters = 0;
  let passives = 0;
  for (const v of values) {
    if (v.value >= NPS.promotersFrom) promoters += v.count;
    else if (v.value >= NPS.passivesFrom) passives += v.count;
  }
  const detractors = total - promoters - passives;
  const pct = (x: number) => Math.round((x / total) * 1000) / 10;
  return { promoters: pct(promoters), passives: pct(passives), detractors: pct(detractors), score: Math.round(((promoters - detractors) / total) * 1000) / 10 };
}

/** The satisfaction of a breakdown's group. */
export const groupSatisfaction = (g: { satisfied: number; answers: number }) => satisfactionFrom(g.satisfied, g.answers);

// ---- free text --------------------------------------------------------------------------------

export interface TextItem {
  id: number;
  questionId: number;
  text: string;
}

/** A keyset page of a survey's free-text answers of one status (by id), of one question or all. */
export async function textsPage(
  db: Db,
  surveyId: number,
  page: { status: 'pending' | 'public'; questionId?: number; after?: number | null; limit?: number },
): Promise<{ items: TextItem[]; next: number | null }> {
  const limit = page.limit ?? 20;
  const rows = await db
    .selectFrom('survey_answer')
    .select(['id', 'question_id', 'text'])
    .where('survey_id', '=', surveyId)
    .where('text_status', '=', page.status)
    .$if(page.questionId !== undefined, (q) => q.where('question_id', '=', page.questionId!))
    .$if(page.after != null, (q) => q.where('id', '>', page.after!))
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  return { items: shown.map((r) => ({ id: r.id, questionId: r.question_id, text: r.text ?? '' })), next: rows.length > limit ? shown[shown.length - 1]!.id : null };
}

/** Published surveys of a collectivity, newest window first, with their respondents. */
export async function publishedSurveys(db: Db, collectivityId: number) {
  const [surveys, counts] = await Promise.all([
    db.selectFrom('survey').selectAll().where('collectivity_id', '=', collectivityId).where('status', '=', 'published').orderBy('opens_at', 'desc').orderBy('id', 'desc').execute(),
    db
      .selectFrom('survey_response')
      .innerJoin('survey', 'survey.id', 'survey_response.survey_id')
      .select(['survey_response.survey_id', (eb) => eb.fn.countAll().as('n')])
      .where('survey.collectivity_id', '=', collectivityId)
      .where('survey.status', '=', 'published')
      .groupBy('survey_response.survey_id')
      .execute(),
  ]);
  const by = new Map(counts.map((c) => [c.survey_id, n(c.n)]));
  return surveys.map((s) => ({ ...s, respondents: by.get(s.id) ?? 0 }));
}

/** Free-text answers of a survey awaiting moderation. */
export async function pendingCount(db: Db, surveyId: number): Promise<number> {
  const r = await db.selectFrom('survey_answer').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', surveyId).where('text_status', '=', 'pending').executeTakeFirst();
  return n(r?.n);
}
