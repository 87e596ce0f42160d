// The back office's audit log (issue 18) lists a collectivity's changes newest first, 50 at a
// time, continuing from an entry (keyset on time then id): this index gives each page in order
// without sorting the whole log.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('change_log_time').on('change_log').columns(['collectivity_id', 'at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('change_log_time').execute();
}
