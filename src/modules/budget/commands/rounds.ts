// Staff writes of the participatory budget: create a round, enter a project, review it, load the
// census. One transaction each, tenant checks on every referenced id, an audit entry.
import { type Actor, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import { type CensusEntry, phases } from '../model.ts';
import { findProject, findRound } from '../repository.ts';
import type { ProjectInput, ReviewInput, RoundInput } from '../schema.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

export async function createRound(db: Db, scope: Scope, input: RoundInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const dates = Object.fromEntries(phases.map((p) => [`${p}_at`, casablancaToIso(input[`${p}_at`])])) as Record<`${(typeof phases)[number]}_at`, string>;
    const values = {
      title_ar: input.title_ar,
      title_fr: input.title_fr,
      title_en: input.title_en,
      envelope_mad: input.envelope_mad,
      rule: input.rule,
      min_choices: input.rule === 'approval' ? input.min_choices : null,
      max_choices: input.rule === 'approval' ? input.max_choices : null,
      changeable: input.changeable ? 1 : 0,
      ...dates,
    };
    const row = await trx
      .insertInto('budget_round')
      .values({ collectivity_id: scope.collectivityId, ...values, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_round',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, { ...values, title: { ar: input.title_ar, fr: input.title_fr, en: input.title_en }, title_ar: null, title_fr: null, title_en: null }),
      public: true,
    });
    return row.id;
  });
}

export async function addProject(db: Db, scope: Scope, roundId: number, input: ProjectInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    if (!(await findRound(trx, scope.collectivityId, roundId))) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    const row = await trx
      .insertInto('budget_project')
      .values({ collectivity_id: scope.collectivityId, round_id: roundId, ...input, status: 'submitted', review_reason: null, staff_cost_mad: null, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_project',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, { ...input, status: 'submitted' }),
      public: true,
    });
    return row.id;
  });
}

export async function reviewProject(db: Db, scope: Scope, roundId: number, projectId: number, input: ReviewInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await findProject(trx, scope.collectivityId, roundId, projectId);
    if (!before) return rollbackWith({ form: { key: 'budget.errors.noProject' } });
    // once a ballot counts a project, its status and cost no longer change
    const used = await trx
      .selectFrom('budget_ballot_choice')
      .select('ballot_id')
      .where('collectivity_id', '=', scope.collectivityId)
      .where('project_id', '=', projectId)
      .limit(1)
      .executeTakeFirst();
    if (used) return rollbackWith({ status: { key: 'budget.errors.alreadyOnBallots' } });
    const after = { status: input.status, review_reason: input.review_reason, staff_cost_mad: input.staff_cost_mad };
    await trx.updateTable('budget_project').set(after).where('collectivity_id', '=', scope.collectivityId).where('id', '=', projectId).execute();
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_project',
      entityId: projectId,
      action: 'update',
      actor: scope.actor,
      changes: diff({ status: before.status, review_reason: before.review_reason, staff_cost_mad: before.staff_cost_mad }, after),
      public: true,
    });
    return projectId;
  });
}

/**
 * Replaces the round's uploaded census with these voters (the caller hashes; no CIN reaches this
 * function; a bare string is a hash with nothing else known). Voters added in person stay.
 * Verifications already made stay valid only if their hash is still in the census.
 */
export async function loadCensus(db: Db, scope: Scope, roundId: number, voters: (string | CensusEntry)[]): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    if (!(await findRound(trx, scope.collectivityId, roundId))) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    await trx.deleteFrom('budget_census').where('collectivity_id', '=', scope.collectivityId).where('round_id', '=', roundId).where('source', '=', 'census').execute();
    const byHash = new Map(voters.map((v) => (typeof v === 'string' ? { hash: v, gender: null, ageBand: null } : v)).map((v) => [v.hash, v]));
    const unique = [...byHash.values()];
    for (let i = 0; i < unique.length; i += 500) {
      await trx
        .insertInto('budget_census')
        .values(unique.slice(i, i + 500).map((v) => ({ collectivity_id: scope.collectivityId, round_id: roundId, voter_hash: v.hash, gender: v.gender, age_band: v.ageBand, source: 'census' })))
        .onConflict((oc) => oc.columns(['round_id', 'voter_hash']).doNothing())
        .execute();
    }
    // the entry says how many, never who
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_census',
      entityId: roundId,
      action: 'update',
      actor: scope.actor,
      changes: [{ field: 'voters', before: null, after: unique.length }],
      public: false,
    });
    return unique.length;
  });
}

/**
 * A voter added at the desk by staff who saw the ID card (someone missing from the file). The
 * entry is the same keyed hash; if it is already there nothing changes.
 */
export async function addVoterInPerson(db: Db, scope: Scope, roundId: number, voter: CensusEntry): Promise<CommandResult<'added' | 'present'>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    if (!(await findRound(trx, scope.collectivityId, roundId))) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    const added = await trx
      .insertInto('budget_census')
      .values({ collectivity_id: scope.collectivityId, round_id: roundId, voter_hash: voter.hash, gender: voter.gender, age_band: voter.ageBand, source: 'in_person' })
      .onConflict((oc) => oc.columns(['round_id', 'voter_hash']).doNothing())
      .returning('voter_hash')
      .executeTakeFirst();
    if (!added) return 'present' as const;
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_census',
      entityId: roundId,
      action: 'create',
      actor: scope.actor,
      changes: [{ field: 'voters_in_person', before: null, after: 1 }],
      public: false,
    });
    return 'added' as const;
  });
}
