// "Start the next programme" may take up citizen proposals the last cycle did not retain: each
// one ticked is linked to the new draft (never copied), so the draft's back office lists them
// and the proposal's page says it is being considered for that programme. The link goes with
// the draft when a draft is discarded, and with the proposal.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposal_carried')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposal.id').onDelete('cascade'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('collectivity_id', 'integer', (c) => c.notNull().references('collectivity.id').onDelete('cascade'))
    .addColumn('carried_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_carried_pk', ['proposal_id', 'programme_id'])
    .execute();
  await db.schema.createIndex('proposal_carried_programme').on('proposal_carried').columns(['programme_id', 'proposal_id']).execute();
  await db.schema.createIndex('proposal_carried_collectivity_fk').on('proposal_carried').column('collectivity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proposal_carried').execute();
}
