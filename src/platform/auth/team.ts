// A collectivity's team: who holds which staff role there. A collectivity admin grants roles to
// existing accounts (the person signs up first, so their address is verified) and removes them.
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

/** Grants the role to the account with this address; refused when there is no such verified
 *  account or when it already holds the role here. */
export async function grantTeamRole(db: Db, actor: Actor, collectivityId: number, input: { email: string; role: Role }) {
  return tenantTransaction(db, collectivityId, async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'email_verified_at'])
      .where('email', '=', input.email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) rollbackWith({ email: { key: 'team.errors.noAccount' } });
    if (!user!.email_verified_at) rollbackWith({ email: { key: 'team.errors.unverified' } });
    const has = await trx
      .selectFrom('role_assignment')
      .select('id')
      .where('user_id', '=', user!.id)
      .where('role', '=', input.role)
      .where('collectivity_id', '=', collectivityId)
      .executeTakeFirst();
    if (has) rollbackWith({ role: { key: 'team.errors.alreadyHasRole' } });
    const row = await trx
      .insertInto('role_assignment')
      .values({ user_id: user!.id, role: input.role, collectivity_id: collectivityId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId, programmeId: null, entityType: 'role_assignment', entityId: row.id, action: 'create', actor,
      changes: [{ field: 'role', before: null, after: `${input.role}: ${input.email}` }], public: false,
    });
    return row.id;
  });
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
