// "Is this programme's progress the demo's invented example?" is asked by the matrix, the home and
// every card of the network page. A partial index holds only the example notes (none outside the
// demo), so the answer is one probe however many real notes a collectivity has.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('progress_note_demo').on('progress_note').column('programme_id').where(sql.ref('is_demo'), '=', 1).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('progress_note_demo').execute();
}
