// One-time tokens sent by mail (verify an address, reset a password). The mail holds the token;
// the table holds its SHA-256, so a database leak gives no usable link.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { now } from '../../platform/db/database.ts';

export type TokenPurpose = 'verify' | 'reset';

export const TOKEN_HOURS: Record<TokenPurpose, number> = { verify: 48, reset: 1 };

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new token; `nextPath` (verify only): the local page to return to once it is used. */
export async function issueToken(trx: Db, userId: number, purpose: TokenPurpose, nextPath: string | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const at = Date.now();
  await trx
    .insertInto('account_token')
    .values({
      id: digest(token),
      user_id: userId,
      purpose,
      created_at: new Date(at).toISOString(),
      expires_at: new Date(at + TOKEN_HOURS[purpose] * 3600_000).toISOString(),
      next_path: nextPath,
    })
    .execute();
  // spent and expired tokens of anyone are of no use: swept here, without a timer
  await trx.deleteFrom('account_token').where('expires_at', '<', new Date(at - 86_400_000).toISOString()).execute();
  return token;
}

/** The account a live token (unused, unexpired, of this purpose) belongs to, or null. */
export async function liveToken(db: Db, token: string, purpose: TokenPurpose): Promise<{ userId: number; next: string | null } | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('account_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.user_id', 't.next_path'])
    .where('t.id', '=', digest(token))
    .where('t.purpose', '=', purpose)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now())
    .where('u.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { userId: row.user_id, next: row.next_path } : null;
}

/** Uses a token once: the guarded update matches only while it is unused, so of two requests
 *  racing with the same link, one wins. Returns the account, or null. */
export async function consumeToken(trx: Db, token: string, purpose: TokenPurpose): Promise<{ userId: number; next: string | null } | null> {
  const live = await liveToken(trx, token, purpose);
  if (!live) return null;
  const r = await trx
    .updateTable('account_token')
    .set({ used_at: now() })
    .where('id', '=', digest(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? live : null;
}
