// Reads of the participatory budget; every function takes the collectivity id.
import type { Db } from '../../platform/db/database.ts';
import { countVotes } from './count.ts';
import { type TallyLine, projectCost, tally } from './model.ts';
import type { BudgetProjectRow, RoundRow } from './tables.ts';

/** A collectivity's rounds, newest first (a few a year: one page of 50 is all of them). */
export async function listRounds(db: Db, collectivityId: number, limit = 50): Promise<RoundRow[]> {
  return db
    .selectFrom('budget_round')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .orderBy('information_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findRound(db: Db, collectivityId: number, roundId: number): Promise<RoundRow | undefined> {
  return db.selectFrom('budget_round').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', roundId).executeTakeFirst();
}

export async function projectsOf(db: Db, collectivityId: number, roundId: number, status?: string): Promise<BudgetProjectRow[]> {
  return db
    .selectFrom('budget_project')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .$if(status !== undefined, (q) => q.where('status', '=', status!))
    .orderBy('id')
    .execute();
}

export async function findProject(db: Db, collectivityId: number, roundId: number, projectId: number) {
  return db
    .selectFrom('budget_project')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .where('id', '=', projectId)
    .executeTakeFirst();
}

/** Ballots by channel, counted from the rows. */
export async function participation(db: Db, collectivityId: number, roundId: number): Promise<{ online: number; paper: number; total: number }> {
  const rows = await db
    .selectFrom('budget_ballot')
    .select(['channel', (eb) => eb.fn.countAll().as('n')])
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .groupBy('channel')
    .execute();
  const of = (ch: string) => Number(rows.find((r) => r.channel === ch)?.n ?? 0);
  return { online: of('online'), paper: of('paper'), total: of('online') + of('paper') };
}

export async function censusSize(db: Db, collectivityId: number, roundId: number): Promise<number> {
  const row = await db
    .selectFrom('budget_census')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The voter's hash if this account is verified for the round. */
export async function voterOf(db: Db, collectivityId: number, roundId: number, userId: number): Promise<string | null> {
  const row = await db
    .selectFrom('budget_voter')
    .select('voter_hash')
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.voter_hash ?? null;
}

/** The ballot cast under this voter's hash, with its choices (shown to the voter only). */
export async function ballotOf(db: Db, collectivityId: number, roundId: number, voterHash: string) {
  const ballot = await db
    .selectFrom('budget_ballot')
    .select(['id', 'channel', 'cast_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .where('voter_hash', '=', voterHash)
    .executeTakeFirst();
  if (!ballot) return null;
  const choices = await db
    .selectFrom('budget_ballot_choice')
    .select('project_id')
    .where('collectivity_id', '=', collectivityId)
    .where('ballot_id', '=', ballot.id)
    .execute();
  return { ...ballot, projectIds: choices.map((c) => c.project_id) };
}

export interface RoundResults {
  lines: (TallyLine & { project: BudgetProjectRow })[];
  participation: { online: number; paper: number; total: number };
  allocated: number;
}

/** The tally recomputed from the ballots: one GROUP BY over the choices of the round. */
export async function roundResults(db: Db, collectivityId: number, round: RoundRow): Promise<RoundResults> {
  const feasible = await projectsOf(db, collectivityId, round.id, 'feasible');
  const votes = await countVotes(db, collectivityId, round.id);
  const byId = new Map(feasible.map((p) => [p.id, p]));
  const lines = tally(Number(round.envelope_mad), feasible.map((p) => ({ id: p.id, cost: projectCost(p) })), votes).map((l) => ({ ...l, project: byId.get(l.projectId)! }));
  return {
    lines,
    participation: await participation(db, collectivityId, round.id),
    allocated: lines.filter((l) => l.winner).reduce((s, l) => s + l.cost, 0),
  };
}
