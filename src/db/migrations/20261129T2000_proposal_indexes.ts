// Indexes found by the benchmark: the per-hour submission limit (by author and time), and the
// referencing side of every foreign key of proposals, so that deleting an axis, a project or a
// proposal does not scan the tables (SQLite and PostgreSQL index neither automatically).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('proposal_author').on('proposal').columns(['author_user_id', 'submitted_at']).execute();
  await db.schema.createIndex('proposal_step_fk').on('proposal_step').columns(['proposal_id', 'at']).execute();
  await db.schema.createIndex('proposal_comment_fk').on('proposal_comment').column('proposal_id').execute();
  await db.schema.createIndex('proposal_comment_author').on('proposal_comment').columns(['author_user_id', 'created_at']).execute();
  for (const col of ['merged_into_id', 'axis_id', 'project_id', 'activity_id', 'call_id']) {
    await db.schema.createIndex(`proposal_${col}_fk`).on('proposal').column(col).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['proposal_author', 'proposal_step_fk', 'proposal_comment_fk', 'proposal_comment_author', ...['merged_into_id', 'axis_id', 'project_id', 'activity_id', 'call_id'].map((c) => `proposal_${c}_fk`)]) {
    await db.schema.dropIndex(name).execute();
  }
}
