// The monitoring committee's meetings (date, subject, minutes), and the rules of the committee
// held by the database as well as by the forms: one committee per programme, at most one chair.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('committee_meeting')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('subject_ar', 'text', (c) => c.notNull())
    .addColumn('subject_fr', 'text')
    .addColumn('subject_en', 'text')
    .addColumn('minutes_ar', 'text')
    .addColumn('minutes_fr', 'text')
    .addColumn('minutes_en', 'text')
    .execute();
  await db.schema.createIndex('committee_meeting_committee').on('committee_meeting').columns(['collectivity_id', 'committee_id', 'held_on']).execute();

  // Two concurrent writes cannot give a programme two committees, or a committee two chairs.
  await db.schema.createIndex('committee_one_per_programme').on('committee').columns(['collectivity_id', 'programme_id']).unique().execute();
  await db.schema.createIndex('committee_member_one_chair').on('committee_member').column('committee_id').unique().where(sql.ref('role'), '=', sql.lit('chair')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('committee_member_one_chair').execute();
  await db.schema.dropIndex('committee_one_per_programme').execute();
  await db.schema.dropTable('committee_meeting').execute();
}
