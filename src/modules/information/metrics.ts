// Access-to-information figures an indicator can follow (see Metric in ../manifest.ts), counted
// from the rows when read, over the programme's days (../metric-days.ts):
// - requests: requests received since the window's start, cumulative — a point at the start, then
//   one on each day requests were received;
// - on_time_share: on the last day of each month (today for the month under way), the share of
//   requests received in the window and answered on time (model.onTime, as that day saw them),
//   among those answered or past their deadline by then.
import type { Db } from '../../platform/db/database.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import { programmeDays } from '../metric-days.ts';
import { percent } from './stats.ts';
import './tables.ts';

async function requests(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const w = await programmeDays(db, scope);
  if (!w || w.from >= w.to) return [];
  const rows = await db
    .selectFrom('information_request')
    .select((eb) => ['received_on', eb.fn.countAll<number | string>().as('n')])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('received_on', '>=', w.from)
    .where('received_on', '<', w.to)
    .groupBy('received_on')
    .orderBy('received_on')
    .execute();
  let total = 0;
  const points = rows.map((r) => ({ date: r.received_on, value: (total += Number(r.n)) }));
  return points[0]?.date === w.from ? points : [{ date: w.from, value: 0 }, ...points];
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

async function onTimeShare(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const w = await programmeDays(db, scope);
  if (!w || w.from >= w.to) return [];
  const rows = await db
    .selectFrom('information_request')
    .select(['status', 'due_on', 'answered_on'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('received_on', '>=', w.from)
    .where('received_on', '<', w.to)
    .execute();
  if (rows.length === 0) return [];
  const out: DatedValue[] = [];
  for (let month = w.from.slice(0, 7); `${month}-01` < w.to; month = nextMonth(month)) {
    const day = lastDayOf(month) < w.today ? lastDayOf(month) : w.today;
    let counted = 0;
    let onTime = 0;
    for (const r of rows) {
      const answered = r.answered_on !== null && r.answered_on <= day;
      // the clock stopped for a clarification is not late (model.onTime); answered ones always count
      if (answered) {
        counted++;
        if (r.answered_on! <= r.due_on) onTime++;
      } else if (day > r.due_on && r.status !== 'clarification') counted++;
    }
    const share = percent(onTime, counted);
    if (share !== null) out.push({ date: day, value: share });
    if (day === w.today) break;
  }
  return out;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const informationMetrics: Record<string, Metric> = {
  requests: { label: 'information.metric.requests', unit: 'count', series: requests },
  on_time_share: { label: 'information.metric.onTimeShare', unit: 'percent', series: onTimeShare },
};
