// Number and date formatting with Western digits; calendar dates are YYYY-MM-DD strings.
import { type Locale, intlLocale } from './i18n.ts';

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

export const TIME_ZONE = 'Africa/Casablanca';

export function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 2 })));
  return f.format(n);
}

/** A calendar date (YYYY-MM-DD) in words, e.g. "31 décembre 2024". */
export function formatDate(locale: Locale, isoDate: string): string {
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' })));
  return f.format(new Date(`${isoDate}T00:00:00Z`));
}

/** An instant (ISO timestamp) in Casablanca time. */
export function formatDateTime(locale: Locale, iso: string): string {
  let f = dateTimeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
    dateTimeFormats.set(locale, f);
  }
  return f.format(new Date(iso));
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

let today = { value: '', until: 0 };

/** Today's date in Casablanca, as YYYY-MM-DD. Without an argument it is memoized for one second:
 *  it is part of every cached page's key, and Intl formatting is not free. */
export function todayInCasablanca(at?: Date): string {
  if (at) return isoDay.format(at);
  const now = Date.now();
  if (now >= today.until) today = { value: isoDay.format(now), until: now + 1000 };
  return today.value;
}
