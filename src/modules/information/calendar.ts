// Working days in the Casablanca calendar: weekends and public holidays are skipped. The weekend
// and the holidays come from the database (the network's rules and `public_holiday`), never from
// constants here, so that the network administrator keeps them true each year. Dates are calendar
// days as YYYY-MM-DD strings, computed in UTC arithmetic (a date has no time zone).
import type { Db } from '../../platform/db/database.ts';
import type { InformationRulesRow } from './tables.ts';
import './tables.ts';

export interface WorkCalendar {
  /** ISO weekdays off (1 = Monday … 7 = Sunday) */
  weekend: ReadonlySet<number>;
  /** every year on MM-DD, from `fromYear` on when set */
  fixed: readonly { monthDay: string; fromYear: number | null }[];
  /** single days (Islamic holidays, exceptional days off) */
  dated: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** `date` moved by `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  return toDate(toTime(date) + n * DAY_MS);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(toTime(date)).getUTCDay() || 7;
}

export function isHoliday(calendar: WorkCalendar, date: string): boolean {
  if (calendar.dated.has(date)) return true;
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  return calendar.fixed.some((h) => h.monthDay === monthDay && (h.fromYear === null || year >= h.fromYear));
}

export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  return !calendar.weekend.has(isoWeekday(date)) && !isHoliday(calendar, date);
}

/**
 * The n-th working day after `from` (the day of receipt itself is not counted: a request received
 * on a Monday with 3 days is due on Thursday). With n = 0, `from` itself.
 */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): string {
  if (calendar.weekend.size >= 7) throw new Error('the calendar has no working day');
  let date = from;
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(calendar, date)) left--;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`): the time a
 *  request took, counted as its deadline is. */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (isWorkingDay(calendar, date)) n++;
  return n;
}

/** The calendar of one set of rules and holidays (pure: tests build it by hand). */
export function workCalendar(weekend: string, holidays: { kind: string; month_day: string | null; from_year: number | null; on_date: string | null }[]): WorkCalendar {
  return {
    weekend: new Set(weekend.split(',').map((d) => Number(d.trim())).filter((d) => d >= 1 && d <= 7)),
    fixed: holidays.filter((h) => h.kind === 'fixed' && h.month_day).map((h) => ({ monthDay: h.month_day!, fromYear: h.from_year })),
    dated: new Set(holidays.filter((h) => h.kind === 'dated' && h.on_date).map((h) => h.on_date!)),
  };
}

export interface Rules {
  row: InformationRulesRow;
  calendar: WorkCalendar;
  /** working days before a deadline on which the person in charge is reminded, largest first */
  reminderDays: number[];
}

/** The network's rules and calendar, as the database holds them now (two small reads). */
export async function loadRules(db: Db): Promise<Rules> {
  const [row, holidays] = await Promise.all([
    db.selectFrom('information_rules').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    db.selectFrom('public_holiday').select(['kind', 'month_day', 'from_year', 'on_date']).execute(),
  ]);
  const reminderDays = row.reminder_days
    .split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d > 0)
    .sort((a, b) => b - a);
  return { row, calendar: workCalendar(row.weekend, holidays), reminderDays };
}
