// Tables of the dialogue module, added to the application's Database type (declaration merging).
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string> = { [K in `${Name}_ar` | `${Name}_fr` | `${Name}_en`]: string | null };

export const meetingKinds = ['local_actors', 'thematic', 'district', 'committee', 'council_session', 'online'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
/** 'postponed' keeps the meeting's new date in starts_at and the first one in postponed_from */
export const meetingStatuses = ['planned', 'held', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const commitmentStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];
export const meetingLinkKinds = ['axis', 'project', 'activity', 'proposal'] as const;
export type MeetingLinkKind = (typeof meetingLinkKinds)[number];
/** the attendance figures staff record after a meeting, each column `attendance_<name>` */
export const attendanceFields = ['total', 'women', 'men', 'youth', 'associations', 'media', 'elected', 'ieecag', 'online'] as const;
export type AttendanceField = (typeof attendanceFields)[number];

export type MeetingTable = {
  id: Generated<number>;
  collectivity_id: number;
  kind: string;
  status: Generated<string>;
  /** UTC instants (ISO-8601) */
  starts_at: string;
  ends_at: string;
  postponed_from: string | null;
  map_url: string | null;
  /** https only */
  online_url: string | null;
  /** comma-separated language codes: 'ar,fr' */
  languages: Generated<string>;
  registration_enabled: Generated<number>;
  /** seats; null: no limit */
  capacity: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  /** bumped by every change a calendar should pick up (iCal SEQUENCE) */
  sequence: Generated<number>;
  reminder_claimed_at: string | null;
  /** 1: example data of the demo, said so on its pages */
  is_example: Generated<number>;
  created_at: string;
  updated_at: string;
} & { [K in `attendance_${AttendanceField}`]: number | null } & L10n<'title'> &
  L10n<'description'> &
  L10n<'place'> &
  L10n<'organizer'> &
  L10n<'accessibility'> &
  L10n<'cancel_reason'> &
  L10n<'minutes'> &
  L10n<'questions'>;

export type MeetingAgendaPointTable = {
  id: Generated<number>;
  collectivity_id: number;
  meeting_id: number;
  position: number;
} & L10n<'text'>;

export interface MeetingLinkTable {
  collectivity_id: number;
  meeting_id: number;
  target_kind: string;
  target_id: number;
}

export interface MeetingRegistrationTable {
  id: Generated<number>;
  collectivity_id: number;
  meeting_id: number;
  user_id: number;
  /** an association registers N members; a person 1 */
  seats: Generated<number>;
  status: string;
  created_at: string;
  updated_at: string;
}

export type MeetingPhotoTable = {
  id: Generated<number>;
  collectivity_id: number;
  meeting_id: number;
  sha256: string;
  size: number;
  mime: string;
  content: Buffer;
  created_at: string;
} & L10n<'caption'>;

export interface MeetingMinutesFileTable {
  id: Generated<number>;
  collectivity_id: number;
  meeting_id: number;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  content: Buffer;
  created_at: string;
}

export type MeetingCommitmentTable = {
  id: Generated<number>;
  collectivity_id: number;
  meeting_id: number;
  position: number;
  due_on: string | null;
  status: Generated<string>;
  closed_on: string | null;
  activity_id: number | null;
  created_at: string;
  updated_at: string;
} & L10n<'what'> &
  L10n<'who'> &
  L10n<'follow_up'>;

export interface MeetingFeedbackTable {
  id: Generated<number>;
  collectivity_id: number;
  meeting_id: number;
  user_id: number;
  /** 1–5 */
  rating: number;
  comment: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    meeting: MeetingTable;
    meeting_agenda_point: MeetingAgendaPointTable;
    meeting_link: MeetingLinkTable;
    meeting_registration: MeetingRegistrationTable;
    meeting_photo: MeetingPhotoTable;
    meeting_minutes_file: MeetingMinutesFileTable;
    meeting_commitment: MeetingCommitmentTable;
    meeting_feedback: MeetingFeedbackTable;
  }
}

export type MeetingRow = Selectable<MeetingTable>;
export type RegistrationRow = Selectable<MeetingRegistrationTable>;
export type CommitmentRow = Selectable<MeetingCommitmentTable>;
