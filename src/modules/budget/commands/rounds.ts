// Staff writes of the participatory budget about rounds: create or edit one, add districts, load
// its census, add a voter in person. One transaction each, tenant checks on every referenced id, an audit entry.
import { setImmediate as turn } from 'node:timers/promises';
import { type Actor, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, isPostgres, now } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import { type CensusEntry, phases } from '../model.ts';
import { censusEntry, districtsOf, findRound } from '../repository.ts';
import type { DistrictInput, RoundInput } from '../schema.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

const roundValues = (input: RoundInput) => ({
  title_ar: input.title_ar,
  title_fr: input.title_fr,
  title_en: input.title_en,
  envelope_mad: input.envelope_mad,
  rule: input.rule,
  min_choices: input.rule === 'approval' ? input.min_choices : null,
  max_choices: input.rule === 'approval' ? input.max_choices : null,
  changeable: input.changeable ? 1 : 0,
  ...(Object.fromEntries(phases.map((p) => [`${p}_at`, casablancaToIso(input[`${p}_at`])])) as Record<`${(typeof phases)[number]}_at`, string>),
});

export async function createRound(db: Db, scope: Scope, input: RoundInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const values = roundValues(input);
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
      changes: diff({}, values),
      public: true,
    });
    return row.id;
  });
}

/** What the vote depends on: fixed once voting has started or a ballot exists, so every ballot meets the same rule. */
const ruleFields = ['envelope_mad', 'rule', 'min_choices', 'max_choices', 'changeable'] as const;

/**
 * Edits a round: titles any time; envelope, rule, choice limits and changeability only before the
 * vote starts and while no ballot exists (whatever the dates say: moving the vote's date into the
 * future does not reopen them). Once a ballot exists, a phase that has started keeps its date and
 * one that has not can only move later.
 */
export async function updateRound(db: Db, scope: Scope, roundId: number, input: RoundInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    // locked: ballots being cast hold the round's row in share mode (castBallot), so the check
    // below sees every ballot committed before this edit, and none is cast under the old rule after it
    const before = await trx
      .selectFrom('budget_round')
      .selectAll()
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', roundId)
      .$if(isPostgres(trx), (q) => q.forUpdate())
      .executeTakeFirst();
    if (!before) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    const after = roundValues(input);
    // the form shows minutes: a date sent back as it was shown is unchanged (not cut to the minute)
    for (const p of phases) if (after[`${p}_at`].slice(0, 16) === before[`${p}_at`].slice(0, 16)) after[`${p}_at`] = before[`${p}_at`];
    const at = now();
    const voted = await trx.selectFrom('budget_voted').select('round_id').where('collectivity_id', '=', scope.collectivityId).where('round_id', '=', roundId).limit(1).executeTakeFirst();
    if ((voted || before.voting_at <= at) && ruleFields.some((f) => String(before[f]) !== String(after[f]))) return rollbackWith({ envelope_mad: { key: 'budget.errors.roundLocked' } });
    if (voted) {
      for (const p of phases) {
        const field = `${p}_at` as const;
        if (after[field] === before[field]) continue;
        if (before[field] <= at) return rollbackWith({ [field]: { key: 'budget.errors.phaseStarted' } });
        if (after[field] < before[field]) return rollbackWith({ [field]: { key: 'budget.errors.onlyLater' } });
      }
    }
    const districts = await districtsOf(trx, scope.collectivityId, roundId);
    const total = districts.reduce((s, d) => s + Number(d.envelope_mad), 0);
    if (total > after.envelope_mad) return rollbackWith({ envelope_mad: { key: 'budget.errors.districtsOverEnvelope', values: { total, envelope: after.envelope_mad } } });
    await trx.updateTable('budget_round').set(after).where('collectivity_id', '=', scope.collectivityId).where('id', '=', roundId).execute();
    const { id: _id, collectivity_id: _c, created_at: _at, ...was } = before;
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_round',
      entityId: roundId,
      action: 'update',
      actor: scope.actor,
      changes: diff(was, after),
      public: true,
    });
    return roundId;
  });
}

