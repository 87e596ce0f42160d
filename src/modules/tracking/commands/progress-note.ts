// Adds a dated progress note to an activity, with its evidence files, and optionally sets the
// activity's progress and status through the programme's own command (so the activity's public
// history shows the change) — all in one transaction, audited.
import type { Actor } from '../../../platform/audit.ts';
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';
import { now } from '../../../platform/db/database.ts';
import type { ProgrammeRow } from '../../../platform/db/schema.ts';
import { updateEntity } from '../../programme/commands/entities.ts';
import { isAdopted } from '../../programme/progress.ts';
import { partnerIdsOf } from '../../programme/repository.ts';
import { activityForm } from '../../programme/schema.ts';
import type { CheckedFile } from '../../../platform/uploads.ts';
import type { NoteInput } from '../schema.ts';
import '../tables.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
  programme: ProgrammeRow;
  /** why the activity's progress or status changes, shown with the change in the public history */
  reason?: string | null;
}

/** null when the activity is not one of this collectivity's current programme. */
export async function addProgressNote(db: Db, scope: Scope, activityId: number, input: NoteInput, files: CheckedFile[]): Promise<CommandResult<number> | null> {
  const { collectivityId, programme } = scope;
  const activity = await db
    .selectFrom('activity')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programme.id)
    .where('id', '=', activityId)
    .executeTakeFirst();
  if (!activity) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const changesProgress = input.progress !== null && input.progress !== activity.progress;
    const changesStatus = input.status !== null && input.status !== activity.status;
    if (changesProgress || changesStatus) {
      // the activity as its own form would post it, with the new progress and status
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(activity)) if (v !== null) values[k] = String(v);
      values.partners = (await partnerIdsOf(trx, collectivityId, 'activity', activityId)).map(String);
      if (input.progress !== null) values.progress = String(input.progress);
      if (input.status !== null) values.status = input.status;
      const parsed = activityForm.safeParse(values);
      if (!parsed.success) rollbackWith({ progress: { key: 'tracking.errors.activityIncomplete' } });
      const result = await updateEntity(trx, scope, 'activity', activityId, parsed.data!);
      if (!result || !result.ok) rollbackWith({ progress: { key: 'tracking.errors.activityIncomplete' } });
    }
    const at = now();
    const note = await trx
      .insertInto('progress_note')
      .values({
        collectivity_id: collectivityId,
        programme_id: programme.id,
        activity_id: activityId,
        noted_on: input.noted_on,
        body_ar: input.body_ar,
        body_fr: input.body_fr,
        body_en: input.body_en,
        progress: changesProgress ? input.progress : null,
        status: changesStatus ? input.status : null,
        author_user_id: scope.actor.userId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const f of files) {
      await trx
        .insertInto('evidence_file')
        .values({ collectivity_id: collectivityId, note_id: note.id, sha256: f.sha256, size: f.size, mime: f.mime, original_name: f.name, content: f.content, created_at: at })
        .execute();
    }
    await recordChange(trx, {
      collectivityId,
      programmeId: programme.id,
      entityType: 'progress_note',
      entityId: note.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, {
        activity: { ar: activity.title_ar, fr: activity.title_fr, en: activity.title_en },
        noted_on: input.noted_on,
        body: { ar: input.body_ar, fr: input.body_fr, en: input.body_en },
        evidence: files.length ? files.map((f) => f.name).join(', ') : null,
      }),
      public: isAdopted(programme.status),
    });
    return note.id;
  });
}
