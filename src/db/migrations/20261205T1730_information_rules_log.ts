// Access to information: the network's rules and holidays have no collectivity, so their changes
// cannot go to change_log (its collectivity is required). This log keeps them: who changed what,
// field by field, before → after. Also one holiday per day: a fixed one per month-day, a dated one
// per date (unique indexes, so two administrators saving at once cannot both add the same day).
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('information_rules_change')
    .addColumn('id', pg ? 'serial' : 'integer', (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('actor_role', 'text')
    // 'rules' (the one row) or 'holiday'
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // create | update | delete
    .addColumn('changes', 'text', (c) => c.notNull()) // JSON: [{field, before, after}]
    .execute();
  await db.schema.createIndex('information_rules_change_at').on('information_rules_change').columns(['at', 'id']).execute();
  await db.schema.createIndex('public_holiday_one_fixed').on('public_holiday').column('month_day').unique().execute();
  await db.schema.createIndex('public_holiday_one_dated').on('public_holiday').column('on_date').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('public_holiday_one_dated').execute();
  await db.schema.dropIndex('public_holiday_one_fixed').execute();
  await db.schema.dropTable('information_rules_change').execute();
}
