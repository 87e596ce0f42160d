// A census file is loaded as a numbered load beside the current one, in short transactions, and
// becomes the round's census in one small update (commands/rounds.ts loadCensus). Before, the
// whole file was replaced in one transaction: on SQLite's single connection every other request
// waited for it (19 s for a 20 MB file).
// - budget_round.census_load: the load that is the round's census (null: no file yet);
//   census_loads counts the loads claimed, so that each has its own number;
// - budget_census.load_id: the load a row came with; 0 for voters added in person, who stay
//   whatever file is loaded. The key becomes (round, load, hash): a hash may be in two loads
//   while one replaces the other, and a load's rows, written in hash order, are appended to
//   their own range of the key instead of scattered among the current list's (2,000 random
//   inserts took 180 ms on a list of 900,000; in order, 10 ms).
// Rows already loaded become load 1.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('budget_round').addColumn('census_load', 'integer').execute();
  await db.schema.alterTable('budget_round').addColumn('census_loads', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('budget_census_v2')
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('budget_round.id').onDelete('cascade'))
    .addColumn('voter_hash', 'text', (c) => c.notNull())
    .addColumn('load_id', 'integer', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('age_band', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('census'))
    .addPrimaryKeyConstraint('budget_census_load_pk', ['round_id', 'load_id', 'voter_hash'])
    .execute();
  await sql`insert into budget_census_v2 (collectivity_id, round_id, voter_hash, load_id, gender, age_band, source)
    select collectivity_id, round_id, voter_hash, case when source = 'in_person' then 0 else 1 end, gender, age_band, source from budget_census`.execute(db);
  await db.schema.dropTable('budget_census').execute();
  await db.schema.alterTable('budget_census_v2').renameTo('budget_census').execute();
  await db.schema.createIndex('budget_census_collectivity').on('budget_census').columns(['collectivity_id', 'round_id', 'load_id']).execute();

  await db
    .updateTable('budget_round')
    .set({ census_load: 1, census_loads: 1 })
    .where(({ exists, selectFrom }) => exists(selectFrom('budget_census').select('voter_hash').whereRef('budget_census.round_id', '=', 'budget_round.id').where('load_id', '=', 1)))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('20261204T1700_budget_census_loads cannot be undone: restore the backup taken before upgrading');
}
