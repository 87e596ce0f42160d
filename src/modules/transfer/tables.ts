// Columns the transfer module adds to the programme table (migration 20261129T2200_transfer),
// merged into the application's table type. See docs/decisions/005-imported-programmes.md.
import type { Generated } from 'kysely';

declare module '../../platform/db/schema.ts' {
  interface ProgrammeTable {
    /** 1 while an imported programme waits for staff to put it in place of the current one */
    pending: Generated<number>;
    /** when staff put an imported programme in this one's place (kept, no longer current) */
    replaced_at: string | null;
  }
}

export {};
