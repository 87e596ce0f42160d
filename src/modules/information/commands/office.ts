// The information office of a collectivity (law 31.13, art. 12): the person in charge — a staff
// account of this collectivity, reminded of deadlines, named in public with a title — and the
// office's address, hours, e-mail and phone. One row per collectivity, saved by an upsert.
import { type Actor, diff, loggedColumns, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import type { OfficeInput } from '../schema.ts';
import '../tables.ts';

const plain = ['officer_user_id', 'officer_name', 'email', 'phone'] as const;
const texts = ['officer_title', 'address', 'hours'] as const;

/** The collectivity's team (accounts with a role in it), as the person in charge is chosen from. */
export const teamOf = (db: Db, collectivityId: number) =>
  db
    .selectFrom('role_assignment as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name', 'u.email'])
    .distinct()
    .where('r.collectivity_id', '=', collectivityId)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();

export async function saveOffice(db: Db, scope: { actor: Actor; collectivityId: number }, input: OfficeInput): Promise<CommandResult<void>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    if (input.officer_user_id !== null) {
      // the person in charge belongs to this collectivity's team, checked in the transaction
      const member = await trx.selectFrom('role_assignment').select('id').where('collectivity_id', '=', scope.collectivityId).where('user_id', '=', input.officer_user_id).executeTakeFirst();
      if (!member) rollbackWith({ officer_user_id: { key: 'information.office.errors.notInTeam' } });
    }
    const before = await trx.selectFrom('information_office').selectAll().where('collectivity_id', '=', scope.collectivityId).executeTakeFirst();
    const at = now();
    await trx
      .insertInto('information_office')
      .values({ collectivity_id: scope.collectivityId, ...input, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('collectivity_id').doUpdateSet({ ...input, is_example: 0, updated_at: at }))
      .execute();
    await recordChange(trx, {
      collectivityId: scope.collectivityId, programmeId: null, entityType: 'information_office', entityId: scope.collectivityId, action: before ? 'update' : 'create', actor: scope.actor, public: false,
      changes: diff(before ? loggedColumns(before, plain, texts) : {}, loggedColumns(input, plain, texts)),
    });
  }, { planUnchanged: true });
}
