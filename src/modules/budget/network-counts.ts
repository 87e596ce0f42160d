// What the network's dashboard counts of participatory budgets: ballots per collectivity and
// the year they were cast (online and paper alike).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

export async function ballotsByYear(db: Db) {
  const year = sql<string>`substr(cast_on, 1, 4)`;
  const rows = await db
    .selectFrom('budget_ballot')
    .select((eb) => ['collectivity_id', year.as('year'), eb.fn.countAll<number>().as('n')])
    .groupBy(['collectivity_id', year])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, count: Number(r.n) }));
}
