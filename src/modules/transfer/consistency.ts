// The consistency check of an action plan: what staff should fix before adoption or after an
// import. Pure: it reads a neutral shape built from the database (a programme's tree) or from
// an import plan, so the report, the import preview and the review of an import agree.
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pickText } from '../../platform/tenancy.ts';
import type { Schedule } from '../programme/manifest.ts';
import type { ProgrammeTree } from '../programme/repository.ts';
import type { ImportPlan } from './plan.ts';

export type EntityKind = 'axis' | 'project' | 'activity' | 'indicator';

interface Item {
  kind: EntityKind;
  /** database id, or the source row for a plan */
  ref: number;
  /** "1", "1.2", "1.2.3": axis, project, activity numbers as the document shows them */
  label: string;
  /** lang null: as written in an imported file, language unknown */
  title: { text: string; lang: Locale | null };
}

export interface CheckInput {
  period: { start: number; end: number };
  axes: (Item & { number: number })[];
  projects: (Item & { axis: number; number: number; durationMonths: number | null })[];
  activities: (Item & {
    project: number;
    start: string;
    end: string;
    fundingKind: string;
    fundingPartner: boolean;
    partners: number;
    /** dates set by another module (a participatory-budget winner), not by the project's card */
    scheduledBy?: Schedule;
  })[];
  /** target: has a target; measured: has a value (null: not known here) */
  indicators: (Item & { project: number; target: boolean; measured: boolean | null })[];
}

export const findingKinds = [
  'endBeforeStart',
  'outsideProjectDuration',
  'outsidePeriod',
  'scheduledOutsidePeriod',
  'missingFunding',
  'missingPartners',
  'indicatorWithoutTarget',
  'indicatorWithoutMeasurement',
  'projectWithoutActivities',
  'axisWithoutProjects',
] as const;
export type FindingKind = (typeof findingKinds)[number];

export interface Finding {
  kind: FindingKind;
  item: Item;
  values?: Record<string, string | number>;
}

