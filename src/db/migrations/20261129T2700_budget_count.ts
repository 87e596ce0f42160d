// Indexes of the results of a round, found by the benchmark (1,000,000 ballots, bench/budget.ts):
// - the vote count reads, for each project of the round, its choices within the collectivity
//   (src/modules/budget/count.ts): (collectivity_id, project_id) answers it from the index alone;
// - the ballots by channel, gender and age band (participation and the results' breakdown, one
//   query) are counted from the index alone with (collectivity_id, round_id, channel, gender,
//   age_band), in its order, instead of reading every ballot row of the round; it starts with
//   the columns of budget_ballot_collectivity (collectivity_id, round_id, channel), which goes;
// - a voter's own choices are read (and replaced) by (collectivity_id, ballot_id). With an index on
//   collectivity_id alone, SQLite, which has no statistics here, read them through it: every
//   choice of the collectivity for one ballot. This index replaces it (and still serves the
//   foreign key to the collectivity).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('budget_ballot_choice_tally').on('budget_ballot_choice').columns(['collectivity_id', 'project_id']).execute();
  await db.schema.createIndex('budget_ballot_choice_ballot').on('budget_ballot_choice').columns(['collectivity_id', 'ballot_id']).execute();
  await db.schema.dropIndex('budget_ballot_choice_collectivity_fk').execute();
  await db.schema.createIndex('budget_ballot_breakdown').on('budget_ballot').columns(['collectivity_id', 'round_id', 'channel', 'gender', 'age_band']).execute();
  await db.schema.dropIndex('budget_ballot_collectivity').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('budget_ballot_collectivity').on('budget_ballot').columns(['collectivity_id', 'round_id', 'channel']).execute();
  await db.schema.dropIndex('budget_ballot_breakdown').execute();
  await db.schema.createIndex('budget_ballot_choice_collectivity_fk').on('budget_ballot_choice').column('collectivity_id').execute();
  await db.schema.dropIndex('budget_ballot_choice_ballot').execute();
  await db.schema.dropIndex('budget_ballot_choice_tally').execute();
}
