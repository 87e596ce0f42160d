// Reads of the participatory budget; every function takes the collectivity id.
import type { Db } from '../../platform/db/database.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import { countVotes } from './count.ts';
import { type TallyLine, projectCost, tally } from './model.ts';
import type { ProjectContext } from './presenters.ts';
import type { BudgetProjectRow, DistrictRow, RoundRow } from './tables.ts';

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

/** The round's districts (none: one envelope for the whole collectivity). */
export async function districtsOf(db: Db, collectivityId: number, roundId: number): Promise<DistrictRow[]> {
  return db.selectFrom('budget_district').selectAll().where('collectivity_id', '=', collectivityId).where('round_id', '=', roundId).orderBy('id').execute();
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

/**
 * What a ballot offers: the feasible projects of the district (all of them when the round has no
 * districts) and the envelope they must fit; null when the district is not one of the round's.
 */
export async function ballotChoices(db: Db, round: RoundRow, districtId: number | null): Promise<{ envelope: number; projects: BudgetProjectRow[] } | null> {
  const districts = await districtsOf(db, round.collectivity_id, round.id);
  const district = districts.find((d) => d.id === districtId);
  if (districts.length > 0 ? !district : districtId !== null) return null;
  const feasible = await projectsOf(db, round.collectivity_id, round.id, 'feasible');
  return district
    ? { envelope: Number(district.envelope_mad), projects: feasible.filter((p) => p.district_id === district.id) }
    : { envelope: Number(round.envelope_mad), projects: feasible };
}

/** Everything a list of the round's projects shows besides their rows (see presenters.ts). */
export async function projectContext(db: Db, collectivityId: number, roundId: number, slug: string, projects: BudgetProjectRow[]): Promise<ProjectContext> {
  const images = new Map<number, string[]>();
  const ids = projects.map((p) => p.id);
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('budget_project_image')
      .select(['project_id', 'sha256'])
      .where('collectivity_id', '=', collectivityId)
      .where('project_id', 'in', ids)
      .orderBy('id')
      .execute();
    for (const r of rows) images.set(r.project_id, [...(images.get(r.project_id) ?? []), r.sha256]);
  }
  // a merged project joined one of the same round, listed with it whenever merged ones are
  const titles = new Map(projects.map((p) => [p.id, p.title]));
  return { slug, districts: await districtsOf(db, collectivityId, roundId), images, titles };
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

/** Ballots by channel (staff follow participation while the vote is open): one GROUP BY over an index. */
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

/**
 * Voters by the gender and age band the census gave, counted from the "has voted" marks (one per
 * ballot). The ballots carry neither, so that a rare gender × age pair cannot point at a ballot.
 */
async function breakdownOf(db: Db, collectivityId: number, roundId: number): Promise<RoundResults['breakdown']> {
  const rows = await db
    .selectFrom('budget_voted')
    .select(['gender', 'age_band', (eb) => eb.fn.countAll().as('n')])
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .groupBy(['gender', 'age_band'])
    .execute();
  return rows.map((r) => ({ gender: r.gender, ageBand: r.age_band, ballots: Number(r.n) }));
}

/**
 * The rows that are the round's census now: those of its current file load, and voters added in
 * person (load 0). Rows of a load being written or replaced are left out.
 */
function currentCensus(db: Db, collectivityId: number, roundId: number) {
  return db
    .selectFrom('budget_census')
    .where('collectivity_id', '=', collectivityId)
    .where('round_id', '=', roundId)
    .where((eb) => eb('load_id', 'in', [eb.val(0), eb.selectFrom('budget_round').select('census_load').where('id', '=', roundId)]));
}

/** People on the round's list: in all, and of them registered in person. */
export async function censusSize(db: Db, collectivityId: number, roundId: number): Promise<{ total: number; inPerson: number }> {
  const rows = await currentCensus(db, collectivityId, roundId)
    .select(['source', (eb) => eb.fn.countAll().as('n')])
    .groupBy('source')
    .execute();
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  return { total, inPerson: Number(rows.find((r) => r.source === 'in_person')?.n ?? 0) };
}

/** The census entry of a voter's hash in the round (its gender and age band), if there is one. */
export async function censusEntry(db: Db, collectivityId: number, roundId: number, voterHash: string) {
  return currentCensus(db, collectivityId, roundId).select(['gender', 'age_band']).where('voter_hash', '=', voterHash).executeTakeFirst();
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

/**
 * What the voter may see of their own vote: whether they voted (the mark), and in a changeable
 * round their online ballot, found through the keyed link; a marked voter without one voted on paper.
 */
export async function ownVote(db: Db, round: RoundRow, voterHash: string, link: string | null) {
  const mark = await db
    .selectFrom('budget_voted')
    .select('voter_hash')
    .where('collectivity_id', '=', round.collectivity_id)
    .where('round_id', '=', round.id)
    .where('voter_hash', '=', voterHash)
    .executeTakeFirst();
  if (!mark) return null;
  if (round.changeable !== 1 || link === null) return { ballot: null };
  const ballot = await db
    .selectFrom('budget_ballot')
    .select(['id', 'district_id'])
    .where('collectivity_id', '=', round.collectivity_id)
    .where('round_id', '=', round.id)
    .where('change_key', '=', link)
    .executeTakeFirst();
  if (!ballot) return { ballot: null };
  const choices = await db
    .selectFrom('budget_ballot_choice')
    .select('project_id')
    .where('collectivity_id', '=', round.collectivity_id)
    .where('ballot_id', '=', ballot.id)
    .execute();
  return { ballot: { districtId: ballot.district_id, projectIds: choices.map((c) => c.project_id) } };
}

/** The tally of one envelope: the whole round's, or one district's. */
export interface ResultGroup {
  district: DistrictRow | null;
  envelope: number;
  lines: (TallyLine & { project: BudgetProjectRow })[];
  allocated: number;
}

export interface RoundResults {
  groups: ResultGroup[];
  participation: { online: number; paper: number; total: number };
  /** ballots by the gender and age band the census gave (null: not given) */
  breakdown: { gender: string | null; ageBand: string | null; ballots: number }[];
  allocated: number;
}

/** The tally recomputed from the ballots (one GROUP BY over the round's choices), per envelope. */
export async function roundResults(db: Db, collectivityId: number, round: RoundRow): Promise<RoundResults> {
  const feasible = await projectsOf(db, collectivityId, round.id, 'feasible');
  const votes = await countVotes(db, collectivityId, round.id);
  const districts = await districtsOf(db, collectivityId, round.id);
  const envelopes = districts.length > 0 ? districts.map((d) => ({ district: d, envelope: Number(d.envelope_mad) })) : [{ district: null, envelope: Number(round.envelope_mad) }];
  const groups = envelopes.map(({ district, envelope }) => {
    const projects = feasible.filter((p) => district === null || p.district_id === district.id);
    const byId = new Map(projects.map((p) => [p.id, p]));
    const lines = tally(envelope, projects.map((p) => ({ id: p.id, cost: projectCost(p) })), votes).map((l) => ({ ...l, project: byId.get(l.projectId)! }));
    return { district, envelope, lines, allocated: lines.filter((l) => l.winner).reduce((s, l) => s + l.cost, 0) };
  });
  return {
    groups,
    participation: await participation(db, collectivityId, round.id),
    breakdown: await breakdownOf(db, collectivityId, round.id),
    allocated: groups.reduce((s, g) => s + g.allocated, 0),
  };
}

/** The rounds whose vote closed between `from` and `to` (Casablanca days, inclusive), as the
 *  yearly evaluation report counts them with the participatory meetings: ballots, the women who
 *  voted (from the census), and the projects citizens submitted to the round. */
export async function votesBetween(db: Db, collectivityId: number, from: string, to: string) {
  // results_at is an instant; the day in Casablanca is at most a day off UTC: filter wide, then exact
  const rounds = await db
    .selectFrom('budget_round')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('results_at', '>=', `${dayBefore(from)}T00:00`)
    .where('results_at', '<', `${dayAfter(to)}T23:59:59.999Z`)
    .orderBy('results_at')
    .execute();
  const votes = [];
  for (const round of rounds) {
    const closed = isoToCasablanca(round.results_at).slice(0, 10);
    if (closed < from || closed > to) continue;
    const [ballots, women, projects] = await Promise.all([
      participation(db, collectivityId, round.id),
      db.selectFrom('budget_voted').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', collectivityId).where('round_id', '=', round.id).where('gender', '=', 'f').executeTakeFirstOrThrow(),
      db.selectFrom('budget_project').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', collectivityId).where('round_id', '=', round.id).executeTakeFirstOrThrow(),
    ]);
    votes.push({ round, closed, ballots: ballots.total, women: Number(women.n), projects: Number(projects.n) });
  }
  return votes;
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dayBefore = (day: string) => shiftDay(day, -1);
const dayAfter = (day: string) => shiftDay(day, 1);

/** The rounds whose results are out (`results_at` passed), newest first: for the
 *  access-to-information module's list of what is published proactively. */
export async function roundsWithResults(db: Db, collectivityId: number, at: string, limit = 50) {
  return db
    .selectFrom('budget_round')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'results_at', 'demo'])
    .where('collectivity_id', '=', collectivityId)
    .where('results_at', '<=', at)
    .orderBy('results_at', 'desc')
    .limit(limit)
    .execute();
}
