// A collectivity's team: who holds which staff role there. The focal point removes roles;
// roles are granted by invitation only (invitations.ts): the person accepts them.
import type { Db } from '../db/database.ts';
import { recordChange } from '../audit.ts';
import { rollbackWith, tenantTransaction } from '../commands.ts';
import type { Actor } from '../audit.ts';
import type { Role } from './roles.ts';

export interface TeamMember {
  grantId: number;
  userId: number;
  email: string;
  displayName: string;
  role: Role;
}

export async function listTeam(db: Db, collectivityId: number): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom('role_assignment as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.id as grantId', 'u.id as userId', 'u.email', 'u.display_name as displayName', 'r.role'])
    .where('r.collectivity_id', '=', collectivityId)
    .where('u.deleted_at', 'is', null)
    .orderBy('r.role')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** Removes a grant of this collectivity. Nobody removes their own grant: an admin cannot lock
 *  the collectivity out of its own back office by mistake. */
export async function revokeTeamRole(db: Db, actor: Actor, collectivityId: number, grantId: number) {
  return tenantTransaction(db, collectivityId, async (trx) => {
    const grant = await trx
      .selectFrom('role_assignment as r')
      .innerJoin('app_user as u', 'u.id', 'r.user_id')
      .select(['r.id', 'r.user_id', 'r.role', 'u.email'])
      .where('r.id', '=', grantId)
      .where('r.collectivity_id', '=', collectivityId)
      .executeTakeFirst();
    if (!grant) rollbackWith({ grant: { key: 'team.errors.notFound' } });
    if (grant!.user_id === actor.userId) rollbackWith({ grant: { key: 'team.errors.ownRole' } });
    await trx.deleteFrom('role_assignment').where('id', '=', grantId).where('collectivity_id', '=', collectivityId).execute();
    await recordChange(trx, {
      collectivityId, programmeId: null, entityType: 'role_assignment', entityId: grantId, action: 'delete', actor,
      changes: [{ field: 'role', before: `${grant!.role}: ${grant!.email}`, after: null }], public: false,
    });
    return grantId;
  });
}
