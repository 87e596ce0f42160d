// Pure logic of the participatory budget: the phase of a round at an instant, the voter's keyed
// hash, the check of a ballot against the round's rule, and the tally.
import { createHmac, randomBytes } from 'node:crypto';
import type { BudgetProjectRow, RoundRow } from './tables.ts';

export const phases = ['information', 'submission', 'review', 'voting', 'results', 'implementation'] as const;
export type Phase = (typeof phases)[number];
export const rules = ['knapsack', 'approval'] as const;
export type Rule = (typeof rules)[number];

export const phaseStart = (round: RoundRow, phase: Phase): string => round[`${phase}_at`];

/** The phase at an instant ('upcoming' before information starts) and until when it lasts. */
export function phaseAt(round: RoundRow, at: string): { phase: Phase | 'upcoming'; until: string | null } {
  let current: Phase | 'upcoming' = 'upcoming';
  let until: string | null = round.information_at;
  phases.forEach((p, i) => {
    if (phaseStart(round, p) <= at) {
      current = p;
      until = i + 1 < phases.length ? phaseStart(round, phases[i + 1]) : null;
    }
  });
  return { phase: current, until };
}

export const votingOpen = (round: RoundRow, at: string) => phaseAt(round, at).phase === 'voting';
export const resultsPublished = (round: RoundRow, at: string) => round.results_at <= at;

/** The CIN as written on the card, without spaces, in capitals (e.g. "bk 123456" → "BK123456"). */
export const normaliseCin = (cin: string) => cin.replace(/\s+/g, '').toUpperCase();
export const cinPattern = /^[A-Z]{1,2}\d{1,7}$/;

/**
 * The key of the voters' hashes: BUDGET_SECRET if set, else derived from the session secret under
 * a label of its own (so the two secrets never serve the same purpose). Changing it makes the
 * stored census and verifications unusable: they must be uploaded and done again.
 */
export function budgetKey(sessionSecret: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const base = env.BUDGET_SECRET?.trim() || sessionSecret;
  return createHmac('sha256', base).update('infitah/budget/voter-hash/v1').digest();
}

/**
 * The key of the link between a voter and their ballot in a changeable round: the same secret as
 * budgetKey under another label, so that the census key alone never finds a ballot.
 */
export function ballotLinkKey(sessionSecret: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const base = env.BUDGET_SECRET?.trim() || sessionSecret;
  return createHmac('sha256', base).update('infitah/budget/ballot-link/v1').digest();
}

/** What a changeable round's online ballot carries to be found again by its voter (and only so). */
export const changeKey = (linkKey: Buffer, roundId: number, voterHash: string) =>
  createHmac('sha256', linkKey).update(`${roundId}|${voterHash}`).digest('hex');

/** A ballot's id: random, so that ids say nothing of the order of voting. */
export const newBallotId = () => randomBytes(16).toString('hex');

/** HMAC-SHA256 of the normalised CIN and the birth date (YYYY-MM-DD): the only trace of a voter. */
export const voterHash = (key: Buffer, cin: string, birthDate: string) =>
  createHmac('sha256', key).update(`${normaliseCin(cin)}|${birthDate}`).digest('hex');

export const genders = ['f', 'm'] as const;
export const ageBands = ['18-24', '25-34', '35-49', '50-64', '65+'] as const;

/** The age band of someone born on birthDate (YYYY-MM-DD) at an instant; null under 18. */
export function ageBand(birthDate: string, at: string): string | null {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const on = new Date(at);
  const age = on.getUTCFullYear() - y - (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d) ? 1 : 0);
  if (age < 18) return null;
  return age < 25 ? '18-24' : age < 35 ? '25-34' : age < 50 ? '35-49' : age < 65 ? '50-64' : '65+';
}

/** A voter of the census: the keyed hash, and gender and age band when the file gives them. */
export interface CensusEntry {
  hash: string;
  gender: string | null;
  ageBand: string | null;
}

/** What the ballot counts: the review's estimate when there is one. */
export const projectCost = (p: Pick<BudgetProjectRow, 'estimated_cost_mad' | 'staff_cost_mad'>) => Number(p.staff_cost_mad ?? p.estimated_cost_mad);

export type BallotProblem =
  | { key: 'budget.errors.noChoice' }
  | { key: 'budget.errors.unknownProject' }
  | { key: 'budget.errors.overEnvelope'; values: { total: number; envelope: number } }
  | { key: 'budget.errors.tooFew'; values: { min: number } }
  | { key: 'budget.errors.tooMany'; values: { max: number } };

/**
 * The ballot's problem under the round's rule, or null. `feasible` are the projects on the ballot
 * (of the voter's district, in rounds with districts) and `envelope` the one the total must fit.
 */
export function checkBallot(round: RoundRow, envelope: number, feasible: Pick<BudgetProjectRow, 'id' | 'estimated_cost_mad' | 'staff_cost_mad'>[], chosen: number[]): BallotProblem | null {
  const byId = new Map(feasible.map((p) => [p.id, p]));
  const ids = [...new Set(chosen)];
  if (ids.length === 0) return { key: 'budget.errors.noChoice' };
  if (ids.some((id) => !byId.has(id))) return { key: 'budget.errors.unknownProject' };
  if (round.rule === 'knapsack') {
    const total = ids.reduce((s, id) => s + projectCost(byId.get(id)!), 0);
    if (total > envelope) return { key: 'budget.errors.overEnvelope', values: { total, envelope } };
  } else {
    if (round.min_choices !== null && ids.length < round.min_choices) return { key: 'budget.errors.tooFew', values: { min: round.min_choices } };
    if (round.max_choices !== null && ids.length > round.max_choices) return { key: 'budget.errors.tooMany', values: { max: round.max_choices } };
  }
  return null;
}

export interface TallyLine {
  projectId: number;
  votes: number;
  cost: number;
  rank: number;
  winner: boolean;
}

/**
 * Projects ranked by votes (ties: the cheaper first, then the earlier entered); winners taken in
 * rank order while the envelope allows: a project that no longer fits what is left is passed
 * over and the next ones are still considered. Projects without votes never win.
 */
export function tally(envelope: number, projects: { id: number; cost: number }[], votes: Map<number, number>): TallyLine[] {
  const ranked = projects
    .map((p) => ({ projectId: p.id, cost: p.cost, votes: votes.get(p.id) ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.cost - b.cost || a.projectId - b.projectId);
  let left = envelope;
  return ranked.map((p, i) => {
    const winner = p.votes > 0 && p.cost <= left;
    if (winner) left -= p.cost;
    return { ...p, rank: i + 1, winner };
  });
}
