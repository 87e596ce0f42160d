// Tables of the consultation on the draft, added to the application's Database type (same
// declaration merging as tables.ts).
import type { Selectable } from 'kysely';
import './tables.ts';

export interface ConsultationWindowTable {
  /** one window per programme */
  programme_id: number;
  collectivity_id: number;
  /** ISO instants; entered and shown in Africa/Casablanca time */
  opens_at: string;
  closes_at: string;
  updated_at: string;
}

export interface DraftProjectSupportTable {
  project_id: number;
  user_id: number;
  collectivity_id: number;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    consultation_window: ConsultationWindowTable;
    draft_project_support: DraftProjectSupportTable;
  }
}

declare module './tables.ts' {
  interface ConsultationContributionTable {
    /** the language the author wrote in; null for the demo's contributions (Arabic) */
    lang: string | null;
  }
}

export type ConsultationWindowRow = Selectable<ConsultationWindowTable>;
