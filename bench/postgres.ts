// BENCH_DATABASE=postgres: the benchmark's SQLite databases copied into PostgreSQL, so that the app
// servers run on the same data. The target database is dropped and created again, migrated with the
// app's own migrations (the schema is theirs), then every table the two share is copied row by row
// in multi-row inserts, with foreign-key triggers off during the copy (session_replication_role =
// replica: the rows are already consistent in SQLite), and the id sequences moved past the copied ids.
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function pgUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface CopyInfo {
  url: string;
  tables: number;
  rows: number;
  seconds: number;
}

const MAX_PARAMS = 60_000; // PostgreSQL's bound is 65,535 parameters per statement

export async function copyToPostgres(sqlitePath: string, name: string, log: (line: string) => void): Promise<CopyInfo> {
  const started = performance.now();
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = pgUrl(name);
  const migrated = openDatabase(url);
  try {
    await migrateToLatest(migrated.db);
  } finally {
    await migrated.close();
  }

  const source = new SQLite(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  let tables = 0;
  try {
    // the tables and columns PostgreSQL has (its migration bookkeeping aside), without generated ones
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' and table_name not like 'kysely_%'
        order by table_name, ordinal_position`,
    );
    const pgColumns = new Map<string, string[]>();
    for (const r of columns.rows) pgColumns.set(r.table_name, [...(pgColumns.get(r.table_name) ?? []), r.column_name]);
    const sqliteTables = new Set((source.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));

    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const [table, pgCols] of pgColumns) {
      if (!sqliteTables.has(table)) continue;
      const sqliteCols = new Set((source.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
      const cols = pgCols.filter((c) => sqliteCols.has(c));
      if (cols.length === 0) continue;
      tables++;
      // rows some migrations insert (themes, platforms, holidays): the SQLite file has them too
      await client.query(`delete from "${table}"`);
      const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
      const quoted = cols.map((c) => `"${c}"`).join(', ');
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch.map((_, i) => `(${cols.map((__, j) => `$${i * cols.length + j + 1}`).join(', ')})`).join(', ');
        await client.query(`insert into "${table}" (${quoted}) values ${values}`, batch.flat());
        rows += batch.length;
        batch = [];
      };
      const select = source.prepare(`select ${quoted} from "${table}"`).raw(true);
      for (const row of select.iterate() as Iterable<unknown[]>) {
        batch.push(row.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
        if (batch.length >= per) await flush();
      }
      await flush();
      // serial ids: the next insert must come after the copied ones
      if (cols.includes('id')) {
        const seq = (await client.query<{ s: string | null }>(`select pg_get_serial_sequence($1, 'id') as s`, [`"${table}"`])).rows[0]?.s;
        if (seq) await client.query(`select setval($1, coalesce((select max(id) from "${table}"), 0) + 1, false)`, [seq]);
      }
    }
    await client.query('commit');
    // what autovacuum does shortly after a bulk load in production: statistics for the planner
    await client.query('analyze');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
    source.close();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  PostgreSQL ${name}: ${tables} tables, ${rows.toLocaleString('en-US')} rows copied from ${sqlitePath} in ${seconds.toFixed(1)} s`);
  return { url, tables, rows, seconds };
}
