// Number and date formatting with Western digits; calendar dates are YYYY-MM-DD strings.
import { type Locale, intlLocale, remembered } from './i18n.ts';

/** per locale and most fraction digits: making a formatter costs tens of microseconds */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

export const TIME_ZONE = 'Africa/Casablanca';

export function formatNumber(locale: Locale, n: number, fractionDigits = 2): string {
  const key = `${locale}${fractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: fractionDigits })));
  return f.format(n);
}

/** Dates already written, per locale and input: Intl takes about a microsecond a date, and a
 *  programme page writes dozens (every activity's dates, every line of its history). */
const written = new Map<string, string>();

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** The month of a calendar date or month (YYYY-MM…) in words: 'long' "décembre 2024", 'short'
 *  "déc. 24". Making a formatter costs tens of microseconds, writing a month one. */
export function formatMonth(locale: Locale, month: string, style: 'long' | 'short' = 'long'): string {
  const ym = month.slice(0, 7);
  return remembered(written, `m${style}${locale}${ym}`, () => {
    const key = `${locale}${style}`;
    let f = monthFormats.get(key);
    if (!f) {
      const options: Intl.DateTimeFormatOptions = style === 'long' ? { month: 'long', year: 'numeric' } : { month: 'short', year: '2-digit' };
      monthFormats.set(key, (f = new Intl.DateTimeFormat(intlLocale[locale], { ...options, timeZone: 'UTC' })));
    }
    return f.format(new Date(`${ym}-01T00:00:00Z`));
  });
}

/** A calendar date (YYYY-MM-DD) in words, e.g. "31 décembre 2024". */
export function formatDate(locale: Locale, isoDate: string): string {
  return remembered(written, `d${locale}${isoDate}`, () => {
    let f = dateFormats.get(locale);
    if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' })));
    return f.format(new Date(`${isoDate}T00:00:00Z`));
  });
}

/** An instant (ISO timestamp) in Casablanca time: the date as formatDate writes it, then the
 *  time ("1 فبراير 2025 في 10:00"), so a page never mixes "01/02/2025" with "1 فبراير 2025". */
export function formatDateTime(locale: Locale, iso: string): string {
  return remembered(written, `t${locale}${iso}`, () => {
    let f = dateTimeFormats.get(locale);
    if (!f) {
      f = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
      dateTimeFormats.set(locale, f);
    }
    return f.format(new Date(iso));
  });
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

let today = { value: '', until: 0 };

/** The Casablanca day of each hour of UTC already asked: an hour lies in one day, Morocco's
 *  offsets from UTC being whole hours (since 1913), and lists and metrics ask for hundreds of
 *  instants a page, a few microseconds of Intl each. */
const daysByHour = new Map<number, string>();

/** Today's date in Casablanca, as YYYY-MM-DD, or the date of the instant `at`. Without an argument
 *  it is memoized for one second: it is part of every cached page's key, and Intl formatting is
 *  not free. */
export function todayInCasablanca(at?: Date): string {
  if (at) {
    const hour = Math.floor(at.getTime() / 3_600_000);
    let day = daysByHour.get(hour);
    if (day === undefined) {
      day = isoDay.format(at);
      if (daysByHour.size >= 20_000) daysByHour.clear();
      daysByHour.set(hour, day);
    }
    return day;
  }
  const now = Date.now();
  // a clock set back (tests, NTP) would otherwise keep a day that has not come yet
  if (now >= today.until || now < today.until - 1000) today = { value: isoDay.format(now), until: now + 1000 };
  return today.value;
}

/** Casablanca wall-clock time ('YYYY-MM-DDTHH:mm', as an <input type="datetime-local"> posts it)
 *  to an ISO instant. The offset is read from the time-zone data (UTC+1, UTC+0 during Ramadan). */
export function casablancaToIso(local: string): string {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(guess);
  return new Date(guess).toISOString();
}

/** An ISO instant as Casablanca wall-clock time 'YYYY-MM-DDTHH:mm' (for a datetime-local input). */
export function isoToCasablanca(iso: string): string {
  const at = Date.parse(iso);
  return new Date(at + offsetAt(at)).toISOString().slice(0, 16);
}

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Casablanca's offset from UTC at an instant, in ms. */
function offsetAt(at: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}
