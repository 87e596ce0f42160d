// Pure logic of the dashboard and the yearly report: lateness against a given day, indicators
// against their targets, and the report's content computed from the programme's rows. Every
// number comes from the records; the report keeps texts in all three languages so that a
// published version renders the same in ar, fr and en whatever happens to the data later.
import type { InformationYear } from '../information/manifest.ts';
import {
  type ActivityView,
  type ProgrammeTree,
  type ProgrammeView,
  type ProjectView,
  daysLate,
  rollUp,
} from '../programme/manifest.ts';

/** A text in the three languages (a missing translation is null). */
import { type L10n, l10nOf } from '../../platform/tenancy.ts';
export { type L10n, l10nOf } from '../../platform/tenancy.ts';
export const isEmpty = (t: L10n | null | undefined) => !t || (!t.ar && !t.fr && !t.en);

export interface DatedValue {
  date: string;
  value: number;
}

/** An indicator with its figures, whichever module computes them (entered or live metric). */
export interface IndicatorFigures {
  id: number;
  projectId: number;
  kind: 'monitoring' | 'impact';
  statement: L10n;
  unit: L10n | null;
  baseline: number | null;
  /** dated targets; a target without a date (the plan's end) has date null */
  targets: { date: string | null; value: number }[];
  series: DatedValue[];
}

export type IndicatorState = 'reached' | 'behind' | 'no_measure' | 'no_target';

/** An indicator read at one day: its last measurement by then and the target that applies. */
export interface IndicatorReading {
  id: number;
  project: number;
  kind: 'monitoring' | 'impact';
  statement: L10n;
  unit: L10n | null;
  baseline: number | null;
  target: { date: string | null; value: number } | null;
  latest: DatedValue | null;
  state: IndicatorState;
}

/** The target in force on `day`: the first one dated on or after it, else the last one. */
export function targetAt(targets: IndicatorFigures['targets'], day: string) {
  if (targets.length === 0) return null;
  const dated = targets.filter((t) => t.date !== null).sort((a, b) => a.date!.localeCompare(b.date!));
  const undated = targets.filter((t) => t.date === null);
  return dated.find((t) => t.date! >= day) ?? undated[0] ?? dated[dated.length - 1];
}

export function readIndicator(i: IndicatorFigures, projectNumber: number, day: string): IndicatorReading {
  const target = targetAt(i.targets, day);
  const latest = [...i.series].filter((p) => p.date <= day).sort((a, b) => a.date.localeCompare(b.date)).pop() ?? null;
  let state: IndicatorState;
  if (!target) state = 'no_target';
  else if (!latest) state = 'no_measure';
  else {
    // a target below the baseline is a reduction to reach (e.g. processing time in days)
    const down = i.baseline !== null && target.value < i.baseline;
    state = (down ? latest.value <= target.value : latest.value >= target.value) ? 'reached' : 'behind';
  }
  return { id: i.id, project: projectNumber, kind: i.kind, statement: i.statement, unit: i.unit, baseline: i.baseline, target, latest, state };
}

/** The programme as presented, with lateness counted against `today` instead of the clock. */
export function asOfDay(view: ProgrammeView, today: string): ProgrammeView {
  const late = (a: ActivityView) => daysLate({ end_date: a.endIso, status: a.status }, today);
  const axes = view.axes.map((axis) => ({
    ...axis,
    projects: axis.projects.map((p) => {
      const activities = p.activities.map((a) => ({ ...a, daysLate: late(a) }));
      return { ...p, activities, late: activities.filter((a) => a.daysLate > 0).length };
    }),
  }));
  const lateCount = axes.reduce((n, a) => n + a.projects.reduce((m, p) => m + p.late, 0), 0);
  return { ...view, axes, counts: { ...view.counts, late: lateCount } };
}

export interface LateActivity {
  activity: ActivityView;
  project: ProjectView;
}

/** Late activities, the latest first by days late. */
export function lateActivities(view: ProgrammeView): LateActivity[] {
  return view.axes
    .flatMap((axis) => axis.projects.flatMap((project) => project.activities.filter((a) => a.daysLate > 0).map((activity) => ({ activity, project }))))
    .sort((a, b) => b.activity.daysLate - a.activity.daysLate || a.project.number - b.project.number || a.activity.number - b.activity.number);
}

/** The span a timeline must show: the programme's years, every activity, and today. */
export function timelineSpan(view: ProgrammeView, startYear: number, endYear: number, today: string): { from: string; to: string } {
  let from = `${startYear}-01-01`;
  let to = `${endYear}-12-31`;
  for (const p of view.axes.flatMap((a) => a.projects)) {
    for (const a of p.activities) {
      if (a.startIso < from) from = a.startIso;
      if (a.endIso > to) to = a.endIso;
    }
  }
  if (today < from) from = today;
  if (today > to) to = today;
  return { from, to };
}

// ── the yearly report ───────────────────────────────────────────────────────────────────────

