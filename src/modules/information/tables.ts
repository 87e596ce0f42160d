// Tables of the access-to-information module, added to the application's Database type
// (declaration merging). The migration is src/db/migrations/20261205T1600_information.ts.
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string> = { [K in `${Name}_ar` | `${Name}_fr` | `${Name}_en`]: string | null };
type Stamps = { created_at: string; updated_at: string };

/** the network's rules, one row (id 1); day counts are working days unless said otherwise */
export type InformationRulesTable = {
  id: number;
  answer_days: number;
  extension_days: number;
  urgent_days: number;
  complaint_window_days: number;
  complaint_answer_days: number;
  /** calendar days (art. 20 counts them so) */
  cdai_window_days: number;
  /** ISO weekdays, comma-separated: '6,7' = Saturday and Sunday */
  weekend: string;
  /** working days before a deadline the person in charge is reminded: '5,1' */
  reminder_days: string;
  daily_limit: number;
} & Stamps;

export type PublicHolidayTable = {
  id: Generated<number>;
  kind: 'fixed' | 'dated';
  month_day: string | null;
  from_year: number | null;
  on_date: string | null;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
} & Stamps;

export type InformationOfficeTable = {
  collectivity_id: number;
  officer_user_id: number | null;
  officer_name: string | null;
  email: string | null;
  phone: string | null;
  is_example: Generated<number>;
} & L10n<'officer_title'> & L10n<'address'> & L10n<'hours'> & Stamps;

export type InformationRequestTable = {
  id: Generated<number>;
  collectivity_id: number;
  requester_user_id: number | null;
  requester_name: string | null;
  requester_contact: string | null;
  requester_email: string | null;
  channel: string;
  filed_by_user_id: number | null;
  subject: string;
  details: string;
  language: string;
  delivery: string;
  urgent: Generated<number>;
  /** why it is urgent (art. 17): life | safety | freedom; migration 20261205T1710 */
  urgent_ground: Generated<string | null>;
  status: string;
  received_on: string;
  clock_from: string;
  due_on: string;
  extended: Generated<number>;
  extension_reason: string | null;
  answered_on: string | null;
  outcome: string | null;
  /** JSON array of exception keys */
  exceptions: string | null;
  answer: string | null;
  answer_public: Generated<number>;
  answer_private_reason: string | null;
  transferred_to: string | null;
  complaint_on: string | null;
  complaint_due_on: string | null;
  complaint_decided_on: string | null;
  complaint_outcome: string | null;
  cdai_on: string | null;
  reminded_first_for: string | null;
  reminded_last_for: string | null;
  is_example: Generated<number>;
  search_text: Generated<string>;
} & Stamps;

export type InformationStepTable = {
  id: Generated<number>;
  collectivity_id: number;
  request_id: number;
  kind: string;
  on_date: string;
  at: string;
  actor_user_id: number | null;
  actor_role: string | null;
  note: string | null;
  due_on: string | null;
};

export type InformationFileTable = {
  id: Generated<number>;
  collectivity_id: number;
  request_id: number;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  content: Buffer;
  created_at: string;
};

export type InformationPublicationTable = {
  id: Generated<number>;
  collectivity_id: number;
  category: string;
  published_on: string;
  url: string | null;
  sha256: string | null;
  size: number | null;
  mime: string | null;
  original_name: string | null;
  content: Buffer | null;
  is_example: Generated<number>;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
} & L10n<'description'> & Stamps;

/** a change to the network's rules or holidays (migration 20261205T1730_information_rules_log) */
export type InformationRulesChangeTable = {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_role: string | null;
  entity_type: 'rules' | 'holiday';
  entity_id: number;
  action: 'create' | 'update' | 'delete';
  /** JSON: [{field, before, after}] */
  changes: string;
};

declare module '../../platform/db/schema.ts' {
  interface Database {
    information_rules: InformationRulesTable;
    public_holiday: PublicHolidayTable;
    information_office: InformationOfficeTable;
    information_request: InformationRequestTable;
    information_step: InformationStepTable;
    information_file: InformationFileTable;
    information_publication: InformationPublicationTable;
    information_rules_change: InformationRulesChangeTable;
  }
}

export type InformationRulesRow = Selectable<InformationRulesTable>;
export type PublicHolidayRow = Selectable<PublicHolidayTable>;
export type InformationOfficeRow = Selectable<InformationOfficeTable>;
export type InformationRequestRow = Selectable<InformationRequestTable>;
export type InformationStepRow = Selectable<InformationStepTable>;
export type InformationFileRow = Selectable<InformationFileTable>;
export type InformationPublicationRow = Selectable<InformationPublicationTable>;