/** The last day of a window of `months` starting on `start` (YYYY-MM-DD). */
export function windowEnd(start: string, months: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function checkConsistency(input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  const periodStart = `${input.period.start}-01-01`;
  const periodEnd = `${input.period.end}-12-31`;
  const byProject = new Map<number, CheckInput['activities']>();
  for (const a of input.activities) {
    const list = byProject.get(a.project);
    if (list) list.push(a);
    else byProject.set(a.project, [a]);
  }
  const axesWithProjects = new Set(input.projects.map((p) => p.axis));
  for (const axis of input.axes) if (!axesWithProjects.has(axis.ref)) findings.push({ kind: 'axisWithoutProjects', item: axis });

  for (const project of input.projects) {
    const activities = byProject.get(project.ref) ?? [];
    if (activities.length === 0) {
      findings.push({ kind: 'projectWithoutActivities', item: project });
      continue;
    }
    // the project's duration counts from its first activity's start; activities dated by another
    // module (a budget round's implementation) follow that, only the programme's period binds them
    const planned = activities.filter((a) => !a.scheduledBy);
    const first = planned.reduce((min, a) => (a.start < min ? a.start : min), planned[0]?.start ?? '');
    const limit = project.durationMonths && planned.length > 0 ? windowEnd(first, project.durationMonths) : null;
    for (const a of activities) {
      if (a.end < a.start) findings.push({ kind: 'endBeforeStart', item: a, values: { start: a.start, end: a.end } });
      if (limit && !a.scheduledBy && a.end > limit) findings.push({ kind: 'outsideProjectDuration', item: a, values: { end: a.end, limit, months: project.durationMonths! } });
      if (a.start < periodStart || a.end > periodEnd) {
        const period = { start: input.period.start, end: input.period.end };
        if (a.scheduledBy) findings.push({ kind: 'scheduledOutsidePeriod', item: a, values: { ...period, source: a.scheduledBy.source, from: a.scheduledBy.from, until: a.end } });
        else findings.push({ kind: 'outsidePeriod', item: a, values: period });
      }
      if (a.fundingKind === 'partner' && !a.fundingPartner) findings.push({ kind: 'missingFunding', item: a });
      // a budget winner is carried out by the collectivity on its own budget: no partner to name
      if (a.partners === 0 && !a.scheduledBy) findings.push({ kind: 'missingPartners', item: a });
    }
  }
  for (const i of input.indicators) {
    if (!i.target) findings.push({ kind: 'indicatorWithoutTarget', item: i });
    if (i.measured === false) findings.push({ kind: 'indicatorWithoutMeasurement', item: i });
  }
  return findings;
}

/** What the tracking module knows of an indicator's values (dated targets, measurements or a
 *  live metric); without it, the card's target column is read and measurements are not checked. */
export type IndicatorFacts = Map<number, { target: boolean; measured: boolean }>;

/** The check's input from a programme in the database, with its titles in `locale`. */
export function fromTree(tree: ProgrammeTree, facts?: IndicatorFacts, locale: Locale = 'ar', scheduled?: Map<number, Schedule>): CheckInput {
  const axisNumber = new Map(tree.axes.map((a) => [a.id, a.number]));
  const project = new Map(tree.projects.map((p) => [p.id, `${axisNumber.get(p.axis_id)}.${p.number}`]));
  return {
    period: { start: tree.programme.start_year, end: tree.programme.end_year },
    axes: tree.axes.map((a) => ({ kind: 'axis', ref: a.id, label: String(a.number), title: pickText(a, 'title', locale), number: a.number })),
    projects: tree.projects.map((p) => ({
      kind: 'project',
      ref: p.id,
      label: project.get(p.id)!,
      title: pickText(p, 'title', locale),
      axis: p.axis_id,
      number: p.number,
      durationMonths: p.duration_months,
    })),
    activities: tree.activities.map((a) => ({
      kind: 'activity',
      ref: a.id,
      label: `${project.get(a.project_id)}.${a.number}`,
      title: pickText(a, 'title', locale),
      project: a.project_id,
      start: a.start_date,
      end: a.end_date,
      fundingKind: a.funding_kind,
      fundingPartner: a.funding_partner_id !== null,
      partners: tree.activityPartners.get(a.id)?.length ?? 0,
      scheduledBy: scheduled?.get(a.id),
    })),
    indicators: tree.indicators.map((i) => ({
      kind: 'indicator',
      ref: i.id,
      label: project.get(i.project_id) ?? '',
      title: pickText(i, 'statement', locale),
      project: i.project_id,
      target: facts?.get(i.id)?.target ?? i.target !== null,
      measured: facts ? (facts.get(i.id)?.measured ?? false) : null,
    })),
  };
}

/** The check's input from an import plan: items are referred to by their row in the source. */
export function fromPlan(plan: ImportPlan): CheckInput {
  const input: CheckInput = {
    period: { start: plan.startYear ?? 0, end: plan.endYear ?? 9999 },
    axes: [],
    projects: [],
    activities: [],
    indicators: [],
  };
  for (const axis of plan.axes) {
    input.axes.push({ kind: 'axis', ref: axis.row, label: String(axis.number), title: { text: axis.title, lang: null }, number: axis.number });
    for (const p of axis.projects) {
      const label = `${axis.number}.${p.number}`;
      input.projects.push({ kind: 'project', ref: p.row, label, title: { text: p.title, lang: null }, axis: axis.row, number: p.number, durationMonths: p.durationMonths });
      for (const a of p.activities) {
        input.activities.push({
          kind: 'activity',
          ref: a.row,
          label: `${label}.${a.number}`,
          title: { text: a.title, lang: null },
          project: p.row,
          start: a.start,
          end: a.end,
          fundingKind: a.funding.kind,
          fundingPartner: a.funding.kind === 'partner',
          partners: a.partners.length,
        });
      }
    }
  }
  return input;
}
