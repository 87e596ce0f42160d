// The voter's writes: verification against the census and the ballot, online or on paper.
// One ballot per person and round is the primary key (round_id, voter_hash) of budget_voted, the
// "has voted" mark: concurrent requests, other app instances and the paper channel all meet it.
// The ballot itself names nobody (docs/architecture.md, "Ballot secrecy").
import { recordChange } from '../../../platform/audit.ts';
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';
import { isPostgres, now } from '../../../platform/db/database.ts';
import { todayInCasablanca } from '../../../platform/i18n/format.ts';
import { consume } from '../../../platform/rate-limit.ts';
import { changeKey, checkBallot, newBallotId, votingOpen } from '../model.ts';
import { ballotChoices, censusEntry } from '../repository.ts';
import type { Scope } from './rounds.ts';

/** Verification attempts an account may make in an hour (guessing a birth date is slow then). */
export const MAX_ATTEMPTS_PER_HOUR = 5;

/**
 * Links the account to the census entry of (CIN, birth date) for the round. Every attempt is
 * counted, and committed, before the census is looked at: a wrong CIN uses one up too.
 */
export async function verifyVoter(db: Db, input: { collectivityId: number; roundId: number; userId: number; voterHash: string }): Promise<CommandResult<true>> {
  const { collectivityId, roundId, userId, voterHash } = input;
  const attempt = await consume(db, { key: `budget-verify:user:${userId}`, max: MAX_ATTEMPTS_PER_HOUR, windowSeconds: 3600 });
  if (!attempt.allowed) return invalid({ cin: { key: 'budget.errors.tooManyAttempts' } });
  const outcome = await db.transaction().execute(async (trx) => {
    if (!(await censusEntry(trx, collectivityId, roundId, voterHash))) return 'budget.errors.notInCensus';
    // either unique index (one person per account, one account per person) may be met
    await trx
      .insertInto('budget_voter')
      .values({ collectivity_id: collectivityId, round_id: roundId, user_id: userId, voter_hash: voterHash, verified_at: now() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const holder = await trx
      .selectFrom('budget_voter')
      .select('user_id')
      .where('collectivity_id', '=', collectivityId)
      .where('round_id', '=', roundId)
      .where('voter_hash', '=', voterHash)
      .executeTakeFirst();
    return holder?.user_id === userId ? null : 'budget.errors.identityTaken';
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
  /** the ballot-link key (model.ts ballotLinkKey): online ballots of changeable rounds carry a keyed link */
  linkKey: Buffer | null;
  /** staff entering a paper ballot (the audit names them); null online: nothing ties a voter to a ballot */
  actor: Scope['actor'] | null;
}

/** Records the ballot, or (online, when the round allows it) replaces the voter's own online choices. */
export async function castBallot(db: Db, input: BallotInput): Promise<CommandResult<'cast' | 'changed'>> {
  const { collectivityId, roundId } = input;
  // no public page shows a ballot while voting is open (results come after it closes): the cached
  // pages stay, and ballots do not queue on the collectivity's row
  return tenantTransaction(db, collectivityId, async (trx) => {
    const pg = isPostgres(trx);
    // shared lock on the round: an edit of its rule waits for the ballots being cast, and they for it
    const round = await trx
      .selectFrom('budget_round')
      .selectAll()
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', roundId)
      .$if(pg, (q) => q.forShare())
      .executeTakeFirst();
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    const at = now();
    if (!votingOpen(round, at)) return rollbackWith({ projects: { key: 'budget.errors.votingClosed' } });
    // the census row says this person may vote, and gives the gender and age band of the mark
    const voter = await censusEntry(trx, collectivityId, roundId, input.voterHash);
    if (!voter) return rollbackWith({ cin: { key: 'budget.errors.notInCensus' } });
    const choices = await ballotChoices(trx, round, input.districtId);
    if (!choices) return rollbackWith({ district_id: { key: 'budget.errors.chooseDistrict' } });
    const problem = checkBallot(round, choices.envelope, choices.projects, input.projectIds);
    if (problem) return rollbackWith({ projects: problem });
    const projectIds = [...new Set(input.projectIds)];
    const changeable = round.changeable === 1 && input.channel === 'online';
    if (changeable && !input.linkKey) throw new Error('castBallot: an online ballot of a changeable round needs the ballot-link key');
    const link = changeable ? changeKey(input.linkKey!, roundId, input.voterHash) : null;
    const day = todayInCasablanca(new Date(at));

    // the mark decides who was first: a concurrent insert of the same mark waits for this one
    const marked = await trx
      .insertInto('budget_voted')
      .values({ collectivity_id: collectivityId, round_id: roundId, voter_hash: input.voterHash, gender: voter.gender, age_band: voter.age_band })
      .onConflict((oc) => oc.columns(['round_id', 'voter_hash']).doNothing())
      .returning('voter_hash')
      .executeTakeFirst();
    let ballotId: string;
    let outcome: 'cast' | 'changed';
    if (marked) {
      ballotId = newBallotId();
      outcome = 'cast';
      await trx
        .insertInto('budget_ballot')
        .values({ id: ballotId, collectivity_id: collectivityId, round_id: roundId, channel: input.channel, cast_on: day, district_id: input.districtId, change_key: link })
        .execute();
    } else {
      if (!link) return rollbackWith({ projects: { key: 'budget.errors.alreadyVoted' } });
      // the voter's own ballot, locked until the change commits: concurrent changes take turns
      // (SQLite runs one write transaction at a time)
      const own = await trx
        .selectFrom('budget_ballot')
        .select('id')
        .where('collectivity_id', '=', collectivityId)
        .where('round_id', '=', roundId)
        .where('change_key', '=', link)
        .$if(pg, (q) => q.forUpdate())
        .executeTakeFirst();
      // marked but no keyed ballot: a paper ballot, which carries no link
      if (!own) return rollbackWith({ projects: { key: 'budget.errors.votedOnPaper' } });
      ballotId = own.id;
      outcome = 'changed';
      await trx.deleteFrom('budget_ballot_choice').where('collectivity_id', '=', collectivityId).where('ballot_id', '=', ballotId).execute();
      await trx.updateTable('budget_ballot').set({ cast_on: day, district_id: input.districtId }).where('collectivity_id', '=', collectivityId).where('id', '=', ballotId).execute();
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
