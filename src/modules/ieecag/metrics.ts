// The commission's figures an indicator can follow (see Metric in ../manifest.ts), counted from
// the rows when read, over the programme's days (../metric-days.ts): advisory opinions
// transmitted to the council, followed (or partly) by it and the share of the answered ones that
// were, the programme projects that followed one, and the trainings held with their participants.
// Only published opinions count, as on the public register (opinion-figures.ts). Settat's project
// 2 indicators follow opinions_transmitted (monitoring) and projects_following (impact).
import type { Db } from '../../platform/db/database.ts';
import { cumulative } from '../cocreation/metrics.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import { programmeDays } from '../metric-days.ts';
import './tables.ts';

/** Published opinions, with a day column within the period. */
function published(db: Db, scope: MetricScope, column: 'transmitted_on' | 'response_on', period: { from: string; to: string }) {
  return db
    .selectFrom('ieecag_opinion')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('status', '=', 'published')
    .where(column, '>=', period.from)
    .where(column, '<', period.to);
}

async function transmitted(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const period = await programmeDays(db, scope);
  if (!period) return [];
  const rows = await published(db, scope, 'transmitted_on', period).select('transmitted_on').execute();
  return cumulative(rows.map((r) => ({ date: r.transmitted_on!, n: 1 })));
}

async function responses(db: Db, scope: MetricScope) {
  const period = await programmeDays(db, scope);
  if (!period) return [];
  return published(db, scope, 'response_on', period).where('response_status', '!=', 'pending').select(['id', 'response_on', 'response_status']).execute();
}

const isFollowed = (status: string) => status === 'followed' || status === 'partly';

async function followed(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  return cumulative((await responses(db, scope)).filter((r) => isFollowed(r.response_status)).map((r) => ({ date: r.response_on!, n: 1 })));
}

/** Among the opinions the council answered up to each date, those it followed or partly followed (%). */
async function followedShare(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const rows = await responses(db, scope);
  const byDate = new Map<string, { answered: number; followed: number }>();
  for (const r of rows) {
    const x = byDate.get(r.response_on!) ?? { answered: 0, followed: 0 };
    x.answered++;
    if (isFollowed(r.response_status)) x.followed++;
    byDate.set(r.response_on!, x);
  }
  let answered = 0;
  let kept = 0;
  return [...byDate.keys()].sort().map((date) => {
    answered += byDate.get(date)!.answered;
    kept += byDate.get(date)!.followed;
    return { date, value: Math.round((kept / answered) * 1000) / 10 };
  });
}

/** Distinct programme projects linked to an opinion the council followed (or partly), each on the
 *  day of the first such response. */
async function projectsFollowing(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const period = await programmeDays(db, scope);
  if (!period) return [];
  const rows = await db
    .selectFrom('ieecag_opinion_link as l')
    .innerJoin('ieecag_opinion as o', (j) => j.onRef('o.id', '=', 'l.opinion_id').onRef('o.collectivity_id', '=', 'l.collectivity_id'))
    .select(['l.target_id', 'o.response_on'])
    .where('l.collectivity_id', '=', scope.collectivityId)
    .where('l.target_kind', '=', 'project')
    .where('o.status', '=', 'published')
    .where('o.response_status', 'in', ['followed', 'partly'])
    .where('o.response_on', '>=', period.from)
    .where('o.response_on', '<', period.to)
    .execute();
  const first = new Map<number, string>();
  for (const r of rows) if (!first.has(r.target_id) || r.response_on! < first.get(r.target_id)!) first.set(r.target_id, r.response_on!);
  return cumulative([...first.values()].map((date) => ({ date, n: 1 })));
}

async function trainings(db: Db, scope: MetricScope) {
  const period = await programmeDays(db, scope);
  if (!period) return [];
  return db
    .selectFrom('ieecag_training')
    .select(['held_on', 'participants_total', 'participants_women', 'participants_men'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('held_on', '>=', period.from)
    .where('held_on', '<', period.to)
    .execute();
}

async function trainingsHeld(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  return cumulative((await trainings(db, scope)).map((r) => ({ date: r.held_on, n: 1 })));
}

/** Participants of the trainings held (the total as counted, else women and men). */
async function trainingParticipants(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const counted = (await trainings(db, scope))
    .map((r) => ({ date: r.held_on, n: r.participants_total ?? (r.participants_women === null && r.participants_men === null ? null : (r.participants_women ?? 0) + (r.participants_men ?? 0)) }))
    .filter((r): r is { date: string; n: number } => r.n !== null);
  return cumulative(counted);
}

export const ieecagMetrics: Record<string, Metric> = {
  opinions_transmitted: { label: 'ieecag.metrics.opinionsTransmitted', unit: 'count', series: transmitted },
  opinions_followed: { label: 'ieecag.metrics.opinionsFollowed', unit: 'count', series: followed },
  opinions_followed_share: { label: 'ieecag.metrics.opinionsFollowedShare', unit: 'percent', series: followedShare },
  projects_following: { label: 'ieecag.metrics.projectsFollowing', unit: 'count', series: projectsFollowing },
  trainings_held: { label: 'ieecag.metrics.trainingsHeld', unit: 'count', series: trainingsHeld },
  training_participants: { label: 'ieecag.metrics.trainingParticipants', unit: 'count', series: trainingParticipants },
};
