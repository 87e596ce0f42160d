// The vote count of a round: ballots per project, computed from the ballot rows every time (the
// tally is never stored). Kept on its own: `npm run bench` measures it against a bare GROUP BY.
import type { Db } from '../../platform/db/database.ts';

/**
 * Votes per project of the round (projects without a vote are absent).
 *
 * A ballot's choices are projects of the ballot's own round (castBallot accepts only the round's
 * feasible projects), so the choices of the round's projects are the choices of its ballots. The
 * count is read that way, one count per project of the round over the index (collectivity_id,
 * project_id), without visiting the ballots: joining each choice to its ballot made it ten times
 * slower than a bare GROUP BY of the choices, and this is faster than that GROUP BY (bench/budget.ts).
 */
export async function countVotes(db: Db, collectivityId: number, roundId: number): Promise<Map<number, number>> {
  const counts = await db
    .selectFrom('budget_project as p')
    .select((eb) => [
      'p.id',
      eb
        .selectFrom('budget_ballot_choice as c')
        .select(eb.fn.countAll().as('n'))
        .where('c.collectivity_id', '=', collectivityId)
        .whereRef('c.project_id', '=', 'p.id')
        .as('n'),
    ])
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.round_id', '=', roundId)
    .execute();
  return new Map(counts.filter((r) => Number(r.n) > 0).map((r) => [r.id, Number(r.n)]));
}