/** A district with its own envelope, added before submission opens (projects and ballots name it). */
export async function addDistrict(db: Db, scope: Scope, roundId: number, input: DistrictInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const round = await findRound(trx, scope.collectivityId, roundId);
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    if (round.submission_at <= now()) return rollbackWith({ name: { key: 'budget.errors.districtsLocked' } });
    // a project entered before the districts would belong to none, and reach no ballot
    const undistricted = await trx.selectFrom('budget_project').select('id').where('collectivity_id', '=', scope.collectivityId).where('round_id', '=', roundId).where('district_id', 'is', null).limit(1).executeTakeFirst();
    if (undistricted) return rollbackWith({ name: { key: 'budget.errors.projectsBeforeDistricts' } });
    const districts = await districtsOf(trx, scope.collectivityId, roundId);
    const total = districts.reduce((s, d) => s + Number(d.envelope_mad), input.envelope_mad);
    if (total > Number(round.envelope_mad)) return rollbackWith({ envelope_mad: { key: 'budget.errors.districtsOverEnvelope', values: { total, envelope: Number(round.envelope_mad) } } });
    const row = await trx
      .insertInto('budget_district')
      .values({ collectivity_id: scope.collectivityId, round_id: roundId, name: input.name, envelope_mad: input.envelope_mad })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: null,
      entityType: 'budget_district',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, input),
      public: true,
    });
    return row.id;
  });
}

/** Census rows written, or old ones deleted, per transaction: a few milliseconds of the connection. */
const CENSUS_ROWS_PER_TRANSACTION = 1_000;

/**
 * Replaces the round's uploaded census with these voters (the caller hashes; no CIN reaches this
 * function; a bare string is a hash with nothing else known). Voters added in person stay.
 * Verifications already made stay valid only if their hash is still in the census.
 *
 * A commune's file is large (150,000 voters, 20 MB at most). It is written as a new numbered load
 * beside the current census, in short transactions, and then becomes the census in one small
 * one; the rows of older loads are deleted the same way. On SQLite's single connection the other
 * requests are answered between those transactions; at every moment a voter is checked against
 * either the whole old list or the whole new one.
 */