export interface ReportContent {
  /** shape of this JSON, should it ever change */
  format: 1;
  year: number;
  /** lateness is counted as of this day: the year's last day, or the day of publication if earlier */
  asOf: string;
  /** the day the figures were read */
  computedOn: string;
  programme: { title: L10n; startYear: number; endYear: number };
  progress: number | null;
  counts: { activities: number; done: number; late: number; dueByAsOf: number };
  axes: {
    number: number;
    title: L10n;
    progress: number | null;
    projects: { number: number; title: L10n; progress: number | null; activities: number; done: number; late: number }[];
  }[];
  late: {
    activityId: number;
    project: number;
    number: number;
    title: L10n;
    end: string;
    daysLate: number;
    status: string;
    progress: number;
    reason: L10n | null;
    /** where the reason comes from: the activity's latest progress note, or the report's staff */
    reasonSource: 'note' | 'report' | null;
  }[];
  indicators: IndicatorReading[];
  participation: {
    events: { date: string; kind: string; title: L10n; attendance: number | null; women: number | null; proposals: number }[];
    totals: { events: number; attendance: number; women: number; proposals: number };
    /** proposals of the whole programme's co-creation (not dated by year) */
    programmeProposals: { total: number; online: number; workshop: number; other: number };
  };
  notes: L10n | null;
  /** the year's access-to-information figures (information module); absent from reports
   *  published before the module existed */
  information?: InformationYear;
}

export interface ParticipationInput {
  proposals: { total: number; byChannel: { online: number; workshop: number; other: number } };
  events: { date: string; kind: string; title: L10n; attendance: { total: number | null; women: number | null }; proposals: number }[];
}

export interface ReportInput {
  tree: ProgrammeTree;
  year: number;
  today: string;
  indicators: IndicatorFigures[];
  participation: ParticipationInput;
  /** reasons given by staff in the report's draft, by activity id */
  reasons: Map<number, L10n>;
  /** the latest progress note of each activity by `asOf`, when the tracking module keeps them */
  notes: Map<number, L10n>;
  committeeNotes: L10n | null;
}

export const asOfFor = (year: number, today: string) => (`${year}-12-31` < today ? `${year}-12-31` : today);

export function computeReport(input: ReportInput): ReportContent {
  const { tree, year } = input;
  const asOf = asOfFor(year, input.today);
  const projectNumber = new Map(tree.projects.map((p) => [p.id, p.number]));
  const activitiesOf = (projectId: number) => tree.activities.filter((a) => a.project_id === projectId);
  const isLate = (a: (typeof tree.activities)[number]) => daysLate(a, asOf) > 0;
  const isDone = (a: (typeof tree.activities)[number]) => a.status === 'done';

  const axes = tree.axes.map((axis) => {
    const projects = tree.projects.filter((p) => p.axis_id === axis.id);
    return {
      number: axis.number,
      title: l10nOf(axis, 'title'),
      progress: rollUp(tree.activities.filter((a) => projects.some((p) => p.id === a.project_id))),
      projects: projects.map((p) => {
        const rows = activitiesOf(p.id);
        return {
          number: p.number,
          title: l10nOf(p, 'title'),
          progress: rollUp(rows),
          activities: rows.length,
          done: rows.filter(isDone).length,
          late: rows.filter(isLate).length,
        };
      }),
    };
  });

  const late = tree.activities
    .filter(isLate)
    .map((a) => {
      const note = input.notes.get(a.id);
      const given = input.reasons.get(a.id);
      const reason = !isEmpty(given) ? given! : !isEmpty(note) ? note! : null;
      return {
        activityId: a.id,
        project: projectNumber.get(a.project_id) ?? 0,
        number: a.number,
        title: l10nOf(a, 'title'),
        end: a.end_date,
        daysLate: daysLate(a, asOf),
        status: a.status,
        progress: a.progress,
        reason,
        reasonSource: reason === null ? null : reason === given ? ('report' as const) : ('note' as const),
      };
    })
    .sort((a, b) => a.project - b.project || a.number - b.number);

  // the meetings and votes of the year up to the report's date: none after it
  const events = input.participation.events
    .filter((e) => e.date.startsWith(`${year}-`) && e.date <= asOf)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => ({ date: e.date, kind: e.kind, title: e.title, attendance: e.attendance.total, women: e.attendance.women, proposals: e.proposals }));

  return {
    format: 1,
    year,
    asOf,
    computedOn: input.today,
    programme: { title: l10nOf(tree.programme, 'title'), startYear: tree.programme.start_year, endYear: tree.programme.end_year },
    progress: rollUp(tree.activities),
    counts: {
      activities: tree.activities.length,
      done: tree.activities.filter(isDone).length,
      late: late.length,
      dueByAsOf: tree.activities.filter((a) => a.status !== 'cancelled' && a.end_date <= asOf).length,
    },
    axes,
    late,
    indicators: input.indicators.map((i) => readIndicator(i, projectNumber.get(i.projectId) ?? 0, asOf)),
    participation: {
      events,
      totals: {
        events: events.length,
        attendance: events.reduce((n, e) => n + (e.attendance ?? 0), 0),
        women: events.reduce((n, e) => n + (e.women ?? 0), 0),
        proposals: events.reduce((n, e) => n + e.proposals, 0),
      },
      programmeProposals: { total: input.participation.proposals.total, ...input.participation.proposals.byChannel },
    },
    notes: isEmpty(input.committeeNotes) ? null : input.committeeNotes,
  };
}
