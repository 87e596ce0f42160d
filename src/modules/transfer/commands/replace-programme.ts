// What staff do with an imported programme: put it in place of the current one (which is kept,
// dated, and no longer current), or discard it. Each is one transaction with its audit entries.
import { type Actor, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { isAdopted } from '../../programme/progress.ts';
import { currentProgramme } from '../../programme/manifest.ts';
import '../tables.ts';

/** The collectivity's imported programmes still waiting for a decision, newest first. */
export async function pendingProgrammes(db: Db, collectivityId: number) {
  return db
    .selectFrom('programme')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'start_year', 'end_year', 'created_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('pending', '=', 1)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}

export async function findPending(db: Db, collectivityId: number, id: number) {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', id)
    .where('pending', '=', 1)
    .executeTakeFirst();
}

/** null: no such imported programme in this collectivity. */
export async function replaceProgramme(db: Db, actor: Actor, collectivityId: number, pendingId: number): Promise<CommandResult<number> | null> {
  if (!(await findPending(db, collectivityId, pendingId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const current = await currentProgramme(trx, collectivityId);
    const at = now();
    if (current) {
      await trx.updateTable('programme').set({ replaced_at: at }).where('collectivity_id', '=', collectivityId).where('id', '=', current.id).execute();
      await recordChange(trx, {
        collectivityId,
        programmeId: current.id,
        entityType: 'programme',
        entityId: current.id,
        action: 'update',
        actor,
        changes: [{ field: 'replaced_at', before: null, after: at }],
        public: isAdopted(current.status),
      });
    }
    // guarded: two staff pressing "replace" at once put it in place once
    const updated = await trx
      .updateTable('programme')
      .set({ pending: 0 })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', pendingId)
      .where('pending', '=', 1)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Error('imported programme changed meanwhile');
    await recordChange(trx, {
      collectivityId,
      programmeId: pendingId,
      entityType: 'programme',
      entityId: pendingId,
      action: 'update',
      actor,
      changes: [{ field: 'pending', before: 1, after: 0 }],
      public: current ? isAdopted(current.status) : false,
    });
    return pendingId;
  });
}

export async function discardProgramme(db: Db, actor: Actor, collectivityId: number, pendingId: number): Promise<CommandResult<number> | null> {
  const row = await findPending(db, collectivityId, pendingId);
  if (!row) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    // axes, projects, activities and their partner links go with it (foreign keys cascade)
    await trx.deleteFrom('programme').where('collectivity_id', '=', collectivityId).where('id', '=', pendingId).where('pending', '=', 1).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'programme',
      entityId: pendingId,
      action: 'delete',
      actor,
      changes: [{ field: 'title', before: { ar: row.title_ar, fr: row.title_fr, en: row.title_en }, after: null }],
      public: false,
    });
    return pendingId;
  });
}
