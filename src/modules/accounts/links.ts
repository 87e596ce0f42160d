// Addresses of the account pages, relative (pages) or absolute from BASE_URL (mails).
import type { Locale } from '../../platform/i18n/i18n.ts';

export const accountPath = (locale: Locale, rest = '') => `/${locale}/account${rest}`;

export const verifyLink = (baseUrl: string, locale: Locale, token: string) =>
  `${baseUrl}${accountPath(locale, '/verify')}?token=${encodeURIComponent(token)}`;

export const resetLink = (baseUrl: string, locale: Locale, token: string) =>
  `${baseUrl}${accountPath(locale, '/reset-password')}?token=${encodeURIComponent(token)}`;

/** A path of this site's public pages, or null: only such a path is followed after login or
 *  verification (no open redirect: no scheme, no host, no `//`, no backslash). */
export function localPath(next: unknown): string | null {
  if (typeof next === 'string' && next.length <= 500 && /^\/(ar|fr|en)\/[\w\-/?=&%.]*$/.test(next) && !next.includes('//')) return next;
  return null;
}

export function safeNext(next: unknown, locale: Locale): string {
  return localPath(next) ?? accountPath(locale);
}
