// Imported programmes: an import creates a programme that waits (pending) beside the current one
// until staff replace the current one with it; the replaced one is kept with its date.
// See docs/decisions/005-imported-programmes.md.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programme').addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('programme').addColumn('replaced_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programme').dropColumn('replaced_at').execute();
  await db.schema.alterTable('programme').dropColumn('pending').execute();
}
