// Creating staff accounts and granting roles (used by `infitah create-admin` and the demo).
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

export async function upsertUser(
  db: Db,
  input: { email: string; password: string; displayName: string; verified?: boolean },
): Promise<{ id: number; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) {
    await db
      .updateTable('app_user')
      .set({ password_hash: passwordHash, display_name: input.displayName })
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto('app_user')
    // an operator who creates a staff account (CLI, demo) vouches for its address
    .values({ email, password_hash: passwordHash, display_name: input.displayName, created_at: now(), email_verified_at: input.verified ? now() : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export async function grantRole(db: Db, userId: number, role: Role, collectivityId: number | null): Promise<void> {
  const scope = role === 'network_admin' ? null : collectivityId;
  const has = await db
    .selectFrom('role_assignment')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where((eb) => (scope === null ? eb('collectivity_id', 'is', null) : eb('collectivity_id', '=', scope)))
    .executeTakeFirst();
  if (!has) await db.insertInto('role_assignment').values({ user_id: userId, role, collectivity_id: scope }).execute();
}
