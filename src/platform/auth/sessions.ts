// Sessions live in the database so that any app instance can serve any request. The cookie
// holds a random token; the table holds its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';
import type { CurrentUser, Role } from './roles.ts';

export const SESSION_COOKIE = 'infitah_session';
const SESSION_DAYS = 14;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: number): Promise<{ token: string; expires: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto('user_session')
    .values({ id: digest(token), user_id: userId, created_at: now(), expires_at: expires.toISOString() })
    .execute();
  // Expired sessions are swept here rather than by a timer: no state or jobs outside the database.
  await db.deleteFrom('user_session').where('expires_at', '<', now()).execute();
  return { token, expires };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', digest(token)).execute();
}

/** The session's account and its roles, in one query: every signed-in request (each citizen's
 *  write, each staff page) starts with it. */
export async function userFromSession(db: Db, token: string | undefined): Promise<CurrentUser | null> {
  if (!token) return null;
  // one row per role, or one row with null role for an account without any
  const rows = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('role_assignment as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.account_kind', 'u.locale', 'u.email_verified_at', 'r.role', 'r.collectivity_id'])
    .where('s.id', '=', digest(token))
    .where('s.expires_at', '>', now())
    .where('u.deleted_at', 'is', null)
    .execute();
  if (rows.length === 0) return null;
  const [u] = rows;
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    accountKind: u.account_kind,
    locale: u.locale,
    emailVerified: u.email_verified_at !== null,
    grants: rows.filter((r) => r.role !== null).map((r) => ({ role: r.role as Role, collectivityId: r.collectivity_id })),
  };
}
