// Row counts and checksums of every table, computed the same way on a database and on its
// restored copy. A table's checksum is the sum of the first 60 bits of each row's MD5: it does
// not depend on the rows' order (PostgreSQL's pg_restore writes them in its own), it is computed
// in constant memory, and any changed, missing or added row changes it. It is a check of
// integrity, not of authenticity: the archive's SHA-256 is the one to compare with a copy.
import { createHash } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { TableSummary } from './manifest.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** SQLite: one row's text is its values as JSON, blobs in hexadecimal. */
function sqliteRowText(values: unknown[]): string {
  return JSON.stringify(values, (_, v) => (Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : typeof v === 'bigint' ? v.toString() : v));
}

export function sqliteTableNames(db: SQLite.Database): string[] {
  const rows = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name").all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** `where`: an SQL condition on the table (tests: the rows that existed at a given point). */
export function sqliteTableSummary(db: SQLite.Database, table: string, where?: string): TableSummary {
  let rows = 0;
  let sum = 0n;
  const statement = db.prepare(`select * from ${quote(table)}${where ? ` where ${where}` : ''}`).raw(true);
  for (const values of statement.iterate() as Iterable<unknown[]>) {
    rows++;
    const digest = createHash('md5').update(sqliteRowText(values)).digest();
    sum += digest.readBigUInt64BE(0) >> 4n; // the first 60 bits, as PostgreSQL's sum below
  }
  return { rows, checksum: sum.toString() };
}

export function sqliteSummaries(db: SQLite.Database): Record<string, TableSummary> {
  return Object.fromEntries(sqliteTableNames(db).map((name) => [name, sqliteTableSummary(db, name)]));
}

type Queryable = Pick<pg.Client, 'query'>;

export async function postgresTableNames(client: Queryable): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename");
  return rows.map((r) => r.name);
}

/** PostgreSQL: one row's text is the row cast to text (bytea in hexadecimal). */
export async function postgresTableSummary(client: Queryable, table: string, where?: string): Promise<TableSummary> {
  const { rows } = await client.query<{ rows: string; sum: string }>(
    `select count(*)::text as rows, coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text as sum
       from ${quote(table)} t${where ? ` where ${where}` : ''}`,
  );
  return { rows: Number(rows[0].rows), checksum: rows[0].sum };
}

export async function postgresSummaries(client: Queryable): Promise<Record<string, TableSummary>> {
  const out: Record<string, TableSummary> = {};
  for (const name of await postgresTableNames(client)) out[name] = await postgresTableSummary(client, name);
  return out;
}
