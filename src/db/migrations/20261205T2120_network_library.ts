// The network's themes have no collectivity, so their changes cannot go to change_log (its
// collectivity is required): this log keeps them, who changed what, field by field.
// The library of practices searches projects and their activities by normalised text
// (platform/text): practice_search holds one row per project of an adopted programme, rebuilt
// for a collectivity when its plan_version differs from the one in practice_search_version.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('network_theme_change')
    .addColumn('id', pg ? 'serial' : 'integer', (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('network_theme.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull()) // create | update
    .addColumn('changes', 'text', (c) => c.notNull()) // JSON: [{field, before, after}]
    .execute();
  await db.schema
    .createTable('practice_search')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('project.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practice_search_collectivity').on('practice_search').columns(['collectivity_id']).execute();
  await db.schema
    .createTable('practice_search_version')
    .addColumn('collectivity_id', 'integer', (c) => c.primaryKey().references('collectivity.id').onDelete('cascade'))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('network_theme_change_theme').on('network_theme_change').columns(['theme_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('practice_search_version').execute();
  await db.schema.dropTable('practice_search').execute();
  await db.schema.dropTable('network_theme_change').execute();
}
