// Rows → view models for one locale. Views never see rows; every number shown is computed here
// from the records (progress roll-ups, lateness).
import type { Translate, Locale } from '../../platform/i18n/i18n.ts';
import { formatDate, formatNumber, todayInCasablanca } from '../../platform/i18n/format.ts';
import { pick, pickField } from '../../platform/tenancy.ts';
import type { ActivityRow, PartnerRow, ProjectRow } from '../../platform/db/schema.ts';
import { daysLate, rollUp } from './progress.ts';
import type { ProgrammeTree } from './repository.ts';

export interface Text {
  text: string;
  lang: Locale;
}

export interface ActivityView {
  id: number;
  number: number;
  title: Text;
  href: string;
  partners: Text[];
  cost: string;
  costNote: Text | null;
  funding: Text;
  start: string;
  end: string;
  startIso: string;
  endIso: string;
  status: string;
  statusLabel: string;
  progress: number;
  daysLate: number;
}

export interface IndicatorView {
  id: number;
  kind: 'monitoring' | 'impact';
  statement: Text;
  unit: Text | null;
  baseline: string | null;
  target: string | null;
}

export interface ProjectView {
  id: number;
  number: number;
  title: Text;
  href: string;
  duration: string | null;
  objectives: Text | null;
  expectedResults: Text | null;
  partners: Text[];
  partnersContribution: Text | null;
  indicators: IndicatorView[];
  activities: ActivityView[];
  progress: number | null;
  late: number;
}

export interface AxisView {
  id: number;
  number: number;
  title: Text;
  projects: ProjectView[];
  progress: number | null;
}

export interface ProgrammeView {
  id: number;
  title: Text;
  period: string;
  /** the period as URLs write it: 2024-2025 */
  periodKey: string;
  /** its matrix: /programme for the current programme, /programmes/{period} for the others */
  href: string;
  isCurrent: boolean;
  status: string;
  statusLabel: string;
  adoption: { session: Text | null; date: string | null; reference: Text | null };
  axes: AxisView[];
  progress: number | null;
  counts: { axes: number; projects: number; activities: number; late: number };
}


export function duration(t: Translate, months: number | null): string | null {
  if (!months) return null;
  return months % 12 === 0 ? t('programme.duration.years', { years: months / 12 }) : t('programme.duration.months', { months });
}

/** An activity's cost in words: an amount in MAD, "no cost" (a "-" in the document) or "to be
 *  set by the implementing party". The import preview says it the same way. */
export function costLabel(t: Translate, locale: Locale, kind: string, amountMad: number | string | null): string {
  return kind === 'amount' && amountMad !== null ? t('programme.cost.amount', { amount: formatNumber(locale, Number(amountMad)) }) : t(`programme.cost.${kind}`);
}

/** The URL segment of a programme under a collectivity's base: the current one at /programme. */
export const programmePath = (p: { start_year: number; end_year: number; is_current: number }) =>
  Number(p.is_current) === 1 ? '/programme' : `/programmes/${p.start_year}-${p.end_year}`;

/** `base` is the collectivity's public URL; pages of a programme that is not current are under
 *  /programmes/{period}, so that its links stay its own. */
export function presentProgramme(tree: ProgrammeTree, locale: Locale, t: Translate, base: string): ProgrammeView {
  const today = todayInCasablanca();
  const home = `${base}${programmePath(tree.programme)}`;
  const partnerText = (id: number) => pickField(tree.partners.get(id)!, 'name', locale)!;

  const presentActivity = (a: ActivityRow): ActivityView => ({
    id: a.id,
    number: a.number,
    title: pickField(a, 'title', locale)!,
    href: `${home}/activities/${a.id}`,
    partners: (tree.activityPartners.get(a.id) ?? []).map(partnerText),
    cost: costLabel(t, locale, a.cost_kind, a.cost_amount_mad),
    costNote: pickField(a, 'cost_note', locale),
    funding:
      a.funding_kind === 'partner' && a.funding_partner_id && tree.partners.has(a.funding_partner_id)
        ? partnerText(a.funding_partner_id)
        : { text: t('programme.funding.own'), lang: locale },
    start: formatDate(locale, a.start_date),
    end: formatDate(locale, a.end_date),
    startIso: a.start_date,
    endIso: a.end_date,
    status: a.status,
    statusLabel: t(`programme.status.${a.status}`),
    progress: a.progress,
    daysLate: daysLate(a, today),
  });

  const activitiesByProject = new Map<number, ActivityRow[]>();
  for (const a of tree.activities) {
    const list = activitiesByProject.get(a.project_id);
    if (list) list.push(a);
    else activitiesByProject.set(a.project_id, [a]);
  }

  const presentProject = (p: ProjectRow): ProjectView => {
    const rows = activitiesByProject.get(p.id) ?? [];
    const activities = rows.map(presentActivity);
    return {
      id: p.id,
      number: p.number,
      title: pickField(p, 'title', locale)!,
      href: `${home}/projects/${p.number}`,
      duration: duration(t, p.duration_months),
      objectives: pickField(p, 'objectives', locale),
      expectedResults: pickField(p, 'expected_results', locale),
      partners: (tree.projectPartners.get(p.id) ?? []).map(partnerText),
      partnersContribution: pickField(p, 'partners_contribution', locale),
      indicators: tree.indicators
        .filter((i) => i.project_id === p.id)
        .map((i) => ({
          id: i.id,
          kind: i.kind as IndicatorView['kind'],
          statement: pickField(i, 'statement', locale)!,
          unit: pickField(i, 'unit', locale),
          baseline: i.baseline === null ? null : formatNumber(locale, i.baseline),
          target: i.target === null ? null : formatNumber(locale, i.target),
        })),
      activities,
      progress: rollUp(rows),
      late: activities.filter((a) => a.daysLate > 0).length,
    };
  };

  const axes = tree.axes.map((axis) => {
    const projects = tree.projects.filter((p) => p.axis_id === axis.id).map(presentProject);
    return {
      id: axis.id,
      number: axis.number,
      title: pickField(axis, 'title', locale)!,
      projects,
      progress: rollUp(tree.activities.filter((a) => projects.some((p) => p.id === a.project_id))),
    };
  });
  const pr = tree.programme;
  return {
    id: pr.id,
    title: pickField(pr, 'title', locale)!,
    period: `${pr.start_year}–${pr.end_year}`,
    periodKey: `${pr.start_year}-${pr.end_year}`,
    href: home,
    isCurrent: Number(pr.is_current) === 1,
    status: pr.status,
    statusLabel: t(`programme.programmeStatus.${pr.status}`),
    adoption: {
      session: pickField(pr, 'adoption_session', locale),
      date: pr.adoption_date ? formatDate(locale, pr.adoption_date) : null,
      reference: pickField(pr, 'adoption_reference', locale),
    },
    axes,
    progress: rollUp(tree.activities),
    counts: {
      axes: tree.axes.length,
      projects: tree.projects.length,
      activities: tree.activities.length,
      late: axes.reduce((n, a) => n + a.projects.reduce((m, p) => m + p.late, 0), 0),
    },
  };
}

export function partnerName(p: PartnerRow, locale: Locale): Text {
  return pick({ ar: p.name_ar, fr: p.name_fr, en: p.name_en }, locale);
}
