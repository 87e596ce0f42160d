// What the network's dashboard reads of the programmes, every collectivity at once and grouped
// in SQL: each programme's status, period, progress (the weighted roll-up programmeSummaries
// uses) and its activities due by a day; lateness and axes by the network's theme.
// Drafts are left out: they are not public (publicStatuses), co-creation is.
import type { Db } from '../../platform/db/database.ts';

export interface NetworkProgrammeRow {
  collectivityId: number;
  programmeId: number;
  status: string;
  startYear: number;
  endYear: number;
  isCurrent: boolean;
  /** activities not cancelled */
  activities: number;
  /** weighted progress 0–100, null without weights (as programmeSummaries) */
  progress: number | null;
  /** activities not cancelled whose end date is before `today` */
  due: number;
  /** of those, the ones done */
  dueDone: number;
  /** of those, the ones not done: late (daysLate's rule) */
  late: number;
  /** the earliest end date of a late activity, null when none is late */
  oldestLate: string | null;
}

/** `ids`: only these collectivities (the network refreshes the ones that changed); else all. */
export async function networkProgrammes(db: Db, today: string, ids?: readonly number[]): Promise<NetworkProgrammeRow[]> {
  if (ids?.length === 0) return [];
  const rows = await db
    .selectFrom('programme as p')
    .leftJoin('activity as a', (j) => j.onRef('a.programme_id', '=', 'p.id').onRef('a.collectivity_id', '=', 'p.collectivity_id').on('a.status', '!=', 'cancelled'))
    .where('p.status', '!=', 'draft')
    .$if(ids !== undefined, (q) => q.where('p.collectivity_id', 'in', ids!))
    .select((eb) => [
      'p.id',
      'p.collectivity_id',
      'p.status',
      'p.start_year',
      'p.end_year',
      'p.is_current',
      eb.fn.count<number>('a.id').as('activities'),
      eb.fn.sum<number>(eb('a.progress', '*', eb.ref('a.weight'))).as('weighted'),
      eb.fn.sum<number>('a.weight').as('weights'),
      eb.fn.sum<number>(eb.case().when('a.end_date', '<', today).then(1).else(0).end()).as('due'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('a.end_date', '<', today), eb('a.status', '=', 'done')])).then(1).else(0).end()).as('due_done'),
      eb.fn.min<string | null>(eb.case().when(eb.and([eb('a.end_date', '<', today), eb('a.status', '!=', 'done')])).then(eb.ref('a.end_date')).else(null).end()).as('oldest_late'),
    ])
    .groupBy(['p.id', 'p.collectivity_id', 'p.status', 'p.start_year', 'p.end_year', 'p.is_current'])
    .execute();
  return rows.map((r) => {
    const weights = Number(r.weights ?? 0);
    return {
      collectivityId: r.collectivity_id,
      programmeId: r.id,
      status: r.status,
      startYear: r.start_year,
      endYear: r.end_year,
      isCurrent: Number(r.is_current) === 1,
      activities: Number(r.activities),
      progress: weights > 0 ? Math.round(Number(r.weighted) / weights) : null,
      due: Number(r.due ?? 0),
      dueDone: Number(r.due_done ?? 0),
      late: Number(r.due ?? 0) - Number(r.due_done ?? 0),
      oldestLate: r.oldest_late ?? null,
    };
  });
}

/** Per programme and theme of the axis (null: not classified): its axes, and its activities
 *  late on `today` (the rule of daysLate: not done nor cancelled, end date passed). */
export async function networkThemeCounts(db: Db, today: string, ids?: readonly number[]) {
  if (ids?.length === 0) return { axes: [], late: [] };
  const axes = await db
    .selectFrom('axis')
    .$if(ids !== undefined, (q) => q.where('collectivity_id', 'in', ids!))
    .select((eb) => ['collectivity_id', 'programme_id', 'theme_id', eb.fn.countAll<number>().as('n')])
    .groupBy(['collectivity_id', 'programme_id', 'theme_id'])
    .execute();
  const late = await db
    .selectFrom('activity as a')
    .innerJoin('project as x', (j) => j.onRef('x.id', '=', 'a.project_id').onRef('x.collectivity_id', '=', 'a.collectivity_id'))
    .innerJoin('axis as ax', (j) => j.onRef('ax.id', '=', 'x.axis_id').onRef('ax.collectivity_id', '=', 'x.collectivity_id'))
    .where('a.status', 'not in', ['done', 'cancelled'])
    .where('a.end_date', '<', today)
    .$if(ids !== undefined, (q) => q.where('a.collectivity_id', 'in', ids!))
    .select((eb) => ['a.collectivity_id', 'a.programme_id', 'ax.theme_id', eb.fn.countAll<number>().as('n')])
    .groupBy(['a.collectivity_id', 'a.programme_id', 'ax.theme_id'])
    .execute();
  const row = (r: { collectivity_id: number; programme_id: number; theme_id: number | null; n: number }) => ({
    collectivityId: r.collectivity_id, programmeId: r.programme_id, themeId: r.theme_id, count: Number(r.n),
  });
  return { axes: axes.map(row), late: late.map(row) };
}
