// What the network's dashboard counts of the permanent dialogue, per collectivity and year:
// meetings whose attendance was recorded, and that attendance (women where recorded); the
// demo's example meetings (is_example) are left out.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

/** `ids`: only these collectivities (the network refreshes the ones that changed); else all. */
export async function meetingAttendanceByYear(db: Db, ids?: readonly number[]) {
  if (ids?.length === 0) return [];
  const year = sql<string>`substr(starts_at, 1, 4)`;
  const rows = await db
    .selectFrom('meeting')
    .where('attendance_total', 'is not', null)
    .where('is_example', '=', 0)
    .$if(ids !== undefined, (q) => q.where('collectivity_id', 'in', ids!))
    .select((eb) => [
      'collectivity_id',
      year.as('year'),
      eb.fn.countAll<number>().as('events'),
      eb.fn.sum<number>('attendance_total').as('attendance'),
      eb.fn.sum<number>(eb.fn.coalesce('attendance_women', eb.lit(0))).as('women'),
      eb.fn.sum<number>(eb.case().when('attendance_women', 'is not', null).then(eb.ref('attendance_total')).else(0).end()).as('gendered'),
    ])
    .groupBy(['collectivity_id', year])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, events: Number(r.events), attendance: Number(r.attendance ?? 0), women: Number(r.women ?? 0), genderedAttendance: Number(r.gendered ?? 0) }));
}
