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
  /** 1: example data of the built-in demo (projects and ballots invented) */
  demo: Generated<number>;
  /** when the ballots were sealed after voting closed (commands/seal.ts); null before */
  sealed_at: Generated<string | null>;
  /** the census file load that is the round's census; null before the first */
  census_load: Generated<number | null>;
  /** census loads claimed so far: each load's number */
  census_loads: Generated<number>;
}

export interface BudgetProjectTable {
  id: Generated<number>;
  collectivity_id: number;
  round_id: number;
  title: string;
  description: string;
  neighbourhood: string;
  estimated_cost_mad: number;
  /** 'submitted' (not reviewed yet), 'feasible', 'infeasible', 'merged' (a duplicate of merged_into_id) */
  status: string;
  /** the public reason of the technical review */
  review_reason: string | null;
  /** the cost as the technical review estimates it; the ballot uses it when set */
  staff_cost_mad: number | null;
  created_at: string;
  /** the round's district the project belongs to (rounds with districts) */
  district_id: Generated<number | null>;
  /** the citizen who submitted it; null when staff entered it */
  author_id: Generated<number | null>;
  /** status 'merged': the project it duplicates and was merged into */
  merged_into_id: Generated<number | null>;
  /** title and description normalised, to suggest similar projects */
  search_text: Generated<string>;
  /** the activity of the action plan this winning project became */
  activity_id: Generated<number | null>;
}

export interface BudgetDistrictTable {
  id: Generated<number>;
  collectivity_id: number;
  round_id: number;
  name: string;
  envelope_mad: number;
}

export interface BudgetProjectImageTable {
  id: Generated<number>;
  collectivity_id: number;
  project_id: number;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_at: string;
}

export interface BudgetCensusTable {
  collectivity_id: number;
  round_id: number;
  voter_hash: string;
  /** the census file this row came with (budget_round.census_load is the current one); 0 in person */
  load_id: number;
  /** 'f' or 'm' when the census says */
  gender: Generated<string | null>;
  /** '18-24', '25-34', '35-49', '50-64' or '65+' at the start of the vote, when known */
  age_band: Generated<string | null>;
  /** 'census' (uploaded file) or 'in_person' (added by staff who saw the card) */
  source: Generated<string>;
}

export interface BudgetVoterTable {
  collectivity_id: number;
  round_id: number;
  user_id: number;
  voter_hash: string;
  verified_at: string;
}

/**
 * The "has voted" mark: one per person and round, online and paper alike (the primary key). It
 * says that the person voted, never how; gender and age band are copied from the census to count
 * participation by them (the census can be replaced later).
 */
export interface BudgetVotedTable {
  collectivity_id: number;
  round_id: number;
  voter_hash: string;
  gender: Generated<string | null>;
  age_band: Generated<string | null>;
}

/** A ballot: nothing in it names the voter (see docs/architecture.md, "Ballot secrecy"). */
export interface BudgetBallotTable {
  /** random (128 bits, hex): ids do not follow the order of voting */
  id: string;
  collectivity_id: number;
  round_id: number;
  /** 'online' or 'paper' */
  channel: string;
  /** the day it was cast (Casablanca), no finer */
  cast_on: string;
  /** the district whose projects and envelope the ballot used (rounds with districts) */
  district_id: Generated<number | null>;
  /**
   * Changeable rounds, online ballots only: HMAC(ballot-link key, round | voter hash), to find the
   * voter's ballot again; null otherwise. Only the server's secret turns a voter into this value.
   */
  change_key: Generated<string | null>;
}

export interface BudgetBallotChoiceTable {
  collectivity_id: number;
  ballot_id: string;
  project_id: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    budget_round: BudgetRoundTable;
    budget_project: BudgetProjectTable;
    budget_district: BudgetDistrictTable;
    budget_project_image: BudgetProjectImageTable;
    budget_census: BudgetCensusTable;
    budget_voter: BudgetVoterTable;
    budget_voted: BudgetVotedTable;
    budget_ballot: BudgetBallotTable;
    budget_ballot_choice: BudgetBallotChoiceTable;
  }
}

export type RoundRow = Selectable<BudgetRoundTable>;
export type BudgetProjectRow = Selectable<BudgetProjectTable>;
export type DistrictRow = Selectable<BudgetDistrictTable>;
