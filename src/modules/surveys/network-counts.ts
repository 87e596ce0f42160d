// What the network's dashboard counts of satisfaction surveys: answers (respondents, every
// channel) per collectivity and year; the demo's example answers (is_example) are left out.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

/** `ids`: only these collectivities (the network refreshes the ones that changed); else all. */
export async function surveyAnswersByYear(db: Db, ids?: readonly number[]) {
  if (ids?.length === 0) return [];
  const year = sql<string>`substr(created_at, 1, 4)`;
  const rows = await db
    .selectFrom('survey_response')
    .where('is_example', '=', 0)
    .$if(ids !== undefined, (q) => q.where('collectivity_id', 'in', ids!))
    .select((eb) => ['collectivity_id', year.as('year'), eb.fn.countAll<number>().as('n')])
    .groupBy(['collectivity_id', year])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, count: Number(r.n) }));
}
