// "Forgot password": a reset link by mail (1 h, single use), then a new password. The same link
// is mailed, unasked, to the owner of an account whose logins are paused (login-throttle.ts).
import { clearLoginFailures } from '../../../platform/auth/login-throttle.ts';
import type { Db } from '../../../platform/db/database.ts';
import { now } from '../../../platform/db/database.ts';
import { hashPassword, passwordProblem } from '../../../platform/auth/passwords.ts';
import { queueMail } from '../../../platform/mail/index.ts';
import type { FieldErrors } from '../../../platform/validation.ts';
import { type AccountMailKind, accountMail } from '../mails.tsx';
import { resetLink } from '../links.ts';
import { consumeToken, issueToken, liveToken } from '../tokens.ts';
import { mayMailTo } from '../../../platform/mail/index.ts';
import { localeOfAccount } from './registration.ts';

async function mailResetLink(db: Db, email: string, baseUrl: string, kind: AccountMailKind): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'locale'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user || !(await mayMailTo(trx, email))) return;
    const locale = localeOfAccount(user.locale);
    const token = await issueToken(trx, user.id, 'reset');
    await queueMail(trx, accountMail({ kind, to: email, locale, link: resetLink(baseUrl, locale, token) }));
  });
}

/** Mails a reset link if the address has an account; does nothing otherwise. The caller
 *  answers the same either way. */
export const requestPasswordReset = (db: Db, email: string, baseUrl: string) => mailResetLink(db, email, baseUrl, 'reset');

/** Tells the owner that logins to their account are paused, with a link to choose a new password. */
export const mailUnlockLink = (db: Db, email: string, baseUrl: string) => mailResetLink(db, email, baseUrl, 'unlock');

export type ResetResult = { ok: true; userId: number; email: string } | { ok: false; invalidLink: true } | { ok: false; errors: FieldErrors };

/**
 * Sets the new password if the link is live and the password is not the account's address or
 * name, in one transaction: the token is used, the other reset links die, every session of the
 * account ends (a thief's too), its login failures are forgotten, and the address counts as
 * verified (the person has just proved they read its mail).
 */
export async function resetPassword(db: Db, token: string, password: string): Promise<ResetResult> {
  const live = await liveToken(db, token, 'reset');
  if (!live) return { ok: false, invalidLink: true };
  const owner = await db.selectFrom('app_user').select(['email', 'display_name']).where('id', '=', live.userId).executeTakeFirstOrThrow();
  const problem = passwordProblem(password, { email: owner.email, name: owner.display_name });
  if (problem) return { ok: false, errors: { password: { key: problem } } };
  const passwordHash = await hashPassword(password);
  const done = await db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, token, 'reset');
    if (!used) return null;
    const at = now();
    const user = await trx.selectFrom('app_user').select(['email', 'email_verified_at']).where('id', '=', used.userId).executeTakeFirstOrThrow();
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, email_verified_at: user.email_verified_at ?? at })
      .where('id', '=', used.userId)
      .execute();
    await trx
      .updateTable('account_token')
      .set({ used_at: at })
      .where('user_id', '=', used.userId)
      .where('purpose', '=', 'reset')
      .where('used_at', 'is', null)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', used.userId).execute();
    await clearLoginFailures(trx, user.email);
    return { userId: used.userId, email: user.email };
  });
  return done ? { ok: true, ...done } : { ok: false, invalidLink: true };
}
