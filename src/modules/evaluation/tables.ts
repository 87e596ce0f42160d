// Tables of the evaluation module, added to the application's Database type.
import type { Generated, Selectable } from 'kysely';

export interface EvaluationReportTable {
  id: Generated<number>;
  collectivity_id: number;
  programme_id: number;
  year: number;
  notes_ar: string | null;
  notes_fr: string | null;
  notes_en: string | null;
  created_at: string;
  updated_at: string;
}

/** Why a late activity is late, as staff explain it in a year's report. */
export interface EvaluationLateReasonTable {
  collectivity_id: number;
  report_id: number;
  activity_id: number;
  reason_ar: string | null;
  reason_fr: string | null;
  reason_en: string | null;
}

export interface EvaluationVersionTable {
  id: Generated<number>;
  collectivity_id: number;
  report_id: number;
  year: number;
  version: number;
  /** JSON of ReportContent, frozen at publication */
  content: string;
  published_at: string;
  published_by: number | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    evaluation_report: EvaluationReportTable;
    evaluation_late_reason: EvaluationLateReasonTable;
    evaluation_version: EvaluationVersionTable;
  }
}

export type ReportRow = Selectable<EvaluationReportTable>;
export type VersionRow = Selectable<EvaluationVersionTable>;
