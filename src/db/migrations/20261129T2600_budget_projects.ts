// The participatory budget, second part: districts with their own envelope, projects submitted
// by citizens (author, images, duplicates merged into another), the activity of the action plan
// a winning project became, and the gender and age band of voters where the census knows them.
// Gender and age band are copied onto the ballot so results can be counted by them without
// joining a ballot to a person.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const collectivityRef = (c: any) => c.notNull().references('collectivity.id').onDelete('cascade');

  // 1: invented example data of the built-in demo (its projects and ballots too), shown as such
  await db.schema.alterTable('budget_round').addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('budget_district')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('budget_round.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('envelope_mad', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_district_round').on('budget_district').columns(['collectivity_id', 'round_id']).execute();
  await db.schema.createIndex('budget_district_round_fk').on('budget_district').column('round_id').execute();

  await db.schema
    .alterTable('budget_project')
    .addColumn('district_id', 'integer', (c) => c.references('budget_district.id').onDelete('restrict'))
    .execute();
  await db.schema.alterTable('budget_project').addColumn('author_id', 'integer', (c) => c.references('app_user.id').onDelete('set null')).execute();
  await db.schema.alterTable('budget_project').addColumn('merged_into_id', 'integer', (c) => c.references('budget_project.id').onDelete('set null')).execute();
  // title and description normalised (platform/text/normalize.ts), to suggest similar projects
  await db.schema.alterTable('budget_project').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('budget_project').addColumn('activity_id', 'integer', (c) => c.references('activity.id').onDelete('set null')).execute();
  await db.schema.createIndex('budget_project_district_fk').on('budget_project').column('district_id').execute();
  await db.schema.createIndex('budget_project_author_fk').on('budget_project').column('author_id').execute();
  await db.schema.createIndex('budget_project_merged_fk').on('budget_project').column('merged_into_id').execute();
  await db.schema.createIndex('budget_project_activity_fk').on('budget_project').column('activity_id').execute();

  await db.schema
    .createTable('budget_project_image')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('budget_project.id').onDelete('cascade'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_project_image_project').on('budget_project_image').columns(['collectivity_id', 'project_id']).execute();
  await db.schema.createIndex('budget_project_image_project_fk').on('budget_project_image').column('project_id').execute();
  await db.schema.createIndex('budget_project_image_hash').on('budget_project_image').columns(['collectivity_id', 'sha256']).execute();

  // 'f' / 'm' and an age band ('18-24' … '65+') at the start of the vote, when the census says
  for (const t of ['budget_census', 'budget_ballot']) {
    await db.schema.alterTable(t).addColumn('gender', 'text').execute();
    await db.schema.alterTable(t).addColumn('age_band', 'text').execute();
  }
  // 'census' (the uploaded file) or 'in_person' (added at the desk by staff, who saw the card)
  await db.schema.alterTable('budget_census').addColumn('source', 'text', (c) => c.notNull().defaultTo('census')).execute();
  // the ballot's district when the round has districts (its envelope applies)
  await db.schema.alterTable('budget_ballot').addColumn('district_id', 'integer', (c) => c.references('budget_district.id').onDelete('restrict')).execute();
  await db.schema.createIndex('budget_ballot_district_fk').on('budget_ballot').column('district_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('budget_ballot_district_fk').execute();
  await db.schema.alterTable('budget_ballot').dropColumn('district_id').execute();
  await db.schema.alterTable('budget_census').dropColumn('source').execute();
  for (const t of ['budget_census', 'budget_ballot']) {
    await db.schema.alterTable(t).dropColumn('age_band').execute();
    await db.schema.alterTable(t).dropColumn('gender').execute();
  }
  await db.schema.dropTable('budget_project_image').execute();
  for (const i of ['budget_project_activity_fk', 'budget_project_merged_fk', 'budget_project_author_fk', 'budget_project_district_fk']) await db.schema.dropIndex(i).execute();
  for (const c of ['activity_id', 'search_text', 'merged_into_id', 'author_id', 'district_id']) await db.schema.alterTable('budget_project').dropColumn(c).execute();
  await db.schema.dropTable('budget_district').execute();
  await db.schema.alterTable('budget_round').dropColumn('demo').execute();
}
