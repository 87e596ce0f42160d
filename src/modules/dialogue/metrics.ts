// The dialogue figures an indicator can follow (see Metric in ../manifest.ts), counted from the
// rows when read, over the meetings held during the programme (see periodOf; Casablanca calendar):
// meetings held (in all, and by kind), people attending and women's share of them, commitments
// kept on time, and attendees' satisfaction. Settat's project 4 indicators follow the first and
// the last ("number of communication meetings with local actors", "satisfaction with the
// council's work"). In-person and online attendance are counted alike: both are in the totals.
import type { Db } from '../../platform/db/database.ts';
import { casablancaToIso, todayInCasablanca } from '../../platform/i18n/format.ts';
import { cumulative } from '../cocreation/metrics.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import { meetingKinds } from './tables.ts';
import './tables.ts';

const day = (iso: string) => todayInCasablanca(new Date(iso));

/**
 * The meetings a programme's indicators count, as UTC instants: from 1 January of its first year;
 * to the end of its last year once it is no longer current. The current programme keeps counting
 * until the next one takes over (a programme often runs past its nominal period), so the
 * mechanism's meetings are never counted by none.
 */
export function programmeWindow(p: { start_year: number; end_year: number; is_current: number }): { from: string; to: string | null } {
  return { from: casablancaToIso(`${p.start_year}-01-01T00:00`), to: Number(p.is_current) === 1 ? null : casablancaToIso(`${p.end_year + 1}-01-01T00:00`) };
}

async function periodOf(db: Db, scope: MetricScope): Promise<{ from: string; to: string | null } | null> {
  const p = await db.selectFrom('programme').select(['start_year', 'end_year', 'is_current']).where('collectivity_id', '=', scope.collectivityId).where('id', '=', scope.programmeId).executeTakeFirst();
  return p ? programmeWindow(p) : null;
}

/** Meetings held (recorded as such, started already) during a programme (programmeWindow), as a
 *  query to select from: the metrics and the participation page count the same meetings. */
export function heldDuring(db: Db, collectivityId: number, period: { from: string; to: string | null }, kind: string | null = null) {
  const now = new Date().toISOString();
  return db
    .selectFrom('meeting')
    .where('collectivity_id', '=', collectivityId)
    .where('status', '=', 'held')
    .where('starts_at', '>=', period.from)
    .where('starts_at', '<=', now)
    .$if(period.to !== null, (q) => q.where('starts_at', '<', period.to!))
    .$if(kind !== null, (q) => q.where('kind', '=', kind!));
}

async function held(db: Db, scope: MetricScope, kind: string | null = null) {
  const period = await periodOf(db, scope);
  if (!period) return [];
  return heldDuring(db, scope.collectivityId, period, kind).select(['id', 'starts_at', 'attendance_total', 'attendance_women']).execute();
}

async function meetingsHeld(db: Db, scope: MetricScope, kind: string | null): Promise<DatedValue[]> {
  return cumulative((await held(db, scope, kind)).map((m) => ({ date: day(m.starts_at), n: 1 })));
}

async function attendance(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  return cumulative((await held(db, scope)).filter((m) => m.attendance_total !== null).map((m) => ({ date: day(m.starts_at), n: m.attendance_total! })));
}

/** Women among the people counted at the meetings held up to each date (where both were counted). */
async function womenShare(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const rows = (await held(db, scope)).filter((m) => m.attendance_total !== null && m.attendance_total > 0 && m.attendance_women !== null);
  const byDate = new Map<string, { total: number; women: number }>();
  for (const m of rows) {
    const d = day(m.starts_at);
    const x = byDate.get(d) ?? { total: 0, women: 0 };
    x.total += m.attendance_total!;
    x.women += m.attendance_women!;
    byDate.set(d, x);
  }
  let total = 0;
  let women = 0;
  return [...byDate.keys()].sort().map((date) => {
    total += byDate.get(date)!.total;
    women += byDate.get(date)!.women;
    return { date, value: Math.round((women / total) * 1000) / 10 };
  });
}

/**
 * Commitments kept on time, as a percentage, on each date something fell due or closed: among
 * the commitments closed by then or whose due date had passed, those done on or before their due
 * date (one without a due date is on time when done). Dropped ones and late ones count against.
 */
export function onTimeSeries(rows: { due_on: string | null; status: string; closed_on: string | null }[], today: string): DatedValue[] {
  const dates = new Set<string>();
  for (const r of rows) {
    if (r.due_on && r.due_on <= today) dates.add(r.due_on);
    if (r.closed_on && r.closed_on <= today) dates.add(r.closed_on);
  }
  const out: DatedValue[] = [];
  for (const date of [...dates].sort()) {
    let counted = 0;
    let kept = 0;
    for (const r of rows) {
      const closedBy = r.closed_on !== null && r.closed_on <= date;
      const due = r.due_on !== null && r.due_on <= date;
      if (!closedBy && !due) continue;
      counted++;
      if (closedBy && r.status === 'done' && (r.due_on === null || r.closed_on! <= r.due_on)) kept++;
    }
    if (counted > 0) out.push({ date, value: Math.round((kept / counted) * 1000) / 10 });
  }
  return out;
}

async function commitmentsOnTime(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const period = await periodOf(db, scope);
  if (!period) return [];
  const rows = await db
    .selectFrom('meeting_commitment')
    .select(['due_on', 'status', 'closed_on'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('meeting_id', 'in', heldDuring(db, scope.collectivityId, period).select('id'))
    .execute();
  return onTimeSeries(rows, todayInCasablanca());
}

/**
 * Attendees' mean rating (1–5) of the meetings held, over the opinions given up to each date,
 * expressed as a percentage of the highest rating (5 → 100 %): indicators have counts and
 * percentages only, and "4.2 / 5" reads as 84 %.
 */
async function satisfaction(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const period = await periodOf(db, scope);
  if (!period) return [];
  const rows = await db
    .selectFrom('meeting_feedback')
    .select(['rating', 'created_at'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('meeting_id', 'in', heldDuring(db, scope.collectivityId, period).select('id'))
    .execute();
  const byDate = new Map<string, { n: number; sum: number }>();
  for (const r of rows) {
    const d = day(r.created_at);
    const x = byDate.get(d) ?? { n: 0, sum: 0 };
    x.n++;
    x.sum += r.rating;
    byDate.set(d, x);
  }
  let n = 0;
  let sum = 0;
  return [...byDate.keys()].sort().map((date) => {
    n += byDate.get(date)!.n;
    sum += byDate.get(date)!.sum;
    return { date, value: Math.round((sum / n / 5) * 1000) / 10 };
  });
}

export const dialogueMetrics: Record<string, Metric> = {
  meetings_held: { label: 'dialogue.outcome.metrics.meetingsHeld', unit: 'count', series: (db, scope) => meetingsHeld(db, scope, null) },
  meetings_held_by_kind: {
    label: 'dialogue.outcome.metrics.meetingsHeldByKind',
    unit: 'count',
    variants: async () => meetingKinds.map((kind) => ({ key: kind, values: { kind } })),
    series: (db, scope, variant) => meetingsHeld(db, scope, variant ?? ''),
  },
  attendance: { label: 'dialogue.outcome.metrics.attendance', unit: 'count', series: attendance },
  attendance_women_share: { label: 'dialogue.outcome.metrics.womenShare', unit: 'percent', series: womenShare },
  commitments_on_time: { label: 'dialogue.outcome.metrics.commitmentsOnTime', unit: 'percent', series: commitmentsOnTime },
  meeting_satisfaction: { label: 'dialogue.outcome.metrics.satisfaction', unit: 'percent', series: satisfaction },
};
