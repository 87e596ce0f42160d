// Tables of the equality commission's e-space, added to the application's Database type
// (declaration merging). The migration is src/db/migrations/20261205T1000_ieecag.ts.
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string> = { [K in `${Name}_ar` | `${Name}_fr` | `${Name}_en`]: string | null };

export const memberRoles = ['president', 'rapporteur', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const memberCategories = ['association', 'expert', 'youth', 'gender', 'elected', 'administration', 'other'] as const;
export type MemberCategory = (typeof memberCategories)[number];
/** who asked for the opinion: the council, its president, or the commission itself */
export const opinionOrigins = ['council', 'president', 'self'] as const;
export type OpinionOrigin = (typeof opinionOrigins)[number];
/** drafted by members (private), adopted by the commission (private), then published */
export const opinionStatuses = ['draft', 'adopted', 'published'] as const;
export type OpinionStatus = (typeof opinionStatuses)[number];
/** the council's response to a transmitted opinion */
export const responseStatuses = ['pending', 'followed', 'partly', 'not_followed'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];
export const opinionLinkKinds = ['axis', 'project', 'activity', 'proposal', 'budget_project'] as const;
export type OpinionLinkKind = (typeof opinionLinkKinds)[number];
export const documentKinds = ['report', 'study', 'diagnostic', 'training', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** 'hidden': by a moderator, with a reason; never public */
export const referralStatuses = ['received', 'answered', 'hidden'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

interface FileColumns {
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  content: Buffer;
  created_at: string;
}

export type IeecagCommissionTable = {
  collectivity_id: number;
  founded_on: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  response_delay_days: Generated<number>;
  is_example: Generated<number>;
  created_at: string;
  updated_at: string;
} & L10n<'founding_act'> &
  L10n<'mission'> &
  L10n<'office_address'> &
  L10n<'office_hours'>;

export type IeecagFoundingFileTable = { id: Generated<number>; collectivity_id: number } & FileColumns;

export type IeecagMemberTable = {
  id: Generated<number>;
  collectivity_id: number;
  position: number;
  name: string;
  role: string;
  category: string;
  gender: string | null;
  mandate_start: string | null;
  mandate_end: string | null;
  name_public: Generated<number>;
  on_monitoring_committee: Generated<number>;
  is_example: Generated<number>;
  created_at: string;
  updated_at: string;
} & L10n<'organisation'>;

export type IeecagOpinionTable = {
  id: Generated<number>;
  collectivity_id: number;
  number: number;
  year: number;
  origin: string;
  status: Generated<string>;
  requested_on: string | null;
  adopted_on: string | null;
  transmitted_on: string | null;
  published_at: string | null;
  response_status: Generated<string>;
  response_on: string | null;
  is_example: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
} & L10n<'subject'> &
  L10n<'council_session'> &
  L10n<'body'> &
  L10n<'response_reason'> &
  L10n<'response_decision'>;

export type IeecagOpinionFileTable = { id: Generated<number>; collectivity_id: number; opinion_id: number } & FileColumns;

export interface IeecagOpinionLinkTable {
  collectivity_id: number;
  opinion_id: number;
  target_kind: string;
  target_id: number;
}

export type IeecagTrainingTable = {
  id: Generated<number>;
  collectivity_id: number;
  held_on: string;
  participants_women: number | null;
  participants_men: number | null;
  participants_total: number | null;
  is_example: Generated<number>;
  created_at: string;
  updated_at: string;
} & L10n<'theme'> &
  L10n<'trainer'> &
  L10n<'summary'>;

export type IeecagDocumentTable = {
  id: Generated<number>;
  collectivity_id: number;
  kind: string;
  published_on: string;
  search_text: Generated<string>;
  is_example: Generated<number>;
  created_at: string;
  updated_at: string;
} & L10n<'title'> &
  L10n<'summary'>;

export type IeecagDocumentFileTable = { id: Generated<number>; collectivity_id: number; document_id: number } & FileColumns;

export interface IeecagReferralTable {
  id: Generated<number>;
  collectivity_id: number;
  user_id: number | null;
  subject: string;
  body: string;
  concerns: string | null;
  status: Generated<string>;
  answer: string | null;
  answer_public: Generated<number>;
  answered_on: string | null;
  hidden_reason: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    ieecag_commission: IeecagCommissionTable;
    ieecag_founding_file: IeecagFoundingFileTable;
    ieecag_member: IeecagMemberTable;
    ieecag_opinion: IeecagOpinionTable;
    ieecag_opinion_file: IeecagOpinionFileTable;
    ieecag_opinion_link: IeecagOpinionLinkTable;
    ieecag_training: IeecagTrainingTable;
    ieecag_document: IeecagDocumentTable;
    ieecag_document_file: IeecagDocumentFileTable;
    ieecag_referral: IeecagReferralTable;
  }
}

export type CommissionRow = Selectable<IeecagCommissionTable>;
export type MemberRow = Selectable<IeecagMemberTable>;
export type OpinionRow = Selectable<IeecagOpinionTable>;
export type TrainingRow = Selectable<IeecagTrainingTable>;
export type DocumentRow = Selectable<IeecagDocumentTable>;
export type ReferralRow = Selectable<IeecagReferralTable>;
