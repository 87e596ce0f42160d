// Login throttling that slows a password guesser without handing them the owner's account.
//
// Every attempt is counted before the password is checked (increment-then-check, on the atomic
// counters of platform/rate-limit.ts), so a burst of parallel guesses on any number of instances
// gets no more checks than the limit. A right password gives its attempt back. Three counts:
// - per account and address: 5 in 15 minutes. A guesser at one address is stopped there, while
//   the owner, from any other address, still logs in;
// - per address: 30 in 15 minutes, whatever the accounts (one address trying many accounts);
// - per account from all addresses: 100 an hour. Only guessing from many addresses at once gets
//   there; then the password alone no longer opens the account for a while, and its owner is
//   mailed (once an hour) a link to choose a new password, which opens it again at once.
// Counters hold a digest of the address, not the address itself (they are swept after two days).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { type Limit, consume, giveBack, reset } from '../rate-limit.ts';
import { verifyPassword } from './passwords.ts';

const QUARTER = 15 * 60;
export const LOGIN_LIMITS = { pair: 5, address: 30, account: 100 } as const;

const digest = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 32);

/** The counters that name this account: its login attempts from all addresses (`account`), and
 *  per address (keys starting with `pairPrefix`). For "download my data" and account deletion. */
export function accountCounterKeys(email: string) {
  const account = digest(email);
  return { account: `login:account:${account}`, pairPrefix: `login:pair:${account}:` };
}

function limitsFor(email: string, ip: string): Record<'pair' | 'address' | 'account', Limit> {
  const account = digest(email);
  return {
    pair: { key: `login:pair:${account}:${ip}`, max: LOGIN_LIMITS.pair, windowSeconds: QUARTER },
    address: { key: `login:ip:${ip}`, max: LOGIN_LIMITS.address, windowSeconds: QUARTER },
    account: { key: `login:account:${account}`, max: LOGIN_LIMITS.account, windowSeconds: 3600 },
  };
}

export type LoginAttempt =
  | { outcome: 'ok' }
  | { outcome: 'wrong' }
  /** `account`: the account's own ceiling, which only a mailed link lifts early */
  | { outcome: 'throttled'; reason: 'pair' | 'address' | 'account'; minutes: number };

/** What mails the owner of an account that reached its ceiling a link to get back in (the
 *  accounts module registers it: the platform does not know its mails). */
type OwnerAlert = (app: FastifyInstance, email: string) => Promise<void>;
let ownerAlert: OwnerAlert | null = null;
export const registerOwnerAlert = (alert: OwnerAlert) => void (ownerAlert = alert);

/**
 * Counts one attempt at `email` from `ip`, then checks the password against `storedHash` (null
 * when there is no such account: checked against a dummy hash all the same) unless a limit is
 * over. Used by every form that takes a password: staff login, citizen login, account deletion.
 */
export async function attemptPassword(app: FastifyInstance, who: { email: string; ip: string }, storedHash: string | null, password: string): Promise<LoginAttempt> {
  const limits = limitsFor(who.email, who.ip);
  for (const reason of ['pair', 'address', 'account'] as const) {
    const usage = await consume(app.db, limits[reason]);
    if (!usage.allowed) {
      if (reason === 'account') await alertOwnerOnce(app, who.email);
      return { outcome: 'throttled', reason, minutes: Math.ceil(usage.retryAfterSeconds / 60) };
    }
  }
  if (!(await verifyPassword(storedHash, password))) return { outcome: 'wrong' };
  // the owner is in: their address starts afresh, and the attempt counts against nothing
  await reset(app.db, limits.pair.key);
  await giveBack(app.db, limits.address);
  await giveBack(app.db, limits.account);
  return { outcome: 'ok' };
}

async function alertOwnerOnce(app: FastifyInstance, email: string) {
  if (!ownerAlert) return;
  const once = await consume(app.db, { key: `login:alert:${digest(email)}`, max: 1, windowSeconds: 3600 });
  if (once.allowed) await ownerAlert(app, email);
}

/** Forgets the failures counted against an account (its owner has just set a new password). */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  const counters = accountCounterKeys(email);
  await db.deleteFrom('rate_counter').where((eb) => eb.or([eb('key', '=', counters.account), eb('key', 'like', `${counters.pairPrefix}%`)])).execute();
}

/** The message of a refused attempt, as an i18n key and its values. */
export const throttledMessage = (attempt: { reason: 'pair' | 'address' | 'account'; minutes: number }): [string, Record<string, number>] =>
  attempt.reason === 'account' ? ['auth.accountPaused', {}] : ['auth.tooManyAttempts', { minutes: attempt.minutes }];
