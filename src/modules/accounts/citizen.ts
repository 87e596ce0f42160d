// Who is acting on a public page: for modules whose citizens propose, comment, vote or register.
// request.user is read with the session cookie (platform/auth), with the account's kind, language
// and whether its address is verified: acting as a citizen costs no query of its own.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { accountPath } from './links.ts';
import type { AccountKind } from './schema.ts';
import { localeOfAccount } from './commands/registration.ts';

export interface Citizen {
  id: number;
  email: string;
  displayName: string;
  /** a person, or an association acting as an organisation */
  kind: AccountKind;
  /** the language of the mails sent to the account */
  locale: Locale;
  /** the address is verified (staff accounts, made by an administrator, count as verified) */
  verified: boolean;
}

/** The signed-in account, or null (anonymous visitor). An account deleted meanwhile has no
 *  session left (platform/auth/sessions.ts reads the account with the session). */
export async function currentCitizen(request: FastifyRequest): Promise<Citizen | null> {
  const u = request.user;
  if (!u) return null;
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    kind: u.accountKind === 'association' ? 'association' : 'person',
    locale: localeOfAccount(u.locale),
    verified: u.emailVerified || u.grants.length > 0,
  };
}

/**
 * The signed-in account with a verified address, or null after sending a redirect: to the
 * login page (coming back to `next` afterwards, by default this page for a GET), or to the
 * page that asks to verify the address. Each with a message in the page's language.
 *
 *   const citizen = await requireVerifiedCitizen(request, reply);
 *   if (!citizen) return reply;
 */
export async function requireVerifiedCitizen(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { next?: string } = {},
): Promise<Citizen | null> {
  const citizen = await currentCitizen(request);
  const locale = request.locale;
  if (!citizen) {
    const next = options.next ?? (request.method === 'GET' ? request.url : undefined);
    reply.redirectWithFlash(accountPath(locale, `/login${next ? `?next=${encodeURIComponent(next)}` : ''}`), 'accounts.flash.loginRequired');
    return null;
  }
  if (!citizen.verified) {
    // the page they were on goes with the new link, to come back to once verified
    const next = options.next ?? (request.method === 'GET' ? request.url : undefined);
    reply.redirectWithFlash(accountPath(locale, `/verify-email${next ? `?next=${encodeURIComponent(next)}` : ''}`), 'accounts.flash.verifyRequired');
    return null;
  }
  return citizen;
}
