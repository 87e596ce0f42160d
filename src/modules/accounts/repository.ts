// Reads of accounts. A deleted account is never found by these.
import type { Db } from '../../platform/db/database.ts';
import type { PersonRef } from '../../platform/personal-data.ts';
import { accountCounterKeys } from '../../platform/auth/login-throttle.ts';

export async function accountById(db: Db, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'account_kind', 'email_verified_at', 'gender', 'age_band', 'neighbourhood', 'locale', 'created_at'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
export type AccountRow = NonNullable<Awaited<ReturnType<typeof accountById>>>;

export async function accountForLogin(db: Db, email: string) {
  return db.selectFrom('app_user').select(['id', 'password_hash']).where('email', '=', email).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function passwordHashOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** The platform's part of "download my data": the account, its roles, sessions and the
 *  login attempts counted against it (never a password hash or a token). */
export async function accountPersonalData(db: Db, person: PersonRef) {
  const a = await accountById(db, person.id);
  if (!a) return null;
  const [roles, sessions, failures] = await Promise.all([
    db
      .selectFrom('role_assignment as r')
      .leftJoin('collectivity as c', 'c.id', 'r.collectivity_id')
      .select(['r.role', 'c.slug'])
      .where('r.user_id', '=', person.id)
      .execute(),
    db.selectFrom('user_session').select(['created_at', 'expires_at']).where('user_id', '=', person.id).orderBy('created_at').execute(),
    db.selectFrom('rate_counter').select(['window_start', 'n']).where('key', '=', accountCounterKeys(a.email).account).orderBy('window_start').execute(),
  ]);
  return {
    email: a.email,
    emailVerifiedAt: a.email_verified_at,
    displayName: a.display_name,
    kind: a.account_kind,
    gender: a.gender,
    ageBand: a.age_band,
    neighbourhood: a.neighbourhood,
    locale: a.locale,
    createdAt: a.created_at,
    roles: roles.map((r) => ({ role: r.role, collectivity: r.slug })),
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    // login attempts counted against the account, by hour (the counters keep no finer time)
    loginAttempts: failures.map((f) => ({ hourStarting: f.window_start, attempts: Number(f.n) })),
  };
}
