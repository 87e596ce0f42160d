// Rows → view models of the participatory budget, for one locale.
import { formatDateTime, formatNumber } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pickText } from '../../platform/tenancy.ts';
import { type Phase, ageBands, genders, phaseAt, phaseStart, phases, projectCost } from './model.ts';
import type { RoundResults } from './repository.ts';
import type { BudgetProjectRow, DistrictRow, RoundRow } from './tables.ts';

export const mad = (locale: Locale, n: number) => formatNumber(locale, n);

export interface RoundView {
  id: number;
  title: { text: string; lang: Locale };
  envelope: string;
  rule: 'knapsack' | 'approval';
  min: number | null;
  max: number | null;
  changeable: boolean;
  phase: Phase | 'upcoming';
  /** when the current phase ends, formatted; null for the last phase */
  until: string | null;
  timeline: { phase: Phase; from: string; current: boolean }[];
  /** invented example data of the demo */
  demo: boolean;
}

export function presentRound(round: RoundRow, locale: Locale, at: string): RoundView {
  const { phase, until } = phaseAt(round, at);
  return {
    id: round.id,
    title: pickText(round, 'title', locale),
    envelope: mad(locale, Number(round.envelope_mad)),
    rule: round.rule === 'approval' ? 'approval' : 'knapsack',
    min: round.min_choices,
    max: round.max_choices,
    changeable: round.changeable === 1,
    phase,
    until: until ? formatDateTime(locale, until) : null,
    timeline: phases.map((p) => ({ phase: p, from: formatDateTime(locale, phaseStart(round, p)), current: p === phase })),
    demo: round.demo === 1,
  };
}

export interface ProjectView {
  id: number;
  title: string;
  description: string;
  neighbourhood: string;
  cost: number;
  costText: string;
  status: string;
  reason: string | null;
  districtId: number | null;
  /** the district's name, in rounds with districts */
  district: string | null;
  /** status 'merged': the project it joined */
  mergedInto: { id: number; title: string } | null;
  fromCitizen: boolean;
  /** image URLs */
  images: string[];
  /** the activity of the action plan it became */
  activityId: number | null;
}

/** What a project's view needs besides its row: the round's districts, images, other projects' titles. */
export interface ProjectContext {
  slug: string;
  districts: DistrictRow[];
  images: Map<number, string[]>;
  titles: Map<number, string>;
}

export const presentProject = (p: BudgetProjectRow, locale: Locale, ctx?: ProjectContext): ProjectView => ({
  id: p.id,
  title: p.title,
  description: p.description,
  neighbourhood: p.neighbourhood,
  cost: projectCost(p),
  costText: mad(locale, projectCost(p)),
  status: p.status,
  reason: p.review_reason,
  districtId: p.district_id,
  district: ctx?.districts.find((d) => d.id === p.district_id)?.name ?? null,
  mergedInto: p.merged_into_id !== null ? { id: p.merged_into_id, title: ctx?.titles.get(p.merged_into_id) ?? '' } : null,
  fromCitizen: p.author_id !== null,
  images: (ctx?.images.get(p.id) ?? []).map((sha) => `/c/${ctx!.slug}/budget-images/${sha}`),
  activityId: p.activity_id,
});

export interface ResultsGroupView {
  /** the district's name and envelope, when the round has districts */
  district: { name: string; envelope: string } | null;
  lines: { rank: number; project: ProjectView; votes: number; winner: boolean }[];
  allocated: string;
}

export interface ResultsView {
  groups: ResultsGroupView[];
  online: number;
  paper: number;
  total: number;
  allocated: string;
  /** ballots by gender (rows) and age band (columns), where the voters' list says */
  breakdown: { genders: (string | null)[]; bands: (string | null)[]; count: (gender: string | null, band: string | null) => number } | null;
}

export function presentResults(r: RoundResults, locale: Locale, ctx?: ProjectContext): ResultsView {
  const known = r.breakdown.some((b) => b.gender !== null || b.ageBand !== null);
  const count = (gender: string | null, band: string | null) => r.breakdown.find((b) => b.gender === gender && b.ageBand === band)?.ballots ?? 0;
  const present = <T,>(all: readonly T[], seen: (T | null)[]) => [...all.filter((v) => seen.includes(v)), ...(seen.includes(null) ? [null] : [])];
  return {
    groups: r.groups.map((g) => ({
      district: g.district ? { name: g.district.name, envelope: mad(locale, g.envelope) } : null,
      lines: g.lines.map((l) => ({ rank: l.rank, project: presentProject(l.project, locale, ctx), votes: l.votes, winner: l.winner })),
      allocated: mad(locale, g.allocated),
    })),
    online: r.participation.online,
    paper: r.participation.paper,
    total: r.participation.total,
    allocated: mad(locale, r.allocated),
    breakdown: known
      ? { genders: present(genders, r.breakdown.map((b) => b.gender)), bands: present(ageBands, r.breakdown.map((b) => b.ageBand)), count }
      : null,
  };
}
