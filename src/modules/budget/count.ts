// The vote count of a round: ballots per project, computed from the ballot rows every time (the
// tally is never stored). Kept on its own: `npm run bench` measures it against a bare GROUP BY.
import type { Db } from '../../platform/db/database.ts';

/** Votes per project of the round (projects without a vote are absent). */
export async function countVotes(db: Db, collectivityId: number, roundId: number): Promise<Map<number, number>> {
  const counts = await db
    .selectFrom('budget_ballot_choice as c')
    .innerJoin('budget_ballot as b', 'b.id', 'c.ballot_id')
    .select(['c.project_id', (eb) => eb.fn.countAll().as('n')])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.round_id', '=', roundId)
    .where('c.collectivity_id', '=', collectivityId)
    .groupBy('c.project_id')
    .execute();
  return new Map(counts.map((r) => [r.project_id, Number(r.n)]));
}
