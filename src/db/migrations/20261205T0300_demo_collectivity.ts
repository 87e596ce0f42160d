// A collectivity can be demo data as a whole (the example commune of the built-in demo): its
// public pages then say so, like the demo proposals and measurements (their is_demo).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collectivity').addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collectivity').dropColumn('is_demo').execute();
}
