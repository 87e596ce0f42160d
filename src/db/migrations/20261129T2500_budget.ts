// The participatory budget (الميزانية التشاركية): rounds with an envelope and dated phases, the
// projects put to the vote, the census of voters as keyed hashes only, who was verified for a
// round, and the ballots. One ballot per person and round is a unique index, so that it holds
// under concurrent requests and across app instances.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const collectivityRef = (c: any) => c.notNull().references('collectivity.id').onDelete('cascade');
  const roundRef = (c: any) => c.notNull().references('budget_round.id').onDelete('cascade');

  await db.schema
    .createTable('budget_round')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_fr', 'text')
    .addColumn('title_en', 'text')
    .addColumn('envelope_mad', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('min_choices', 'integer')
    .addColumn('max_choices', 'integer')
    .addColumn('changeable', 'integer', (c) => c.notNull().defaultTo(0))
    // the start of each phase (ISO instants); a phase lasts until the next one starts
    .addColumn('information_at', 'text', (c) => c.notNull())
    .addColumn('submission_at', 'text', (c) => c.notNull())
    .addColumn('review_at', 'text', (c) => c.notNull())
    .addColumn('voting_at', 'text', (c) => c.notNull())
    .addColumn('results_at', 'text', (c) => c.notNull())
    .addColumn('implementation_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_round_collectivity').on('budget_round').columns(['collectivity_id', 'information_at']).execute();

  await db.schema
    .createTable('budget_project')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('round_id', 'integer', roundRef)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('neighbourhood', 'text', (c) => c.notNull())
    .addColumn('estimated_cost_mad', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_reason', 'text')
    .addColumn('staff_cost_mad', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_project_round').on('budget_project').columns(['collectivity_id', 'round_id', 'status']).execute();
  await db.schema.createIndex('budget_project_round_fk').on('budget_project').column('round_id').execute();

  // HMAC of (CIN, birth date): no national ID number is ever stored
  await db.schema
    .createTable('budget_census')
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('round_id', 'integer', roundRef)
    .addColumn('voter_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_census_pk', ['round_id', 'voter_hash'])
    .execute();
  await db.schema.createIndex('budget_census_collectivity').on('budget_census').columns(['collectivity_id', 'round_id']).execute();

  // an account verified for a round; one account per person and one person per account
  await db.schema
    .createTable('budget_voter')
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('round_id', 'integer', roundRef)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('voter_hash', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_voter_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema.createIndex('budget_voter_hash').on('budget_voter').columns(['round_id', 'voter_hash']).unique().execute();
  await db.schema.createIndex('budget_voter_user_fk').on('budget_voter').column('user_id').execute();
  await db.schema.createIndex('budget_voter_collectivity').on('budget_voter').columns(['collectivity_id', 'round_id']).execute();

  // verification attempts, counted per account to rate-limit guessing
  await db.schema
    .createTable('budget_attempt')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_attempt_user').on('budget_attempt').columns(['user_id', 'at']).execute();
  await db.schema.createIndex('budget_attempt_collectivity_fk').on('budget_attempt').column('collectivity_id').execute();

  // a ballot names no account: the voter's hash only enforces one ballot per person and round
  await db.schema
    .createTable('budget_ballot')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('round_id', 'integer', roundRef)
    .addColumn('voter_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_ballot_one_per_voter').on('budget_ballot').columns(['round_id', 'voter_hash']).unique().execute();
  await db.schema.createIndex('budget_ballot_collectivity').on('budget_ballot').columns(['collectivity_id', 'round_id', 'channel']).execute();

  await db.schema
    .createTable('budget_ballot_choice')
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('ballot_id', 'integer', (c) => c.notNull().references('budget_ballot.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('budget_project.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('budget_ballot_choice_pk', ['ballot_id', 'project_id'])
    .execute();
  await db.schema.createIndex('budget_ballot_choice_project').on('budget_ballot_choice').columns(['project_id', 'ballot_id']).execute();
  await db.schema.createIndex('budget_ballot_choice_collectivity_fk').on('budget_ballot_choice').column('collectivity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['budget_ballot_choice', 'budget_ballot', 'budget_attempt', 'budget_voter', 'budget_census', 'budget_project', 'budget_round']) {
    await db.schema.dropTable(t).execute();
  }
}
