// Tables of the tracking module, added to the application's Database type (declaration merging).
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string> = { [K in `${Name}_ar` | `${Name}_fr` | `${Name}_en`]: string | null };

/** A dated note on an activity's implementation (ملاحظة حول سير الإنجاز). */
export type ProgressNoteTable = {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  activity_id: number;
  noted_on: string;
  /** the progress and status the note set on the activity, when it set them */
  progress: number | null;
  status: string | null;
  author_user_id: number | null;
  is_demo: Generated<number>;
  created_at: string;
} & L10n<'body'>;

/** A file proving a note (a report, a photo), stored with its bytes. */
export interface EvidenceFileTable {
  id: Generated<number>;
  collectivity_id: number;
  note_id: number;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  content: Buffer;
  created_at: string;
}

export interface IndicatorTargetTable {
  id: Generated<number>;
  collectivity_id: number;
  indicator_id: number;
  target_on: string;
  value: number;
}

export type IndicatorMeasurementTable = {
  id: Generated<number>;
  collectivity_id: number;
  indicator_id: number;
  measured_on: string;
  value: number;
  is_demo: Generated<number>;
} & L10n<'source'> & L10n<'note'>;

export interface IndicatorMetricTable {
  indicator_id: number;
  collectivity_id: number;
  metric: string;
  variant: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    progress_note: ProgressNoteTable;
    evidence_file: EvidenceFileTable;
    indicator_target: IndicatorTargetTable;
    indicator_measurement: IndicatorMeasurementTable;
    indicator_metric: IndicatorMetricTable;
  }
}

export type ProgressNoteRow = Selectable<ProgressNoteTable>;
export type MeasurementRow = Selectable<IndicatorMeasurementTable>;
