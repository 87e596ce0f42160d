// The plan's own version beside the collectivity's content version: bumped by every write but
// those a command declares as leaving the plan unchanged (a citizen's proposal, comment or
// support), so that the programme's pages and read models outlive the co-creation's traffic.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collectivity').addColumn('plan_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collectivity').dropColumn('plan_version').execute();
}
