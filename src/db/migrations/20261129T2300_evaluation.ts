// The yearly evaluation report: one draft per programme and year (the committee's notes and the
// reasons given for late activities), and the published versions, each a frozen JSON snapshot.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const collectivityRef = (c: any) => c.notNull().references('collectivity.id').onDelete('cascade');

  await db.schema
    .createTable('evaluation_report')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('notes_ar', 'text')
    .addColumn('notes_fr', 'text')
    .addColumn('notes_en', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // one draft per programme and year, even when two staff members start it at the same time
  await db.schema.createIndex('evaluation_report_year').on('evaluation_report').columns(['collectivity_id', 'programme_id', 'year']).unique().execute();
  await db.schema.createIndex('evaluation_report_programme_fk').on('evaluation_report').column('programme_id').execute();

  await db.schema
    .createTable('evaluation_late_reason')
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('evaluation_report.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('reason_ar', 'text')
    .addColumn('reason_fr', 'text')
    .addColumn('reason_en', 'text')
    .addPrimaryKeyConstraint('evaluation_late_reason_pk', ['report_id', 'activity_id'])
    .execute();
  await db.schema.createIndex('evaluation_late_reason_activity_fk').on('evaluation_late_reason').column('activity_id').execute();
  await db.schema.createIndex('evaluation_late_reason_collectivity').on('evaluation_late_reason').columns(['collectivity_id', 'report_id']).execute();

  await db.schema
    .createTable('evaluation_version')
    .addColumn('id', pg ? 'serial' : 'integer', id)
    .addColumn('collectivity_id', 'integer', collectivityRef)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('evaluation_report.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** the report as computed when it was published (JSON): later changes to the data do not alter it */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  // two publications at the same time cannot both become version n
  await db.schema.createIndex('evaluation_version_number').on('evaluation_version').columns(['report_id', 'version']).unique().execute();
  await db.schema.createIndex('evaluation_version_year').on('evaluation_version').columns(['collectivity_id', 'year', 'version']).execute();
  await db.schema.createIndex('evaluation_version_user_fk').on('evaluation_version').column('published_by').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evaluation_version').execute();
  await db.schema.dropTable('evaluation_late_reason').execute();
  await db.schema.dropTable('evaluation_report').execute();
}
