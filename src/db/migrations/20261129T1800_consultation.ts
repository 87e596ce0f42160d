// Consultation on the draft programme: the window during which each draft project receives
// contributions and supports, one support per account and draft project, and the language of a
// contribution (so that it is marked up with its own `lang`).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One window per programme (instants; entered in Casablanca time in the back office).
  await db.schema
    .createTable('consultation_window')
    .addColumn('programme_id', 'integer', (c) => c.primaryKey().references('programme.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_window_collectivity').on('consultation_window').column('collectivity_id').execute();

  // One support per account and draft project: the primary key decides, even under concurrent requests.
  await db.schema
    .createTable('draft_project_support')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draft_project_support_pk', ['project_id', 'user_id'])
    .execute();
  // counts per project of a collectivity; an account's supports (export of personal data)
  await db.schema.createIndex('draft_project_support_collectivity').on('draft_project_support').columns(['collectivity_id', 'project_id']).execute();
  await db.schema.createIndex('draft_project_support_user').on('draft_project_support').column('user_id').execute();

  // The language the author wrote in (null: the demo's contributions, in Arabic).
  await db.schema.alterTable('consultation_contribution').addColumn('lang', 'text').execute();
  // a project's contributions, newest first; an account's recent contributions (rate limit, export)
  await db.schema.createIndex('consultation_contribution_project').on('consultation_contribution').columns(['collectivity_id', 'project_id', 'id']).execute();
  await db.schema.createIndex('consultation_contribution_author').on('consultation_contribution').columns(['author_user_id', 'submitted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('consultation_contribution_author').execute();
  await db.schema.dropIndex('consultation_contribution_project').execute();
  await db.schema.alterTable('consultation_contribution').dropColumn('lang').execute();
  await db.schema.dropTable('draft_project_support').execute();
  await db.schema.dropTable('consultation_window').execute();
}
