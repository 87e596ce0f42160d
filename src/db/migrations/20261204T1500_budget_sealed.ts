// When a round's ballots were sealed (commands/seal.ts): rewritten, once voting closed, so that no
// trace of the order or transaction in which they were cast stays with them. Null until then.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('budget_round').addColumn('sealed_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('budget_round').dropColumn('sealed_at').execute();
}
