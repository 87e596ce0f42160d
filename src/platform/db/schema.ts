// Table types for Kysely. Timestamps are ISO-8601 UTC text and calendar dates are
// YYYY-MM-DD text on both SQLite and PostgreSQL (docs/decisions/002-portable-column-types.md).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface CollectivityTable {
  id: Generated<number>;
  slug: string;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
  kind: string;
  parent_id: number | null;
  /** bumped by every write to the collectivity's content; keys the page cache */
  content_version: Generated<number>;
  /** bumped by every write but those that leave the programme unchanged (commands.ts); keys the programme's pages */
  plan_version: Generated<number>;
  created_at: string;
  /** 1: invented example data (the demo's second commune); its public pages say so */
  is_demo: Generated<number>;
  /** the day it joined the network (YYYY-MM-DD); its creation day unless said otherwise */
  joined_on: Generated<string | null>;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  /** '' once the account is deleted: no password matches it */
  password_hash: string;
  /** '' once the account is deleted */
  display_name: string;
  created_at: string;
  /** 'person' | 'association' */
  account_kind: Generated<string>;
  email_verified_at: string | null;
  /** optional, for gender-disaggregated statistics only: 'female' | 'male' */
  gender: string | null;
  /** optional: 'under_18' | '18_24' | '25_34' | '35_49' | '50_64' | '65_plus' */
  age_band: string | null;
  neighbourhood: string | null;
  /** language of the mails sent to the account */
  locale: Generated<string>;
  /** set when the person deleted the account; the row stays, anonymised */
  deleted_at: string | null;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  /** null only for the network admin role */
  collectivity_id: number | null;
}

export interface SessionTable {
  /** sha256 of the token held in the cookie, so a database leak gives no live session */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** uses of a rate-limited action in one fixed window (src/platform/rate-limit.ts) */
export interface RateCounterTable {
  key: string;
  /** ISO instant at which the window starts */
  window_start: string;
  n: number;
}

export interface ProgrammeTable {
  id: Generated<number>;
  collectivity_id: number;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
  start_year: number;
  end_year: number;
  status: string;
  adoption_session_ar: string | null;
  adoption_session_fr: string | null;
  adoption_session_en: string | null;
  adoption_date: string | null;
  adoption_reference_ar: string | null;
  adoption_reference_fr: string | null;
  adoption_reference_en: string | null;
  created_at: string;
  /** 1 for the collectivity's one current programme (unique partial index): /programme shows it */
  is_current: Generated<number>;
}

export interface PartnerTable {
  id: Generated<number>;
  collectivity_id: number;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
  kind: string;
}

export interface AxisTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  number: number;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
  /** the network's theme of this axis (network_theme), for counts across collectivities */
  theme_id: Generated<number | null>;
}

export interface ProjectTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  axis_id: number;
  number: number;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
  objectives_ar: string | null;
  objectives_fr: string | null;
  objectives_en: string | null;
  expected_results_ar: string | null;
  expected_results_fr: string | null;
  expected_results_en: string | null;
  partners_contribution_ar: string | null;
  partners_contribution_fr: string | null;
  partners_contribution_en: string | null;
  duration_months: number | null;
  /** the project of another collectivity this one was copied from ("reuse in my programme") */
  origin_project_id: Generated<number | null>;
}

/** the network's shared taxonomy of themes, kept by the network administrator */
export interface NetworkThemeTable {
  id: Generated<number>;
  key: string;
  position: number;
  retired: Generated<number>;
  name_ar: string;
  name_fr: string | null;
  name_en: string | null;
  description_ar: string | null;
  description_fr: string | null;
  description_en: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectPartnerTable {
  collectivity_id: number;
  project_id: number;
  partner_id: number;
  position: number;
}

export interface ActivityTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  project_id: number;
  number: number;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
  /** 'amount' | 'none' | 'tbd' (to be set by the implementing party) */
  cost_kind: string;
  /** whole dirhams, only when cost_kind = 'amount' */
  cost_amount_mad: number | null;
  cost_note_ar: string | null;
  cost_note_fr: string | null;
  cost_note_en: string | null;
  /** 'own' (ذاتي) | 'partner' */
  funding_kind: string;
  funding_partner_id: number | null;
  start_date: string;
  end_date: string;
  status: string;
  progress: number;
  /** weight of the activity in the roll-up of progress */
  weight: Generated<number>;
  /** the unfinished activity of the previous programme that this one carries over */
  carried_from_id: number | null;
}

export interface ActivityPartnerTable {
  collectivity_id: number;
  activity_id: number;
  partner_id: number;
  position: number;
}

export interface IndicatorTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  project_id: number;
  /** 'monitoring' (مؤشر التتبع) | 'impact' (مؤشر الأثر) */
  kind: string;
  statement_ar: string;
  statement_fr: string | null;
  statement_en: string | null;
  unit_ar: string | null;
  unit_fr: string | null;
  unit_en: string | null;
  baseline: number | null;
  target: number | null;
  position: number;
}

export interface ChangeLogTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number | null;
  entity_type: string;
  entity_id: number;
  /** 'create' | 'update' | 'delete' */
  action: string;
  at: string;
  actor_user_id: number | null;
  actor_role: string | null;
  /** JSON: [{field, before, after}] */
  changes: string;
  /** 1 when the programme was adopted at the time: shown in the public history */
  public: number;
  /** why, in the words of the staff member, shown with a public change */
  reason: string | null;
}

export interface AccountTokenTable {
  /** sha256 of the token sent in the mail */
  id: string;
  user_id: number;
  /** 'verify' | 'reset' */
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** verify: the local page to return to once verified (and signed in) */
  next_path: Generated<string | null>;
}

export interface MailOutboxTable {
  id: Generated<number>;
  /** the collectivity the mail is about, if any (its admins may read it in the outbox) */
  collectivity_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** the one-click unsubscribe URL (RFC 8058) sent as List-Unsubscribe; null once sent */
  list_unsubscribe: string | null;
  /** one attachment (a meeting's .ics): file name, MIME type, text content */
  attachment_name: string | null;
  attachment_type: string | null;
  attachment_content: string | null;
  /** 'pending' | 'sent' | 'failed' | 'held' (no SMTP configured: kept for reading) */
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface Database {
  collectivity: CollectivityTable;
  app_user: UserTable;
  role_assignment: RoleAssignmentTable;
  user_session: SessionTable;
  rate_counter: RateCounterTable;
  programme: ProgrammeTable;
  partner: PartnerTable;
  axis: AxisTable;
  project: ProjectTable;
  network_theme: NetworkThemeTable;
  project_partner: ProjectPartnerTable;
  activity: ActivityTable;
  activity_partner: ActivityPartnerTable;
  indicator: IndicatorTable;
  change_log: ChangeLogTable;
  account_token: AccountTokenTable;
  mail_outbox: MailOutboxTable;
}

export type CollectivityRow = Selectable<CollectivityTable>;
export type ProgrammeRow = Selectable<ProgrammeTable>;
export type PartnerRow = Selectable<PartnerTable>;
export type AxisRow = Selectable<AxisTable>;
export type ProjectRow = Selectable<ProjectTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
export type NewActivity = Insertable<ActivityTable>;
export type ActivityUpdate = Updateable<ActivityTable>;
