// Tables of the co-creation module, added to the application's Database type.
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string, Required extends boolean = false> = {
  [K in `${Name}_ar`]: Required extends true ? string : string | null;
} & { [K in `${Name}_fr` | `${Name}_en`]: string | null };

export type ProcessStageTable = {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  kind: string;
  starts_on: string;
  ends_on: string | null;
  /** 1 when only the month is known (e.g. "October 2023 session"): starts_on is its first day */
  month_only: Generated<number>;
  status: string;
  document_url: string | null;
} & L10n<'title', true> & L10n<'description'>;

export type CommitteeTable = {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  decision_number: string | null;
  decision_date: string | null;
} & L10n<'name', true> & L10n<'decision_text'>;

export type CommitteeMemberTable = {
  id: Generated<number>;
  collectivity_id: number;
  committee_id: number;
  position: number;
  name: string;
  /** 'chair' | 'member' */
  role: string;
  represents_ieecag: Generated<number>;
} & L10n<'title'>;

export type ParticipationEventTable = {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  /** 'workshop' | 'consultation_workshop' | 'meeting' | 'information_meeting' */
  kind: string;
  held_on: string;
  attendance_total: number | null;
  attendance_women: number | null;
  attendance_ieecag: number | null;
  associations_represented: number | null;
} & L10n<'title', true> & L10n<'place'>;

export type CallForProposalsTable = {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  /** ISO instants; windows are entered and shown in Africa/Casablanca time */
  opens_at: string;
  closes_at: string;
  /** comma-separated: online, workshop, other */
  channels: string;
  published_at: string;
} & L10n<'title', true> & L10n<'body'>;

export interface ProposalTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  axis_id: number;
  /** 'online' | 'workshop' | 'other' */
  channel: string;
  call_id: number | null;
  event_id: number | null;
  author_user_id: number | null;
  title: string;
  body: string;
  /** the language the author wrote in */
  lang: string;
  /** normalized title and body (platform/text/normalize.ts), searched with LIKE */
  search_text: string;
  /** submitted → under_review → retained / merged / not_retained / withdrawn */
  status: string;
  merged_into_id: number | null;
  project_id: number | null;
  activity_id: number | null;
  /** invented example of the built-in demo, shown as such */
  is_demo: Generated<number>;
  submitted_at: string;
}

export type ProposalStepTable = {
  id: Generated<number>;
  collectivity_id: number;
  proposal_id: number;
  at: string;
  status: string;
  actor_role: string | null;
} & L10n<'answer'>;

export interface ProposalSupportTable {
  proposal_id: number;
  user_id: number;
  collectivity_id: number;
  created_at: string;
}

/** A person who wants the answer by mail without supporting the proposal. */
export interface ProposalFollowTable {
  proposal_id: number;
  user_id: number;
  collectivity_id: number;
  created_at: string;
}

/** A person who wants no more mail about a proposal (from the unsubscribe link of a mail). */
export interface ProposalMuteTable {
  proposal_id: number;
  user_id: number;
  collectivity_id: number;
  created_at: string;
}

export interface ProposalCommentTable {
  id: Generated<number>;
  collectivity_id: number;
  proposal_id: number;
  author_user_id: number | null;
  body: string;
  lang: string;
  created_at: string;
  /** set by a moderator: the comment is replaced by "hidden by moderation: reason" */
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_by_role: string | null;
}

export interface CommentReportTable {
  comment_id: number;
  user_id: number;
  collectivity_id: number;
  reason: string;
  created_at: string;
}

export interface ConsultationContributionTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  project_id: number;
  event_id: number | null;
  author_user_id: number | null;
  channel: string;
  body: string;
  is_demo: Generated<number>;
  submitted_at: string;
}

/** A proposal the last cycle did not retain, taken up by the next programme's draft ("start the
 *  next programme"): shown in the draft's back office and on the proposal's page. */
export interface ProposalCarriedTable {
  proposal_id: number;
  programme_id: number;
  collectivity_id: number;
  carried_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    process_stage: ProcessStageTable;
    committee: CommitteeTable;
    committee_member: CommitteeMemberTable;
    participation_event: ParticipationEventTable;
    call_for_proposals: CallForProposalsTable;
    proposal: ProposalTable;
    proposal_step: ProposalStepTable;
    proposal_support: ProposalSupportTable;
    proposal_follow: ProposalFollowTable;
    proposal_mute: ProposalMuteTable;
    proposal_carried: ProposalCarriedTable;
    proposal_comment: ProposalCommentTable;
    comment_report: CommentReportTable;
    consultation_contribution: ConsultationContributionTable;
  }
}

export type ProposalRow = Selectable<ProposalTable>;
export type EventRow = Selectable<ParticipationEventTable>;
export type StageRow = Selectable<ProcessStageTable>;
