// Tables of the co-creation back office added after the first migration: the monitoring
// committee's meetings. Added to the application's Database type by declaration merging.
import type { Generated, Selectable } from 'kysely';

export interface CommitteeMeetingTable {
  id: Generated<number>;
  collectivity_id: number;
  committee_id: number;
  held_on: string;
  subject_ar: string;
  subject_fr: string | null;
  subject_en: string | null;
  minutes_ar: string | null;
  minutes_fr: string | null;
  minutes_en: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    committee_meeting: CommitteeMeetingTable;
  }
}

export type CommitteeMeetingRow = Selectable<CommitteeMeetingTable>;
