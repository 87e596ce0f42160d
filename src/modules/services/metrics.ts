// The digital services' figures an indicator can follow (see Metric in ../manifest.ts), counted
// from the rows when read, over the programme's days (../metric-days.ts). Settat's project 3
// follows platforms_joined_share (monitoring) and documents_online (impact).
// - platforms_joined(_share): the platforms still offered (not retired) that the collectivity had
//   joined on each date — a point at the window's start (those joined before it), then one at each
//   joining within it; the share is of the platforms offered.
// - documents_online: requests processed online, summed up to each month's last day.
import type { Db } from '../../platform/db/database.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import { programmeDays } from '../metric-days.ts';
import './tables.ts';

async function joinedPoints(db: Db, scope: MetricScope): Promise<{ points: { date: string; joined: number }[]; offered: number } | null> {
  const w = await programmeDays(db, scope);
  if (!w || w.from >= w.to) return null;
  const [offered, joined] = await Promise.all([
    db.selectFrom('digital_platform').select((eb) => eb.fn.countAll<number | string>().as('n')).where('retired', '=', 0).executeTakeFirstOrThrow(),
    db
      .selectFrom('platform_membership as m')
      .innerJoin('digital_platform as p', 'p.id', 'm.platform_id')
      .select('m.joined_on')
      .where('m.collectivity_id', '=', scope.collectivityId)
      .where('m.joined', '=', 1)
      .where('p.retired', '=', 0)
      .execute(),
  ]);
  // a membership without a date counts from the start: it was joined before anyone wrote it down
  const dates = joined.map((m) => (m.joined_on === null || m.joined_on < w.from ? w.from : m.joined_on)).filter((d) => d < w.to);
  const byDate = new Map<string, number>([[w.from, 0]]);
  for (const d of dates) byDate.set(d, (byDate.get(d) ?? 0) + 1);
  let total = 0;
  const points = [...byDate.keys()].sort().map((date) => ({ date, joined: (total += byDate.get(date)!) }));
  return { points, offered: Number(offered.n) };
}

async function platformsJoined(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  return (await joinedPoints(db, scope))?.points.map((p) => ({ date: p.date, value: p.joined })) ?? [];
}

async function platformsJoinedShare(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const r = await joinedPoints(db, scope);
  if (!r || r.offered === 0) return [];
  return r.points.map((p) => ({ date: p.date, value: Math.round((p.joined / r.offered) * 1000) / 10 }));
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

async function documentsOnline(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const w = await programmeDays(db, scope);
  if (!w || w.from >= w.to) return [];
  const rows = await db
    .selectFrom('service_month')
    .select((eb) => ['month', eb.fn.sum<number | string>('online').as('online')])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('month', '>=', w.from.slice(0, 7))
    .where('month', '<=', w.to.slice(0, 7))
    .groupBy('month')
    .orderBy('month')
    .execute();
  let total = 0;
  // the month under way is counted on today's date, not its last day
  return rows.filter((r) => `${r.month}-01` < w.to).map((r) => ({ date: lastDay(r.month) < w.today ? lastDay(r.month) : w.today, value: (total += Number(r.online)) }));
}

export const servicesMetrics: Record<string, Metric> = {
  platforms_joined_share: { label: 'services.metrics.platformsJoinedShare', unit: 'percent', series: platformsJoinedShare },
  platforms_joined: { label: 'services.metrics.platformsJoined', unit: 'count', series: platformsJoined },
  documents_online: { label: 'services.metrics.documentsOnline', unit: 'count', series: documentsOnline },
};
