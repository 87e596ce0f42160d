// The voter's writes: verification against the census and the ballot, online or on paper.
// One ballot per person and round is the unique index (round_id, voter_hash) of budget_ballot:
// concurrent requests, other app instances and the paper channel all meet the same constraint.
import { recordChange } from '../../../platform/audit.ts';
import { type CommandResult, invalid, lockAccount, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { checkBallot, votingOpen } from '../model.ts';
import { ballotChoices, censusEntry, findRound } from '../repository.ts';
import type { Scope } from './rounds.ts';

/** Verification attempts an account may make in an hour (guessing a birth date is slow then). */
export const MAX_ATTEMPTS_PER_HOUR = 5;

/**
 * Links the account to the census entry of (CIN, birth date) for the round. Every attempt is
 * counted, in its own committed transaction, before the census is looked at.
 */
export async function verifyVoter(db: Db, input: { collectivityId: number; roundId: number; userId: number; voterHash: string }): Promise<CommandResult<true>> {
  const { collectivityId, roundId, userId, voterHash } = input;
  const outcome = await db.transaction().execute(async (trx) => {
    await lockAccount(trx, userId);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const recent = await trx
      .selectFrom('budget_attempt')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_ATTEMPTS_PER_HOUR) return 'budget.errors.tooManyAttempts';
    await trx.insertInto('budget_attempt').values({ collectivity_id: collectivityId, user_id: userId, at: now() }).execute();
    if (!(await censusEntry(trx, collectivityId, roundId, voterHash))) return 'budget.errors.notInCensus';
    const taken = await trx
      .selectFrom('budget_voter')
      .select('user_id')
      .where('collectivity_id', '=', collectivityId)
      .where('round_id', '=', roundId)
      .where('voter_hash', '=', voterHash)
      .executeTakeFirst();
    if (taken && taken.user_id !== userId) return 'budget.errors.identityTaken';
    if (!taken) {
      await trx
        .insertInto('budget_voter')
        .values({ collectivity_id: collectivityId, round_id: roundId, user_id: userId, voter_hash: voterHash, verified_at: now() })
        .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
        .execute();
    }
    return null;
  });
  return outcome === null ? { ok: true, value: true } : invalid({ cin: { key: outcome } });
}

export interface BallotInput {
  collectivityId: number;
  roundId: number;
  voterHash: string;
  channel: 'online' | 'paper';
  projectIds: number[];
  /** the district whose projects the ballot chooses among (rounds with districts), else null */
  districtId: number | null;
  /** staff entering a paper ballot (the audit names them); null online: nothing ties a voter to a ballot */
  actor: Scope['actor'] | null;
}

/** Records the ballot, or (online, when the round allows it) replaces the voter's own online choices. */
export async function castBallot(db: Db, input: BallotInput): Promise<CommandResult<'cast' | 'changed'>> {
  const { collectivityId, roundId } = input;
  // no public page shows a ballot while voting is open (results come after it closes): the cached
  // pages stay, and ballots do not queue on the collectivity's row
  return tenantTransaction(db, collectivityId, async (trx) => {
    const round = await findRound(trx, collectivityId, roundId);
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    const at = now();
    if (!votingOpen(round, at)) return rollbackWith({ projects: { key: 'budget.errors.votingClosed' } });
    // the census row says this person may vote, and gives the gender and age band the ballot keeps
    const voter = await censusEntry(trx, collectivityId, roundId, input.voterHash);
    if (!voter) return rollbackWith({ cin: { key: 'budget.errors.notInCensus' } });
    const choices = await ballotChoices(trx, round, input.districtId);
    if (!choices) return rollbackWith({ district_id: { key: 'budget.errors.chooseDistrict' } });
    const problem = checkBallot(round, choices.envelope, choices.projects, input.projectIds);
    if (problem) return rollbackWith({ projects: problem });
    const projectIds = [...new Set(input.projectIds)];
    const inserted = await trx
      .insertInto('budget_ballot')
      .values({ collectivity_id: collectivityId, round_id: roundId, voter_hash: input.voterHash, channel: input.channel, cast_at: at, gender: voter.gender, age_band: voter.age_band, district_id: input.districtId })
      .onConflict((oc) => oc.columns(['round_id', 'voter_hash']).doNothing())
      .returning('id')
      .executeTakeFirst();
    let ballotId: number;
    let outcome: 'cast' | 'changed' = 'cast';
    if (inserted) {
      ballotId = inserted.id;
    } else {
      const existing = await trx
        .selectFrom('budget_ballot')
        .select(['id', 'channel'])
        .where('collectivity_id', '=', collectivityId)
        .where('round_id', '=', roundId)
        .where('voter_hash', '=', input.voterHash)
        .executeTakeFirstOrThrow();
      const mayChange = round.changeable === 1 && input.channel === 'online' && existing.channel === 'online';
      if (!mayChange) return rollbackWith({ projects: { key: existing.channel === 'paper' ? 'budget.errors.votedOnPaper' : 'budget.errors.alreadyVoted' } });
      ballotId = existing.id;
      outcome = 'changed';
      await trx.deleteFrom('budget_ballot_choice').where('collectivity_id', '=', collectivityId).where('ballot_id', '=', ballotId).execute();
      await trx.updateTable('budget_ballot').set({ cast_at: at, district_id: input.districtId }).where('collectivity_id', '=', collectivityId).where('id', '=', ballotId).execute();
    }
    await trx
      .insertInto('budget_ballot_choice')
      .values(projectIds.map((project_id) => ({ collectivity_id: collectivityId, ballot_id: ballotId, project_id })))
      .execute();
    if (input.actor) {
      // a paper ballot entered: who entered one, for which round; not whose it is nor its choices
      await recordChange(trx, {
        collectivityId,
        programmeId: null,
        entityType: 'budget_paper_ballot',
        entityId: roundId,
        action: 'create',
        actor: input.actor,
        changes: [{ field: 'channel', before: null, after: 'paper' }],
        public: false,
      });
    }
    return outcome;
  }, { changesPages: false });
}
