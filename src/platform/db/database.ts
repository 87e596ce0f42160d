// Opens the database named by DATABASE_URL: `sqlite:PATH` (embedded, the default) or `postgres://…`.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pgModule from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Db;
  dialect: DialectName;
  close(): Promise<void>;
  /**
   * Runs `work` holding a database-wide lock, one process at a time: start-up tasks (migrations,
   * loading the demo into an empty database) take it, so N instances can start at once.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** PostgreSQL: the connection pool's connections now (for /metrics); SQLite has no pool */
  poolUsage?: () => { total: number; idle: number; waiting: number };
}

/** PostgreSQL only (SQLite is a local file): in milliseconds, 0 for no limit. */
export interface DatabaseTimeouts {
  /** opening a connection, or waiting for one from the pool */
  connectTimeoutMs: number;
  /** one statement, cancelled by the server after it */
  statementTimeoutMs: number;
}

export const defaultTimeouts: DatabaseTimeouts = { connectTimeoutMs: 5000, statementTimeoutMs: 15000 };

// pg_advisory_lock key of the start-up lock ('infi' in ASCII); advisory locks are per database
const STARTUP_LOCK = 0x696e6669;

let pgLoaded: typeof pgModule | undefined;

/** pg, loaded when a PostgreSQL database is opened: on SQLite, start-up spares its 0.2 s and 16 MB. */
function pgDriver(): typeof pgModule {
  if (!pgLoaded) {
    pgLoaded = createRequire(import.meta.url)('pg') as typeof pgModule;
    // PostgreSQL returns COUNT and BIGINT as strings; every count in the app is a plain number.
    pgLoaded.types.setTypeParser(20, (v) => Number(v));
    pgLoaded.types.setTypeParser(1700, (v) => Number(v));
  }
  return pgLoaded;
}

export function openDatabase(url: string, timeouts: DatabaseTimeouts = defaultTimeouts): OpenDatabase {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { connectTimeoutMs, statementTimeoutMs } = timeouts;
    const pg = pgDriver();
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.PG_POOL_SIZE ?? 10),
      connectionTimeoutMillis: connectTimeoutMs,
      // cancelled by the server, which leaves the connection usable (a client-side query_timeout
      // would not, and would also cut the migrations short, which lift this one)
      statement_timeout: statementTimeoutMs,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool replaces it on the next query.
    pool.on('error', (err) => console.error(`postgres: idle connection lost: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      close: () => db.destroy(),
      poolUsage: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      // A session-level advisory lock on a connection of its own (not the pool's, which the work
      // uses), without a statement timeout: waiting lasts as long as another instance's start-up.
      // Ending the session releases the lock, also when the process dies.
      async exclusive(work) {
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
        client.on('error', (err) => console.error(`postgres: start-up lock connection lost: ${err.message}`));
        await client.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
          return await work();
        } finally {
          await client.end();
        }
      },
    };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
  const path = url.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  walMode(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy(), exclusive: (work) => (path === ':memory:' ? work() : withFileLock(`${path}-lock`, work)) };
}

/**
 * SQLite's WAL mode, kept in the file once set. Switching a new file to it needs the file to
 * itself, and a second process opening it at that moment (two instances started together) gets
 * SQLITE_BUSY at once: SQLite does not wait on its busy timeout for this. So it waits here, as
 * the timeout would, and tries again.
 */
function walMode(sqlite: SQLite.Database) {
  for (let waited = 0; ; waited += 20) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || waited >= 5000) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // opening is synchronous
    }
  }
}

/**
 * SQLite: an exclusive transaction on a lock file beside the database (PATH-lock, never written
 * to). It cannot be taken on the database itself: the work writes through Kysely's own
 * connection, which another connection's exclusive lock would block, and Kysely's migrator
 * cannot run inside an outer transaction. The operating system releases the lock when the
 * process ends, so a crash leaves no stale lock; the empty file stays (deleting it would let two
 * processes lock two different files).
 */
async function withFileLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  const lock = new SQLite(lockPath, { timeout: 0 });
  try {
    // polled rather than a busy timeout, which would block this process's event loop
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return await work();
  } finally {
    lock.close(); // rolls the empty transaction back: unlocked
  }
}

/**
 * Kysely prepares every SQLite statement again on each query; preparing costs more than running
 * the small indexed queries of a page. Statements are kept by SQL text (bounded). Reuse is safe:
 * Kysely runs one query at a time on its single SQLite connection.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

export class DatabaseTimeout extends Error {}

/** Answers within `timeoutMs` (when given): a database that never answers is an error too. */
export async function checkDatabase(db: Db, timeoutMs?: number): Promise<void> {
  const check = sql`select 1`.execute(db);
  if (!timeoutMs) {
    await check;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(`no answer from the database within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a DATABASE_URL points, for messages: host:port, or the SQLite file; never the password. */
export function databaseAddress(url: string): string {
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  const u = new URL(url);
  return `${u.hostname || u.searchParams.get('host') || 'localhost'}:${u.port || 5432}`;
}

export const now = () => new Date().toISOString();

/** A unique index refused the write (PostgreSQL 23505, SQLite's constraint): two requests raced
 *  for the same key, and the one that lost can be told so, or run again. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Row locks (`for update`, `for share`) are PostgreSQL's: SQLite runs one write at a time and
 *  has no such syntax. Works on a transaction too. */
export const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;
