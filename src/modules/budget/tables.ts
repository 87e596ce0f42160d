// Tables of the participatory budget module, added to the application's Database type.
import type { Generated, Selectable } from 'kysely';

export interface BudgetRoundTable {
  id: Generated<number>;
  collectivity_id: number;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
  envelope_mad: number;
  /** 'knapsack' (total cost within the envelope) or 'approval' (between min and max projects) */
  rule: string;
  min_choices: number | null;
  max_choices: number | null;
  /** 1: an online ballot can be changed until voting closes */
  changeable: number;
  information_at: string;
  submission_at: string;
  review_at: string;
  voting_at: string;
  results_at: string;
  implementation_at: string;
  created_at: string;
}

export interface BudgetProjectTable {
  id: Generated<number>;
  collectivity_id: number;
  round_id: number;
  title: string;
  description: string;
  neighbourhood: string;
  estimated_cost_mad: number;
  /** 'submitted' (not reviewed yet), 'feasible', 'infeasible' */
  status: string;
  /** the public reason of the technical review */
  review_reason: string | null;
  /** the cost as the technical review estimates it; the ballot uses it when set */
  staff_cost_mad: number | null;
  created_at: string;
}

export interface BudgetCensusTable {
  collectivity_id: number;
  round_id: number;
  voter_hash: string;
}

export interface BudgetVoterTable {
  collectivity_id: number;
  round_id: number;
  user_id: number;
  voter_hash: string;
  verified_at: string;
}

export interface BudgetAttemptTable {
  id: Generated<number>;
  collectivity_id: number;
  user_id: number;
  at: string;
}

export interface BudgetBallotTable {
  id: Generated<number>;
  collectivity_id: number;
  round_id: number;
  voter_hash: string;
  /** 'online' or 'paper' */
  channel: string;
  cast_at: string;
}

export interface BudgetBallotChoiceTable {
  collectivity_id: number;
  ballot_id: number;
  project_id: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    budget_round: BudgetRoundTable;
    budget_project: BudgetProjectTable;
    budget_census: BudgetCensusTable;
    budget_voter: BudgetVoterTable;
    budget_attempt: BudgetAttemptTable;
    budget_ballot: BudgetBallotTable;
    budget_ballot_choice: BudgetBallotChoiceTable;
  }
}

export type RoundRow = Selectable<BudgetRoundTable>;
export type BudgetProjectRow = Selectable<BudgetProjectTable>;
