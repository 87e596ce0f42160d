// Programmes over time (REMACTO cycles). A collectivity keeps every programme; exactly one is
// current (`is_current = 1`, a unique partial index per collectivity, on SQLite and PostgreSQL).
// The imported-programme flags of 20261129T2200_transfer (`pending`, `replaced_at`) give way to
// the status: an import is a draft until staff adopt it, which closes the previous programme.
// Activities carried over to the next programme point back to the one they continue, and a
// change may carry a public reason.
//
// Data: the current programme is the newest adopted or implemented one (so a programme that an
// imported draft "replaced" comes back, as the Settat demo does), else the one that was current;
// the other adopted programmes are closed; pending imports stay drafts.
import { type Kysely, sql } from 'kysely';

const ADOPTED = ['adopted', 'in_implementation'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programme').addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .alterTable('activity')
    .addColumn('carried_from_id', 'integer', (c) => c.references('activity.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('activity_carried_from').on('activity').column('carried_from_id').execute();
  await db.schema.alterTable('change_log').addColumn('reason', 'text').execute();
  // a programme's whole public history (its matrix page)
  await db.schema.createIndex('change_log_programme').on('change_log').columns(['collectivity_id', 'programme_id', 'public', 'at']).execute();

  const programmes: { id: number; collectivity_id: number; start_year: number; status: string; pending: number; replaced_at: string | null }[] = await db
    .selectFrom('programme')
    .select(['id', 'collectivity_id', 'start_year', 'status', 'pending', 'replaced_at'])
    .orderBy('collectivity_id')
    .orderBy('start_year', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const byCollectivity = new Map<number, typeof programmes>();
  for (const p of programmes) {
    const list = byCollectivity.get(p.collectivity_id);
    if (list) list.push(p);
    else byCollectivity.set(p.collectivity_id, [p]);
  }
  for (const list of byCollectivity.values()) {
    const placed = list.filter((p) => Number(p.pending) === 0);
    const current = placed.find((p) => ADOPTED.includes(p.status)) ?? placed.find((p) => p.replaced_at === null);
    if (current) await db.updateTable('programme').set({ is_current: 1 }).where('id', '=', current.id).execute();
    const older = placed.filter((p) => p !== current && ADOPTED.includes(p.status)).map((p) => p.id);
    if (older.length > 0) await db.updateTable('programme').set({ status: 'closed' }).where('id', 'in', older).execute();
  }

  await db.schema
    .createIndex('programme_one_current')
    .on('programme')
    .column('collectivity_id')
    .unique()
    .where(sql.ref('is_current'), '=', 1)
    .execute();
  await db.schema.createIndex('programme_by_period').on('programme').columns(['collectivity_id', 'start_year', 'end_year']).execute();
  await db.schema.alterTable('programme').dropColumn('replaced_at').execute();
  await db.schema.alterTable('programme').dropColumn('pending').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programme').addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('programme').addColumn('replaced_at', 'text').execute();
  await db.updateTable('programme').set({ pending: 1 }).where('status', '=', 'draft').where('is_current', '=', 0).execute();
  await db.updateTable('programme').set({ replaced_at: sql`created_at` }).where('status', '!=', 'draft').where('is_current', '=', 0).execute();
  await db.schema.dropIndex('programme_by_period').execute();
  await db.schema.dropIndex('programme_one_current').execute();
  await db.schema.dropIndex('change_log_programme').execute();
  await db.schema.alterTable('change_log').dropColumn('reason').execute();
  await db.schema.dropIndex('activity_carried_from').execute();
  await db.schema.alterTable('activity').dropColumn('carried_from_id').execute();
  await db.schema.alterTable('programme').dropColumn('is_current').execute();
}
