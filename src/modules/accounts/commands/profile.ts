// Editing one's profile, and deleting one's account (the row stays, anonymised, so that what
// the person contributed keeps its place without naming them).
import { randomBytes } from 'node:crypto';
import { recordChange } from '../../../platform/audit.ts';
import type { Role } from '../../../platform/auth/roles.ts';
import { type CommandResult, invalid, ok } from '../../../platform/commands.ts';
import type { Db } from '../../../platform/db/database.ts';
import { now } from '../../../platform/db/database.ts';
import { refreshPagesNaming, runAccountDeletionHandlers } from '../../../platform/personal-data.ts';
import type { ProfileInput } from '../schema.ts';
import { clearLoginFailures } from '../../../platform/auth/login-throttle.ts';

export async function updateProfile(db: Db, userId: number, input: ProfileInput): Promise<CommandResult<void>> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('app_user').select(['email', 'account_kind', 'display_name']).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const person = user.account_kind === 'person';
    // the name is shown on public pages (comments): those are cached on every instance
    if (user.display_name !== input.display_name) await refreshPagesNaming(trx, { id: userId, email: user.email });
    await trx
      .updateTable('app_user')
      .set({
        display_name: input.display_name,
        gender: person ? input.gender : null,
        age_band: person ? input.age_band : null,
        neighbourhood: input.neighbourhood,
        locale: input.locale,
      })
      .where('id', '=', userId)
      .execute();
  });
  return ok(undefined);
}

/** The address a deleted account keeps: unique, and it can receive no mail (.invalid). */
const placeholderEmail = (userId: number) => `deleted-${userId}-${randomBytes(6).toString('hex')}@deleted.invalid`;

/**
 * Anonymises the account in one transaction: every module's deletion handler runs first (with
 * the real address), then the person's roles, sessions, links and login records go, and the row
 * keeps only its id, kind and dates. A network administrator's account is refused.
 */
export async function deleteAccount(db: Db, userId: number): Promise<CommandResult<void>> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('app_user').select(['id', 'email']).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!user) return invalid({ password: { key: 'accounts.errors.alreadyDeleted' } });
    // A role was accepted, so it is given up with the account (noted in each collectivity's
    // change log); only a network administrator, whom nothing here can replace, is refused.
    const grants = await trx.selectFrom('role_assignment').select(['id', 'role', 'collectivity_id']).where('user_id', '=', userId).execute();
    if (grants.some((g) => g.role === 'network_admin')) return invalid({ password: { key: 'accounts.errors.staffAccount' } });
    for (const g of grants) {
      await recordChange(trx, {
        collectivityId: g.collectivity_id!, programmeId: null, entityType: 'role_assignment', entityId: g.id, action: 'delete',
        actor: { userId, role: g.role as Role }, changes: [{ field: 'role', before: g.role, after: null }], public: false,
      });
    }
    await trx.deleteFrom('role_assignment').where('user_id', '=', userId).execute();
    // before the handlers, which may delete the rows that say where the name is shown
    await refreshPagesNaming(trx, { id: user.id, email: user.email });
    await runAccountDeletionHandlers(trx, { id: user.id, email: user.email });
    await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await trx.deleteFrom('account_token').where('user_id', '=', userId).execute();
    await clearLoginFailures(trx, user.email);
    await trx
      .updateTable('app_user')
      .set({
        email: placeholderEmail(userId),
        password_hash: '',
        display_name: '',
        email_verified_at: null,
        gender: null,
        age_band: null,
        neighbourhood: null,
        deleted_at: now(),
      })
      .where('id', '=', userId)
      .execute();
    return ok(undefined);
  });
}
