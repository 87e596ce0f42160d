// What the network's dashboard counts of participatory budgets: ballots per collectivity and
// the year they were cast (online and paper alike), of the rounds whose results are out. A
// ballot is cast without a public page changing (no version moves, so that voters do not queue
// on the collectivity's row); no page shows a count before the results, and neither does the
// network: its figures are then fixed, until the next round's results (nextResultsAt).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

/** `now`: an instant (ISO); `ids`: only these collectivities, else all. */
export async function ballotsByYear(db: Db, now: string, ids?: readonly number[]) {
  if (ids?.length === 0) return [];
  const year = sql<string>`substr(b.cast_on, 1, 4)`;
  const rows = await db
    .selectFrom('budget_ballot as b')
    .innerJoin('budget_round as r', (j) => j.onRef('r.id', '=', 'b.round_id').onRef('r.collectivity_id', '=', 'b.collectivity_id'))
    .where('r.results_at', '<=', now)
    .$if(ids !== undefined, (q) => q.where('b.collectivity_id', 'in', ids!))
    .select((eb) => ['b.collectivity_id', year.as('year'), eb.fn.countAll<number>().as('n')])
    .groupBy(['b.collectivity_id', year])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, count: Number(r.n) }));
}

/** The next instant after `now` at which a round's results come out (and its ballots count), or null. */
export async function nextResultsAt(db: Db, now: string): Promise<string | null> {
  const row = await db.selectFrom('budget_round').select((eb) => eb.fn.min<string>('results_at').as('at')).where('results_at', '>', now).executeTakeFirst();
  return row?.at ?? null;
}

/** The collectivities with a round whose results came out after `from`, up to `to` (instants). */
export async function resultsOutBetween(db: Db, from: string, to: string): Promise<number[]> {
  const rows = await db.selectFrom('budget_round').select('collectivity_id').distinct().where('results_at', '>', from).where('results_at', '<=', to).execute();
  return rows.map((r) => r.collectivity_id);
}
