// A backup's manifest: what the archive holds, and the figures of the snapshot it was taken from,
// so that a restore can be checked against them (docs/decisions/012-backups.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DUMP_NAME = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const;
export const MANIFEST_NAME = 'manifest.json';

const tableSummary = z.object({ rows: z.number().int().nonnegative(), checksum: z.string() });
export type TableSummary = z.infer<typeof tableSummary>;

export const manifestSchema = z.object({
  format: z.literal('infitah-backup/1'),
  appVersion: z.string(),
  kind: z.enum(['sqlite', 'postgres']),
  /** the last migration recorded in the snapshot, null for a database never migrated */
  lastMigration: z.string().nullable(),
  createdAt: z.string(),
  dump: z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** every table of the snapshot: its row count and a checksum of its rows */
  tables: z.record(z.string(), tableSummary),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The application's version, from package.json (as deep above src/ as above dist/). */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The first table whose rows differ from the manifest's figures, or null when all match. */
export function compareTables(expected: Record<string, TableSummary>, actual: Record<string, TableSummary>): string | null {
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[name];
    const a = actual[name];
    if (!e) return `table ${name} is not in the backup`;
    if (!a) return `table ${name} is missing`;
    if (e.rows !== a.rows) return `table ${name} has ${a.rows} rows, the backup ${e.rows}`;
    if (e.checksum !== a.checksum) return `table ${name}: its rows differ from the backup's (checksum)`;
  }
  return null;
}

export const totalRows = (tables: Record<string, TableSummary>) => Object.values(tables).reduce((n, t) => n + t.rows, 0);
