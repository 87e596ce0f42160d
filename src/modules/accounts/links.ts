// Addresses of the account pages, relative (pages) or absolute from BASE_URL (mails).
import type { Locale } from '../../platform/i18n/i18n.ts';

export const accountPath = (locale: Locale, rest = '') => `/${locale}/account${rest}`;

export const verifyLink = (baseUrl: string, locale: Locale, token: string) =>
  `${baseUrl}${accountPath(locale, '/verify')}?token=${encodeURIComponent(token)}`;

export const resetLink = (baseUrl: string, locale: Locale, token: string) =>
  `${baseUrl}${accountPath(locale, '/reset-password')}?token=${encodeURIComponent(token)}`;

/** Only a path of this site's public pages is followed after login (no open redirect). */
export function safeNext(next: unknown, locale: Locale): string {
  if (typeof next === 'string' && /^\/(ar|fr|en)\/[\w\-/?=&%.]*$/.test(next) && !next.startsWith('//')) return next;
  return accountPath(locale);
}