export async function loadCensus(db: Db, scope: Scope, roundId: number, voters: (string | CensusEntry)[]): Promise<CommandResult<number>> {
  const cid = scope.collectivityId;
  const byHash = new Map(voters.map((v) => (typeof v === 'string' ? { hash: v, gender: null, ageBand: null } : v)).map((v) => [v.hash, v]));
  // in key order: each transaction appends to the load's range instead of writing all over it
  const unique = [...byHash.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));

  // 1. the load's number: counted on the round, so that two uploads never share one
  const claimed = await tenantTransaction(
    db,
    cid,
    async (trx) => {
      const row = await trx
        .updateTable('budget_round')
        .set((eb) => ({ census_loads: eb('census_loads', '+', 1) }))
        .where('collectivity_id', '=', cid)
        .where('id', '=', roundId)
        .returning('census_loads')
        .executeTakeFirst();
      return row ? row.census_loads : rollbackWith({ form: { key: 'budget.errors.noRound' } });
    },
    { changesPages: false },
  );
  if (!claimed.ok) return claimed;
  const load = claimed.value;

  let current = false;
  try {
    // 2. the rows, out of sight until the swap
    for (let i = 0; i < unique.length; i += CENSUS_ROWS_PER_TRANSACTION) {
      const rows = unique.slice(i, i + CENSUS_ROWS_PER_TRANSACTION).map((v) => ({ collectivity_id: cid, round_id: roundId, load_id: load, voter_hash: v.hash, gender: v.gender, age_band: v.ageBand, source: 'census' }));
      await inShortTransaction(db, async (trx) => {
        for (let k = 0; k < rows.length; k += 500) await trx.insertInto('budget_census').values(rows.slice(k, k + 500)).execute();
      });
    }
    // 3. the swap, under the round's lock (taken too by voting and by voters added in person)
    const swapped = await tenantTransaction(db, cid, async (trx) => {
      const round = await trx
        .selectFrom('budget_round')
        .select('census_load')
        .where('collectivity_id', '=', cid)
        .where('id', '=', roundId)
        .$if(isPostgres(trx), (q) => q.forUpdate())
        .executeTakeFirst();
      if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
      // an upload started after this one and already in place wins: this one is not applied
      if (round.census_load !== null && round.census_load > load) return rollbackWith({ form: { key: 'budget.errors.censusSuperseded' } });
      await trx.updateTable('budget_round').set({ census_load: load }).where('id', '=', roundId).execute();
      // someone added in person and now in the file is counted once: the in-person row stays
      // (a few hundred at most, listed: a subquery here let PostgreSQL, with statistics not yet
      // aware of the new rows, rescan the table for every row of the file)
      const inPerson = (await trx.selectFrom('budget_census').select('voter_hash').where('round_id', '=', roundId).where('load_id', '=', 0).execute()).map((r) => r.voter_hash);
      for (let k = 0; k < inPerson.length; k += 500) {
        await trx.deleteFrom('budget_census').where('round_id', '=', roundId).where('load_id', '=', load).where('voter_hash', 'in', inPerson.slice(k, k + 500)).execute();
      }
      // the entry says how many, never who
      await recordChange(trx, {
        collectivityId: cid,
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
    current = swapped.ok;
    return swapped;
  } finally {
    // 4. what is no longer the census: older loads once this one is in place (and any left by an
    // upload that stopped half-way), or this one's rows if it was not applied
    await deleteCensusRows(db, cid, roundId, current ? (q) => q.where('load_id', '>', 0).where('load_id', '<', load) : (q) => q.where('load_id', '=', load));
  }
}

type CensusRows = ReturnType<typeof censusRowsOf>;
const censusRowsOf = (db: Db, collectivityId: number, roundId: number) => db.selectFrom('budget_census').where('collectivity_id', '=', collectivityId).where('round_id', '=', roundId);

async function deleteCensusRows(db: Db, collectivityId: number, roundId: number, which: (q: CensusRows) => CensusRows) {
  for (;;) {
    const deleted = await inShortTransaction(db, async (trx) => {
      const batch = await which(censusRowsOf(trx, collectivityId, roundId)).select(['voter_hash', 'load_id']).limit(CENSUS_ROWS_PER_TRANSACTION).execute();
      const byLoad = new Map<number, string[]>();
      for (const r of batch) byLoad.set(r.load_id, [...(byLoad.get(r.load_id) ?? []), r.voter_hash]);
      for (const [loadId, list] of byLoad) {
        for (let k = 0; k < list.length; k += 500) {
          await trx.deleteFrom('budget_census').where('round_id', '=', roundId).where('load_id', '=', loadId).where('voter_hash', 'in', list.slice(k, k + 500)).execute();
        }
      }
      return batch.length;
    });
    if (deleted < CENSUS_ROWS_PER_TRANSACTION) return;
  }
}

/**
 * A transaction of its own, then a turn of the event loop so that requests waiting for the
 * connection go first; inside a caller's transaction (the demo loader), just that transaction.
 */
async function inShortTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const value = await db.transaction().execute(work);
  await turn();
  return value;
}

/**
 * A voter added at the desk by staff who saw the ID card (someone missing from the file). The
 * entry is the same keyed hash; one already on the list is refused.
 */
export async function addVoterInPerson(db: Db, scope: Scope, roundId: number, voter: CensusEntry): Promise<CommandResult<true>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    // the round's lock: a census file cannot become current between the check and the insert
    const round = await trx
      .selectFrom('budget_round')
      .select('id')
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', roundId)
      .$if(isPostgres(trx), (q) => q.forUpdate())
      .executeTakeFirst();
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    if (await censusEntry(trx, scope.collectivityId, roundId, voter.hash)) return rollbackWith({ cin: { key: 'budget.errors.alreadyInPerson' } });
    const added = await trx
      .insertInto('budget_census')
      .values({ collectivity_id: scope.collectivityId, round_id: roundId, load_id: 0, voter_hash: voter.hash, gender: voter.gender, age_band: voter.ageBand, source: 'in_person' })
      .onConflict((oc) => oc.columns(['round_id', 'voter_hash', 'load_id']).doNothing())
      .returning('voter_hash')
      .executeTakeFirst();
    if (!added) return rollbackWith({ cin: { key: 'budget.errors.alreadyInPerson' } });
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
    return true as const;
  });
}
