// Rows → view models of the participatory budget, for one locale.
import { formatDateTime, formatNumber } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pickText } from '../../platform/tenancy.ts';
import { type Phase, phaseAt, phaseStart, phases, projectCost } from './model.ts';
import type { RoundResults } from './repository.ts';
import type { BudgetProjectRow, RoundRow } from './tables.ts';

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
}

export const presentProject = (p: BudgetProjectRow, locale: Locale): ProjectView => ({
  id: p.id,
  title: p.title,
  description: p.description,
  neighbourhood: p.neighbourhood,
  cost: projectCost(p),
  costText: mad(locale, projectCost(p)),
  status: p.status,
  reason: p.review_reason,
});

export interface ResultsView {
  lines: { rank: number; project: ProjectView; votes: number; winner: boolean }[];
  online: number;
  paper: number;
  total: number;
  allocated: string;
}

export const presentResults = (r: RoundResults, locale: Locale): ResultsView => ({
  lines: r.lines.map((l) => ({ rank: l.rank, project: presentProject(l.project, locale), votes: l.votes, winner: l.winner })),
  online: r.participation.online,
  paper: r.participation.paper,
  total: r.participation.total,
  allocated: mad(locale, r.allocated),
});
