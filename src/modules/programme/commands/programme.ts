// Edits the programme itself: title, period, status and adoption. Recorded like any change.
import { diff, recordChange } from '../../../platform/audit.ts';
import type { LoggedValue } from '../../../platform/audit.ts';
import { type CommandResult, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { isAdopted } from '../progress.ts';
import type { ProgrammeInput } from '../schema.ts';
import type { Scope } from './entities.ts';

const fields = ['title', 'adoption_session', 'adoption_reference'] as const;

function snapshot(p: Record<string, unknown>): Record<string, LoggedValue> {
  const out: Record<string, LoggedValue> = {
    start_year: p.start_year as number,
    end_year: p.end_year as number,
    status: p.status as string,
    adoption_date: (p.adoption_date as string | null) ?? null,
  };
  for (const f of fields) {
    const v = { ar: p[`${f}_ar`] as string | null, fr: p[`${f}_fr`] as string | null, en: p[`${f}_en`] as string | null };
    out[f] = v.ar || v.fr || v.en ? v : null;
  }
  return out;
}

export async function updateProgramme(db: Db, scope: Scope, input: ProgrammeInput, reason?: string | null): Promise<CommandResult<number>> {
  const { programme, collectivityId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    await trx.updateTable('programme').set(input).where('collectivity_id', '=', collectivityId).where('id', '=', programme.id).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: programme.id,
      entityType: 'programme',
      entityId: programme.id,
      action: 'update',
      actor: scope.actor,
      changes: diff(snapshot(programme), snapshot({ ...programme, ...input })),
      // a programme being adopted, or already adopted, records the change publicly
      public: isAdopted(programme.status) || isAdopted(input.status),
      reason,
    });
    return programme.id;
  });
}

/** A collectivity's new programme (the first one, or the next cycle's). */
export async function createProgramme(
  db: Db,
  actor: Scope['actor'],
  collectivityId: number,
  input: ProgrammeInput,
): Promise<CommandResult<number>> {
  return tenantTransaction(db, collectivityId, async (trx) => {
    // the collectivity's first programme is its current one; later ones start as drafts (cycle.ts)
    const hasCurrent = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', collectivityId).where('is_current', '=', 1).executeTakeFirst();
    const row = await trx
      .insertInto('programme')
      .values({ ...(input as ProgrammeInput & { title_ar: string }), collectivity_id: collectivityId, created_at: now(), is_current: hasCurrent ? 0 : 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId,
      programmeId: row.id,
      entityType: 'programme',
      entityId: row.id,
      action: 'create',
      actor,
      changes: diff({}, snapshot(input)),
      public: isAdopted(input.status),
    });
    return row.id;
  });
}
