// Creates or edits a call for proposals. The window is entered in Casablanca time and stored as
// instants; the call is published (on the process page and the Atom feed) when saved.
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import type { CallInput } from '../schema.ts';
import type { Scope } from './events.ts';
import '../tables.ts';

export async function saveCall(db: Db, scope: Scope, id: number | null, input: CallInput): Promise<CommandResult<number> | null> {
  const { collectivityId, programmeId } = scope;
  const before = id === null ? null : await db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
  if (id !== null && !before) return null;
  const { opens_local, closes_local, channels, ...texts } = input;
  const values = { ...texts, opens_at: casablancaToIso(opens_local), closes_at: casablancaToIso(closes_local), channels: channels.join(',') };
  return tenantTransaction(db, collectivityId, async (trx) => {
    let callId = id;
    if (callId === null) {
      const row = await trx
        .insertInto('call_for_proposals')
        .values({ ...values, collectivity_id: collectivityId, programme_id: programmeId, published_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      callId = row.id;
    } else {
      await trx.updateTable('call_for_proposals').set(values).where('collectivity_id', '=', collectivityId).where('id', '=', callId).execute();
    }
    const snap = (r: Record<string, unknown>) => ({ opens_at: r.opens_at as string, closes_at: r.closes_at as string, channels: r.channels as string, title: r.title_ar as string });
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'call_for_proposals',
      entityId: callId,
      action: id === null ? 'create' : 'update',
      actor: scope.actor,
      changes: diff(before ? snap(before) : {}, snap(values)),
      public: true,
    });
    return callId;
  });
}
