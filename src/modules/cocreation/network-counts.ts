// What the network's dashboard counts of co-creation, per collectivity and calendar year: the
// proposals by channel and the workshops' attendance. Every collectivity at once, grouped in
// SQL: the network filters and sums these rows itself (modules/network/figures.ts). Invented
// example proposals of the demo (is_demo) are left out.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

export interface ProposalCountRow { collectivityId: number; year: string; channel: string; count: number }
export interface AttendanceCountRow { collectivityId: number; year: string; events: number; attendance: number; women: number; genderedAttendance: number }

/** `ids`: only these collectivities (the network refreshes the ones that changed); else all. */
export async function proposalCountsByYear(db: Db, ids?: readonly number[]): Promise<ProposalCountRow[]> {
  if (ids?.length === 0) return [];
  const year = sql<string>`substr(submitted_at, 1, 4)`;
  const rows = await db
    .selectFrom('proposal')
    .where('is_demo', '=', 0)
    .$if(ids !== undefined, (q) => q.where('collectivity_id', 'in', ids!))
    .select((eb) => ['collectivity_id', year.as('year'), 'channel', eb.fn.countAll<number>().as('n')])
    .groupBy(['collectivity_id', year, 'channel'])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, channel: r.channel, count: Number(r.n) }));
}

/** Workshops and meetings of the co-creation; women are counted where the event recorded them
 *  (genderedAttendance: the attendance of those events, the base of women's share). */
export async function eventAttendanceByYear(db: Db, ids?: readonly number[]): Promise<AttendanceCountRow[]> {
  if (ids?.length === 0) return [];
  const year = sql<string>`substr(held_on, 1, 4)`;
  const rows = await db
    .selectFrom('participation_event')
    .$if(ids !== undefined, (q) => q.where('collectivity_id', 'in', ids!))
    .select((eb) => [
      'collectivity_id',
      year.as('year'),
      eb.fn.countAll<number>().as('events'),
      eb.fn.sum<number>(eb.fn.coalesce('attendance_total', eb.lit(0))).as('attendance'),
      eb.fn.sum<number>(eb.fn.coalesce('attendance_women', eb.lit(0))).as('women'),
      eb.fn.sum<number>(eb.case().when('attendance_women', 'is not', null).then(eb.fn.coalesce('attendance_total', eb.lit(0))).else(0).end()).as('gendered'),
    ])
    .groupBy(['collectivity_id', year])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, events: Number(r.events), attendance: Number(r.attendance ?? 0), women: Number(r.women ?? 0), genderedAttendance: Number(r.gendered ?? 0) }));
}
