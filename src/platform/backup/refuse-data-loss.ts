// For migrations that drop a table or a column: called first, it stops the migration when rows
// would be lost, and says why the migration wanted to drop them. On PostgreSQL the pending
// migrations run in one transaction, so none of them stays applied; on SQLite those before this
// one do, and this one stops before it changes anything.
import { type Kysely, sql } from 'kysely';

export class DataLossRefused extends Error {}

/**
 * Throws when `table` has rows (or, with `column`, rows where it is not null). `why`: what the
 * migration does instead, for the operator who reads the refusal.
 */
export async function refuseDataLoss(db: Kysely<any>, table: string, why: string): Promise<void>;
export async function refuseDataLoss(db: Kysely<any>, table: string, column: string, why: string): Promise<void>;
export async function refuseDataLoss(db: Kysely<any>, table: string, columnOrWhy: string, maybeWhy?: string): Promise<void> {
  const column = maybeWhy === undefined ? null : columnOrWhy;
  const why = maybeWhy ?? columnOrWhy;
  const tables = await db.introspection.getTables();
  const found = tables.find((t) => t.name === table);
  if (!found || (column && !found.columns.some((c) => c.name === column))) return; // nothing to lose
  let query = db.selectFrom(table).select(sql<number>`count(*)`.as('n'));
  if (column) query = query.where(column, 'is not', null);
  const n = Number((await query.executeTakeFirstOrThrow()).n);
  if (n === 0) return;
  const what = column ? `column ${table}.${column}` : `table ${table}`;
  const rows = `${n} ${n === 1 ? 'row' : 'rows'}${column ? ' with a value' : ''}`;
  throw new DataLossRefused(
    `Migration refused: dropping ${what} would lose ${rows}. Why it is dropped: ${why}. Back the database up (infitah backup), move or delete those rows, then migrate again.`,
  );
}
