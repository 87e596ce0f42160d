// Implementation tracking: dated progress notes on activities with their evidence files (the
// bytes are stored in the database so that any app instance can serve them), dated targets and
// measurements of indicators, and the binding of an indicator to a module's live metric.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = (name: string) =>
    db.schema.createTable(name).addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'));

  await table('progress_note')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('noted_on', 'text', (c) => c.notNull())
    .addColumn('body_ar', 'text')
    .addColumn('body_fr', 'text')
    .addColumn('body_en', 'text')
    // what the note set on the activity, if anything (the activity row holds the current values)
    .addColumn('progress', 'integer')
    .addColumn('status', 'text')
    .addColumn('author_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('progress_note_activity').on('progress_note').columns(['collectivity_id', 'activity_id', 'noted_on']).execute();
  await db.schema.createIndex('progress_note_author').on('progress_note').column('author_user_id').execute();

  await table('evidence_file')
    .addColumn('note_id', 'integer', (c) => c.notNull().references('progress_note.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_file_note').on('evidence_file').columns(['collectivity_id', 'note_id']).execute();
  await db.schema.createIndex('evidence_file_note_fk').on('evidence_file').column('note_id').execute();
  await db.schema.createIndex('evidence_file_hash').on('evidence_file').columns(['collectivity_id', 'sha256']).execute();

  await table('indicator_target')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('target_on', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_target_date').on('indicator_target').columns(['indicator_id', 'target_on']).unique().execute();
  await db.schema.createIndex('indicator_target_tenant').on('indicator_target').columns(['collectivity_id', 'indicator_id']).execute();

  await table('indicator_measurement')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('measured_on', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source_ar', 'text')
    .addColumn('source_fr', 'text')
    .addColumn('source_en', 'text')
    .addColumn('note_ar', 'text')
    .addColumn('note_fr', 'text')
    .addColumn('note_en', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('indicator_measurement_tenant').on('indicator_measurement').columns(['collectivity_id', 'indicator_id', 'measured_on']).execute();
  await db.schema.createIndex('indicator_measurement_fk').on('indicator_measurement').column('indicator_id').execute();

  await db.schema
    .createTable('indicator_metric')
    .addColumn('indicator_id', 'integer', (c) => c.primaryKey().references('indicator.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    // `module.metric`, e.g. cocreation.proposals; variant: e.g. an axis number
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('variant', 'text')
    .execute();
  await db.schema.createIndex('indicator_metric_tenant').on('indicator_metric').column('collectivity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['indicator_metric', 'indicator_measurement', 'indicator_target', 'evidence_file', 'progress_note']) {
    await db.schema.dropTable(t).execute();
  }
}
