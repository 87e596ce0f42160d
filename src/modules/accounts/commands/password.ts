// "Forgot password": a reset link by mail (1 h, single use), then a new password.
import type { Db } from '../../../platform/db/database.ts';
import { now } from '../../../platform/db/database.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { queueMail } from '../../../platform/mail/index.ts';
import { accountMail } from '../mails.tsx';
import { resetLink } from '../links.ts';
import { consumeToken, issueToken } from '../tokens.ts';
import { localeOfAccount, mayMail } from './registration.ts';

/** Mails a reset link if the address has an account; does nothing otherwise. The caller
 *  answers the same either way. */
export async function requestPasswordReset(db: Db, email: string, baseUrl: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'display_name', 'locale'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user || !(await mayMail(trx, email))) return;
    const locale = localeOfAccount(user.locale);
    const token = await issueToken(trx, user.id, 'reset');
    await queueMail(trx, accountMail({ kind: 'reset', to: email, locale, name: user.display_name, link: resetLink(baseUrl, locale, token) }));
  });
}

/**
 * Sets the new password if the link is live, in one transaction: the token is used, the other
 * reset links die, every session of the account ends (a thief's too), and the address counts
 * as verified (the person has just proved they read its mail).
 */
export async function resetPassword(db: Db, token: string, password: string): Promise<{ userId: number; email: string } | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
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
    await trx.deleteFrom('login_attempt').where('key', '=', `email:${user.email}`).execute();
    return { userId: used.userId, email: user.email };
  });
}
