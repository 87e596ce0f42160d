// Writes of participation events: an event with its attendance, and the proposals collected at
// a workshop (entered in bulk by staff: the in-person channel counts like the online one).
import type { Actor } from '../../../platform/audit.ts';
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { normalize } from '../../../platform/text/normalize.ts';
import type { EventInput, WorkshopProposalsInput } from '../schema.ts';
import '../tables.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
  programmeId: number;
}

const snapshot = (e: Record<string, unknown>) => {
  const { id: _id, collectivity_id: _c, programme_id: _p, ...rest } = e;
  return rest as Record<string, string | number | null>;
};

export async function saveEvent(db: Db, scope: Scope, id: number | null, input: EventInput): Promise<CommandResult<number> | null> {
  const { collectivityId, programmeId } = scope;
  const before = id === null ? null : await db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
  if (id !== null && !before) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    let eventId = id;
    if (eventId === null) {
      eventId = (await trx.insertInto('participation_event').values({ ...input, collectivity_id: collectivityId, programme_id: programmeId }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      await trx.updateTable('participation_event').set(input).where('collectivity_id', '=', collectivityId).where('id', '=', eventId).execute();
    }
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'participation_event',
      entityId: eventId,
      action: id === null ? 'create' : 'update',
      actor: scope.actor,
      changes: diff(before ? snapshot(before) : {}, snapshot(input as Record<string, unknown>)),
      public: true,
    });
    return eventId;
  });
}

/** Adds the proposals collected at a workshop, all or none. */
export async function addWorkshopProposals(db: Db, scope: Scope, eventId: number, rows: WorkshopProposalsInput, lang: string): Promise<CommandResult<number[]>> {
  const { collectivityId, programmeId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const event = await trx.selectFrom('participation_event').select(['id', 'held_on']).where('collectivity_id', '=', collectivityId).where('id', '=', eventId).executeTakeFirst();
    if (!event) return rollbackWith({ _: { key: 'errors.notFoundTitle' } });
    const axes = new Set(
      (await trx.selectFrom('axis').select('id').where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).execute()).map((a) => a.id),
    );
    const errors: Record<string, { key: string }> = {};
    rows.forEach((r, i) => {
      if (!axes.has(r.axisId)) errors[`axis_${i}`] = { key: 'errors.invalidChoice' };
    });
    if (Object.keys(errors).length) rollbackWith(errors);
    const at = now();
    const ids: number[] = [];
    for (const r of rows) {
      const body = r.body ?? '';
      const row = await trx
        .insertInto('proposal')
        .values({
          collectivity_id: collectivityId,
          programme_id: programmeId,
          axis_id: r.axisId,
          channel: 'workshop',
          call_id: null,
          event_id: eventId,
          author_user_id: null,
          title: r.title,
          body,
          lang,
          search_text: normalize(`${r.title} ${body}`),
          status: 'submitted',
          submitted_at: `${event.held_on}T12:00:00.000Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('proposal_step').values({ collectivity_id: collectivityId, proposal_id: row.id, at, status: 'submitted', actor_role: scope.actor.role }).execute();
      ids.push(row.id);
    }
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'participation_event',
      entityId: eventId,
      action: 'update',
      actor: scope.actor,
      changes: [{ field: 'proposals', before: null, after: rows.length }],
      public: true,
    });
    return ids;
  });
}
