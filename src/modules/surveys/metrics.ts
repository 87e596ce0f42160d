// Figures of the surveys module that indicators can follow (see Metric in ../manifest.ts),
// counted from the answers when read, over the programme's days (../metric-days.ts). Only published surveys count, as on their public results.
// - satisfaction (%): on each day answers came, the satisfaction rate of every CSAT answer up to
//   that day (answers of SATISFIED_FROM or more over all CSAT answers, results.ts' rule);
// - respondents: responses up to each day, all channels.
// Variants: the topics of the collectivity's published surveys (`topic:services`, …: project 3
// follows services, project 4 council), and each survey (`survey:<id>`). The answer command
// passes `surveys.satisfaction` (and `surveys.respondents`) to planUnlessFollowed.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { cumulative } from '../cocreation/metrics.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import { programmeDays } from '../metric-days.ts';
import { SATISFIED_FROM } from './tables.ts';
import './tables.ts';

/** `topic:<topic>`, `survey:<id>`, or null (every published survey). */
function parseVariant(variant: string | null): { topic?: string; surveyId?: number } | undefined {
  if (variant === null) return {};
  const [kind, value] = variant.split(':');
  if (kind === 'topic' && value) return { topic: value };
  if (kind === 'survey' && value && /^\d{1,9}$/.test(value)) return { surveyId: Number(value) };
  return undefined;
}

const hour = sql<string>`substr(r.created_at, 1, 13)`;
const dayOf = (h: string) => todayInCasablanca(new Date(`${h}:00:00Z`));

/** Responses to the collectivity's published surveys (of the variant), with their survey. */
function responses(db: Db, scope: MetricScope, v: { topic?: string; surveyId?: number }) {
  return db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .where('s.collectivity_id', '=', scope.collectivityId)
    .where('s.status', '=', 'published')
    .$if(v.topic !== undefined, (q) => q.where('s.topic', '=', v.topic!))
    .$if(v.surveyId !== undefined, (q) => q.where('s.id', '=', v.surveyId!));
}

const within = (period: { from: string; to: string }) => (d: string) => d >= period.from && d < period.to;

async function satisfaction(db: Db, scope: MetricScope, variant: string | null): Promise<DatedValue[]> {
  const v = parseVariant(variant);
  const period = await programmeDays(db, scope);
  if (!v || !period) return [];
  const satisfied = sql<number>`case when a.value >= ${sql.lit(SATISFIED_FROM)} then 1 else 0 end`;
  const rows = await responses(db, scope, v)
    .innerJoin('survey_answer as a', 'a.response_id', 'r.id')
    .innerJoin('survey_question as q', 'q.id', 'a.question_id')
    .where('q.kind', '=', 'csat')
    .where('a.value', 'is not', null)
    .select([hour.as('hour'), satisfied.as('satisfied'), (eb) => eb.fn.countAll().as('n')])
    .groupBy([hour, satisfied])
    .execute();
  const byDay = new Map<string, { all: number; ok: number }>();
  const inside = within(period);
  for (const r of rows) {
    const day = dayOf(r.hour);
    if (!inside(day)) continue;
    const x = byDay.get(day) ?? { all: 0, ok: 0 };
    x.all += Number(r.n);
    if (Number(r.satisfied) === 1) x.ok += Number(r.n);
    byDay.set(day, x);
  }
  let all = 0;
  let ok = 0;
  return [...byDay.keys()].sort().map((date) => {
    all += byDay.get(date)!.all;
    ok += byDay.get(date)!.ok;
    return { date, value: Math.round((ok / all) * 1000) / 10 };
  });
}

async function respondents(db: Db, scope: MetricScope, variant: string | null): Promise<DatedValue[]> {
  const v = parseVariant(variant);
  const period = await programmeDays(db, scope);
  if (!v || !period) return [];
  const rows = await responses(db, scope, v)
    .select([hour.as('hour'), (eb) => eb.fn.countAll().as('n')])
    .groupBy(hour)
    .execute();
  const inside = within(period);
  return cumulative(rows.map((r) => ({ date: dayOf(r.hour), n: Number(r.n) })).filter((r) => inside(r.date)));
}

/** The topics present among the published surveys, then each published survey. */
async function variants(db: Db, scope: MetricScope) {
  const surveys = await db.selectFrom('survey').select(['id', 'topic']).where('collectivity_id', '=', scope.collectivityId).where('status', '=', 'published').orderBy('id').execute();
  const topics = [...new Set(surveys.map((s) => s.topic))].sort();
  return [
    ...topics.map((topic) => ({ key: `topic:${topic}`, values: { scope: 'topic', topic } })),
    ...surveys.map((s) => ({ key: `survey:${s.id}`, values: { scope: 'survey', topic: s.topic, id: s.id } })),
  ];
}

export const surveysMetrics: Record<string, Metric> = {
  satisfaction: { label: 'surveys.metrics.satisfaction', unit: 'percent', variants, series: satisfaction },
  respondents: { label: 'surveys.metrics.respondents', unit: 'count', variants, series: respondents },
};
