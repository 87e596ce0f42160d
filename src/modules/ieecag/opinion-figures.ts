// The commission's register in figures, counted from the published opinions when read: what the
// e-space, the API and the metrics show. Drafts and opinions adopted but not yet published are
// the commission's own business and are never counted in public.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import type { ResponseStatus } from './tables.ts';
import './tables.ts';

export interface OpinionFigures {
  /** published opinions */
  published: number;
  /** of those, transmitted to the council */
  transmitted: number;
  /** transmitted opinions by the council's response */
  responses: Record<ResponseStatus, number>;
  /** followed or partly followed, in % of the opinions the council answered; null: none answered */
  followedShare: number | null;
  /** transmitted, no response yet, longer ago than the commission's delay */
  overdue: number;
  /** distinct programme projects linked to an opinion the council followed or partly followed */
  projectsFollowing: number;
  /** the commission's delay for a response, in days */
  responseDelayDays: number;
}

export const DEFAULT_RESPONSE_DELAY_DAYS = 60;

/** The delay after which a transmitted opinion without a response is overdue. */
export async function responseDelay(db: Db, collectivityId: number): Promise<number> {
  const c = await db.selectFrom('ieecag_commission').select('response_delay_days').where('collectivity_id', '=', collectivityId).executeTakeFirst();
  return c?.response_delay_days ?? DEFAULT_RESPONSE_DELAY_DAYS;
}

/** The day before which a transmission without a response is overdue, for `today` (YYYY-MM-DD). */
export function overdueBefore(today: string, delayDays: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - delayDays);
  return d.toISOString().slice(0, 10);
}

export async function opinionFigures(db: Db, collectivityId: number, today = todayInCasablanca()): Promise<OpinionFigures> {
  const delay = await responseDelay(db, collectivityId);
  const limit = overdueBefore(today, delay);
  const rows = await db
    .selectFrom('ieecag_opinion')
    .select(['response_status', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(case when transmitted_on is not null then 1 else 0 end)`.as('transmitted')])
    .select(sql<number>`sum(case when transmitted_on is not null and transmitted_on < ${limit} and response_status = 'pending' then 1 else 0 end)`.as('overdue'))
    .where('collectivity_id', '=', collectivityId)
    .where('status', '=', 'published')
    .groupBy('response_status')
    .execute();
  const responses: Record<ResponseStatus, number> = { pending: 0, followed: 0, partly: 0, not_followed: 0 };
  let published = 0;
  let transmitted = 0;
  let overdue = 0;
  for (const r of rows) {
    published += Number(r.n);
    transmitted += Number(r.transmitted);
    overdue += Number(r.overdue);
    // an opinion not yet transmitted is 'pending' too: count responses among transmitted ones only
    if (r.response_status !== 'pending') responses[r.response_status as ResponseStatus] += Number(r.transmitted);
  }
  responses.pending = transmitted - responses.followed - responses.partly - responses.not_followed;
  const answered = responses.followed + responses.partly + responses.not_followed;
  const projects = await db
    .selectFrom('ieecag_opinion_link as l')
    .innerJoin('ieecag_opinion as o', 'o.id', 'l.opinion_id')
    .select((eb) => eb.fn.count<number>('l.target_id').distinct().as('n'))
    .where('l.collectivity_id', '=', collectivityId)
    .where('o.collectivity_id', '=', collectivityId)
    .where('l.target_kind', '=', 'project')
    .where('o.status', '=', 'published')
    .where('o.response_status', 'in', ['followed', 'partly'])
    .executeTakeFirst();
  return {
    published,
    transmitted,
    responses,
    followedShare: answered === 0 ? null : Math.round(((responses.followed + responses.partly) / answered) * 1000) / 10,
    overdue,
    projectsFollowing: Number(projects?.n ?? 0),
    responseDelayDays: delay,
  };
}
