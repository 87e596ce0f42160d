// What staff do with an imported programme before adopting it (adoption itself is the programme
// module's: programme/commands/cycle.ts): list the drafts, read one, or discard it.
import { type Actor, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, tenantTransaction } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';

/** The collectivity's drafts waiting for adoption (imported or started from the last programme), newest first. */
export async function pendingProgrammes(db: Db, collectivityId: number) {
  return db
    .selectFrom('programme')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'start_year', 'end_year', 'created_at', 'status'])
    .where('collectivity_id', '=', collectivityId)
    .where('status', 'in', ['draft', 'consultation'])
    .where('is_current', '=', 0)
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
    .where('status', 'in', ['draft', 'consultation'])
    .where('is_current', '=', 0)
    .executeTakeFirst();
}

/** Deletes a draft that was never public (not in consultation, not current). null: no such draft. */
export async function discardProgramme(db: Db, actor: Actor, collectivityId: number, draftId: number): Promise<CommandResult<number> | null> {
  const row = await findPending(db, collectivityId, draftId);
  if (!row || row.status !== 'draft') return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    // axes, projects, activities and their partner links go with it (foreign keys cascade)
    await trx
      .deleteFrom('programme')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', draftId)
      .where('status', '=', 'draft')
      .where('is_current', '=', 0)
      .execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'programme',
      entityId: draftId,
      action: 'delete',
      actor,
      changes: [{ field: 'title', before: { ar: row.title_ar, fr: row.title_fr, en: row.title_en }, after: null }],
      public: false,
    });
    return draftId;
  });
}
