// The citizen's journey: where a verification link returns to, "stop mails about this proposal",
// and the indexes behind "my space" (a person's supports, listed newest first).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // the local page a person was on when they signed up; verified, they are signed in and sent back
  await db.schema.alterTable('account_token').addColumn('next_path', 'text').execute();
  // a person who wants no more mail about a proposal (author, supporter or follower)
  await db.schema
    .createTable('proposal_mute')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposal.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_mute_pk', ['proposal_id', 'user_id'])
    .execute();
  await db.schema.createIndex('proposal_mute_user').on('proposal_mute').column('user_id').execute();
  await db.schema.createIndex('proposal_mute_collectivity_fk').on('proposal_mute').column('collectivity_id').execute();
  await db.schema.createIndex('proposal_support_user').on('proposal_support').columns(['user_id', 'proposal_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('proposal_support_user').execute();
  await db.schema.dropTable('proposal_mute').execute();
  await db.schema.alterTable('account_token').dropColumn('next_path').execute();
}
