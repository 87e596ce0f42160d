// Citizens' referrals to the equality commission: the back office lists every referral of a
// collectivity newest first (any status), a keyset page on (collectivity_id, id). The shared
// index ieecag_referral_list (collectivity_id, status, id) serves one status at a time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('ieecag_referral_recent').on('ieecag_referral').columns(['collectivity_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ieecag_referral_recent').execute();
}
