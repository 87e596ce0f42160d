// Signing up and verifying the address. Each command is one transaction that also queues its
// mail (the caller triggers delivery once it has committed).
import type { Db } from '../../../platform/db/database.ts';
import { now, isUniqueViolation } from '../../../platform/db/database.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { type Locale, isLocale } from '../../../platform/i18n/i18n.ts';
import { mayMailTo, queueMail } from '../../../platform/mail/index.ts';
import { type Limit, type Usage, consume, peek } from '../../../platform/rate-limit.ts';
import { accountMail } from '../mails.tsx';
import { accountPath, verifyLink } from '../links.ts';
import type { SignUpInput } from '../schema.ts';
import { consumeToken, issueToken } from '../tokens.ts';

export const localeOfAccount = (value: string): Locale => (isLocale(value) ? value : 'ar');

/** Sign-ups from one address in an hour; all sign-ups in an hour come from SIGNUP_MAX_PER_HOUR. */
export const SIGNUPS_PER_ADDRESS_PER_HOUR = 5;

export type SignUpRefusal = { reason: 'address' | 'everyone'; minutes: number };

const signUpLimits = (ip: string, perHour: number): ['address' | 'everyone', Limit][] => [
  ['address', { key: `signup:ip:${ip}`, max: SIGNUPS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 }],
  ['everyone', { key: 'signup:all', max: perHour, windowSeconds: 3600 }],
];

const refusal = (reason: SignUpRefusal['reason'], usage: Usage): SignUpRefusal => ({ reason, minutes: Math.ceil(usage.retryAfterSeconds / 60) });

class Refused extends Error {
  constructor(readonly refusal: SignUpRefusal) {
    super('sign-up limit');
  }
}

/**
 * Creates an unverified account and mails a verification link (48 h). When the address already
 * has an account, nothing is created and its owner gets a mail saying so (with a link to log
 * in or reset the password): the answer on the page is the same, so the form does not tell
 * who has an account. Limited per client address and for everyone (each mail goes to an address
 * the visitor chose); returns the refusal, or null once done.
 */
export async function signUp(
  db: Db,
  input: SignUpInput,
  context: { locale: Locale; baseUrl: string; ip: string; maxPerHour: number; next?: string | null },
): Promise<SignUpRefusal | null> {
  const limits = signUpLimits(context.ip, context.maxPerHour);
  // a look first, so that a refused burst costs no password hashing; the count below decides
  for (const [reason, limit] of limits) {
    const usage = await peek(db, limit);
    if (!usage.allowed) return refusal(reason, usage);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    await db.transaction().execute(async (trx) => {
      for (const [reason, limit] of limits) {
        const usage = await consume(trx, limit);
        if (!usage.allowed) throw new Refused(refusal(reason, usage));
      }
      const existing = await trx
        .selectFrom('app_user')
        .select(['id', 'locale'])
        .where('email', '=', input.email)
        .executeTakeFirst();
      if (existing) {
        if (!(await mayMailTo(trx, input.email))) return;
        const locale = localeOfAccount(existing.locale);
        await queueMail(
          trx,
          accountMail({
            kind: 'alreadyRegistered',
            to: input.email,
            locale,
            link: `${context.baseUrl}${accountPath(locale, '/login')}`,
            secondLink: `${context.baseUrl}${accountPath(locale, '/forgot-password')}`,
          }),
        );
        return;
      }
      const user = await trx
        .insertInto('app_user')
        .values({
          email: input.email,
          password_hash: passwordHash,
          display_name: input.display_name,
          created_at: now(),
          account_kind: input.kind,
          gender: input.gender,
          age_band: input.age_band,
          neighbourhood: input.neighbourhood,
          locale: context.locale,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // a new address has had no mail: this one only counts, for the next ones to it
      await mayMailTo(trx, input.email);
      // the page to come back to is kept with the token, not put in the mail
      const token = await issueToken(trx, user.id, 'verify', context.next ?? null);
      await queueMail(trx, accountMail({ kind: 'verify', to: input.email, locale: context.locale, link: verifyLink(context.baseUrl, context.locale, token) }));
    });
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    // the same address signed up twice at the same moment: the other request created it
    if (!isUniqueViolation(e)) throw e;
  }
  return null;
}

/** A new verification link for a signed-in, unverified account (at most a few an hour). */
export async function resendVerification(db: Db, userId: number, baseUrl: string, next: string | null = null): Promise<'sent' | 'verified' | 'throttled'> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['email', 'locale', 'email_verified_at'])
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (user.email_verified_at) return 'verified';
    if (!(await mayMailTo(trx, user.email))) return 'throttled';
    const locale = localeOfAccount(user.locale);
    const token = await issueToken(trx, userId, 'verify', next);
    await queueMail(trx, accountMail({ kind: 'verify', to: user.email, locale, link: verifyLink(baseUrl, locale, token) }));
    return 'sent';
  });
}

/** Marks the address verified, if the link is live (unused, under 48 h old); returns the account
 *  and the page the person was on when the link was asked for. */
export async function verifyEmail(db: Db, token: string): Promise<{ userId: number; next: string | null } | null> {
  return db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, token, 'verify');
    if (!used) return null;
    await trx
      .updateTable('app_user')
      .set({ email_verified_at: now() })
      .where('id', '=', used.userId)
      .where('email_verified_at', 'is', null)
      .execute();
    return used;
  });
}
