// The calendar days (Casablanca) a programme's indicators count, for the modules' metrics: from
// 1 January of its first year; to the end of its last year once it is no longer current (the
// current programme keeps counting until the next one takes over, as dialogue's programmeWindow),
// and never past today: a day typed ahead is not a fact yet.
import type { Db } from '../platform/db/database.ts';
import { todayInCasablanca } from '../platform/i18n/format.ts';
import type { MetricScope } from './manifest.ts';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The days [from, to) of the scope's programme up to today; null when there is no such programme. */
export async function programmeDays(db: Db, scope: MetricScope): Promise<{ from: string; to: string; today: string } | null> {
  const p = await db.selectFrom('programme').select(['start_year', 'end_year', 'is_current']).where('collectivity_id', '=', scope.collectivityId).where('id', '=', scope.programmeId).executeTakeFirst();
  if (!p) return null;
  const today = todayInCasablanca();
  const tomorrow = nextDay(today);
  const end = Number(p.is_current) === 1 ? null : `${p.end_year + 1}-01-01`;
  return { from: `${p.start_year}-01-01`, to: end !== null && end <= tomorrow ? end : tomorrow, today };
}
