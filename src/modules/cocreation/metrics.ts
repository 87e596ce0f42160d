// The co-creation figures an indicator can follow: proposals (in all, by axis, by channel),
// participation events (in all, by kind), women's share of attendance, contributions to the
// draft. Each is a dated series counted from the rows when it is read (see Metric in manifest.ts).
// Their labels are in the tracking module's catalogs, which shows metrics by name.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import { channels } from './stats.ts';
import './tables.ts';

export const eventKinds = ['workshop', 'consultation_workshop', 'meeting', 'information_meeting'] as const;

/** Running totals of counts per date: [{date, value}] with the value the total up to that date. */
export function cumulative(counts: { date: string; n: number }[]): DatedValue[] {
  const byDate = new Map<string, number>();
  for (const c of counts) byDate.set(c.date, (byDate.get(c.date) ?? 0) + c.n);
  let total = 0;
  return [...byDate.keys()].sort().map((date) => ({ date, value: (total += byDate.get(date)!) }));
}

/**
 * Rows counted per Casablanca calendar day of an ISO instant column. The database groups by UTC
 * hour (portable `substr`), which keeps the result small; each hour then falls on one local day.
 */
async function perDay(
  db: Db,
  table: 'proposal' | 'consultation_contribution',
  scope: MetricScope,
  filter: (q: any) => any = (q) => q,
): Promise<DatedValue[]> {
  const hour = sql<string>`substr(submitted_at, 1, 13)`;
  let q = (db as any)
    .selectFrom(table)
    .select([hour.as('hour'), (eb: any) => eb.fn.countAll().as('n')])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('programme_id', '=', scope.programmeId);
  q = filter(q);
  const rows = (await q.groupBy(hour).execute()) as { hour: string; n: number | string }[];
  return cumulative(rows.map((r) => ({ date: todayInCasablanca(new Date(`${r.hour}:00:00Z`)), n: Number(r.n) })));
}

const notWithdrawn = (q: any) => q.where('status', '!=', 'withdrawn');

async function eventsPerDay(db: Db, scope: MetricScope, kind: string | null): Promise<DatedValue[]> {
  const rows = await db
    .selectFrom('participation_event')
    .select((eb) => ['held_on', eb.fn.countAll<number>().as('n')])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('programme_id', '=', scope.programmeId)
    .$if(kind !== null, (q) => q.where('kind', '=', kind!))
    .groupBy('held_on')
    .execute();
  return cumulative(rows.map((r) => ({ date: r.held_on, n: Number(r.n) })));
}

export const cocreationMetrics: Record<string, Metric> = {
  proposals: {
    label: 'tracking.metrics.cocreation.proposals',
    unit: 'count',
    series: (db, scope) => perDay(db, 'proposal', scope, notWithdrawn),
  },
  proposalsByAxis: {
    label: 'tracking.metrics.cocreation.proposalsByAxis',
    unit: 'count',
    async variants(db, scope) {
      const axes = await db.selectFrom('axis').select('number').where('collectivity_id', '=', scope.collectivityId).where('programme_id', '=', scope.programmeId).orderBy('number').execute();
      return axes.map((a) => ({ key: String(a.number), values: { axis: a.number } }));
    },
    async series(db, scope, variant) {
      const axis = await db
        .selectFrom('axis')
        .select('id')
        .where('collectivity_id', '=', scope.collectivityId)
        .where('programme_id', '=', scope.programmeId)
        .where('number', '=', Number(variant))
        .executeTakeFirst();
      if (!axis) return [];
      return perDay(db, 'proposal', scope, (q) => notWithdrawn(q).where('axis_id', '=', axis.id));
    },
  },
  proposalsByChannel: {
    label: 'tracking.metrics.cocreation.proposalsByChannel',
    unit: 'count',
    variants: async () => channels.map((channel) => ({ key: channel, values: { channel } })),
    series: (db, scope, variant) => perDay(db, 'proposal', scope, (q) => notWithdrawn(q).where('channel', '=', variant ?? '')),
  },
  events: {
    label: 'tracking.metrics.cocreation.events',
    unit: 'count',
    series: (db, scope) => eventsPerDay(db, scope, null),
  },
  eventsByKind: {
    label: 'tracking.metrics.cocreation.eventsByKind',
    unit: 'count',
    variants: async () => eventKinds.map((kind) => ({ key: kind, values: { kind } })),
    series: (db, scope, variant) => eventsPerDay(db, scope, variant ?? ''),
  },
  womenShare: {
    label: 'tracking.metrics.cocreation.womenShare',
    unit: 'percent',
    // women among the people counted at the events held up to each date (events where both
    // the attendance and the number of women were counted)
    async series(db, scope) {
      const rows = await db
        .selectFrom('participation_event')
        .select((eb) => ['held_on', eb.fn.sum<number>('attendance_total').as('total'), eb.fn.sum<number>('attendance_women').as('women')])
        .where('collectivity_id', '=', scope.collectivityId)
        .where('programme_id', '=', scope.programmeId)
        .where('attendance_total', '>', 0)
        .where('attendance_women', 'is not', null)
        .groupBy('held_on')
        .orderBy('held_on')
        .execute();
      let total = 0;
      let women = 0;
      return rows.map((r) => {
        total += Number(r.total);
        women += Number(r.women);
        return { date: r.held_on, value: Math.round((women / total) * 1000) / 10 };
      });
    },
  },
  contributions: {
    label: 'tracking.metrics.cocreation.contributions',
    unit: 'count',
    series: (db, scope) => perDay(db, 'consultation_contribution', scope),
  },
};
