// PostgreSQL: pg_dump in its custom format, from a snapshot this process exports and reads the
// manifest's figures from (the same rows); pg_restore into the database of DATABASE_URL.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { compareTables, type Manifest } from './manifest.ts';
import { postgresSummaries } from './checksum.ts';
import { BackupError } from './errors.ts';
import type { Snapshot } from './sqlite.ts';

/** The URL without its password, which goes to the tools through PGPASSWORD (not their
 *  command line, which `ps` shows). */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Runs a PostgreSQL client tool; its error output becomes the message when it fails. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new BackupError(`${tool} was not found on the PATH: install PostgreSQL's client tools of the server's version (Debian: apt-get install postgresql-client).`)
          : e,
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new BackupError(`${tool} failed (exit ${code}): ${err.trim()}`))));
  });
}

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15 */
export function toolMajor(versionLine: string): number {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  if (!m) throw new BackupError(`Cannot read the version of the PostgreSQL tools: ${versionLine.trim()}`);
  return Number(m[1]);
}

/** pg_dump refuses a server newer than itself; say which client to install before it starts. */
export function checkToolVersion(tool: string, toolVersion: number, serverVersionNum: number): void {
  const server = Math.floor(serverVersionNum / 10000);
  if (toolVersion < server) {
    throw new BackupError(`${tool} ${toolVersion} is older than the server (PostgreSQL ${server}): install postgresql-client-${server} and put its ${tool} first on the PATH.`);
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function dumpPostgres(url: string, dumpPath: string): Promise<Snapshot> {
  const { dbname, env } = toolConnection(url);
  const dumpVersion = toolMajor(await run('pg_dump', ['--version'], env));
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ v: string }>('show server_version_num');
    checkToolVersion('pg_dump', dumpVersion, Number(rows[0].v));
    // One snapshot for pg_dump and for the manifest's figures: this transaction exports it and
    // stays open until both have read it. Writes go on meanwhile; neither sees them.
    await client.query('begin isolation level repeatable read read only');
    await client.query('set local statement_timeout = 0');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0].id;
    const dump = run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpPath}`, `--dbname=${dbname}`], env);
    const figures = (async () => {
      const migrated = (await client.query("select to_regclass('public.kysely_migration') is not null as m")).rows[0].m as boolean;
      const last = migrated ? ((await client.query<{ name: string }>('select max(name) as name from kysely_migration')).rows[0].name ?? null) : null;
      return { lastMigration: last, tables: await postgresSummaries(client) };
    })();
    const [, snap] = await Promise.all([dump, figures]);
    await client.query('commit');
    return snap;
  } finally {
    await client.end();
  }
}

/** What makes the database not empty: the migrations table, and tables that have rows. */
export async function postgresContents(url: string): Promise<string[]> {
  const client = await connect(url);
  try {
    const found: string[] = [];
    const { rows } = await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename");
    for (const { name } of rows) {
      const n = Number((await client.query(`select count(*) as n from "${name.replaceAll('"', '""')}"`)).rows[0].n);
      if (name === 'kysely_migration') found.unshift(`kysely_migration (${n} migrations applied)`);
      else if (n > 0) found.push(`${name} (${n} ${n === 1 ? 'row' : 'rows'})`);
    }
    return found;
  } finally {
    await client.end();
  }
}

/**
 * pg_restore in one transaction (a failure leaves the database as it was); `clean` drops the
 * backup's objects first. Owners and grants are not restored: the tables belong to the user of
 * DATABASE_URL, as when the migrations create them. Then every table is checked against the
 * manifest.
 */
export async function restorePostgres(url: string, dumpPath: string, manifest: Manifest, clean: boolean): Promise<string[]> {
  const { dbname, env } = toolConnection(url);
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ v: string }>('show server_version_num');
    checkToolVersion('pg_restore', toolMajor(await run('pg_restore', ['--version'], env)), Number(rows[0].v));
    const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', `--dbname=${dbname}`];
    if (clean) args.push('--clean', '--if-exists');
    await run('pg_restore', [...args, dumpPath], env);
    // --clean drops only what the backup has: tables of a newer schema would stay, and the next
    // migration would stumble on them. A forced restore makes the database the backup's.
    const dropped = (await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public'")).rows
      .map((r) => r.name)
      .filter((name) => !(name in manifest.tables));
    if (clean) for (const name of dropped) await client.query(`drop table if exists "${name.replaceAll('"', '""')}" cascade`);
    const problem = compareTables(manifest.tables, await postgresSummaries(client));
    if (problem) throw new BackupError(`The restored database does not match the backup's manifest: ${problem}.`);
    return clean ? dropped : [];
  } finally {
    await client.end();
  }
}
