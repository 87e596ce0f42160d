// Test helpers: a fresh database per test file (SQLite in a temporary folder, or a new
// PostgreSQL database when TEST_DATABASE=postgres), migrated and loaded with the Settat demo,
// and the app built on it. Sessions are made by logging in through the real form.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { type TestContext, after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type OpenDatabase, openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { grantRole, upsertUser } from '../../src/platform/auth/users.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { running } from '../../scripts/running.js';

export const usingPostgres = process.env.TEST_DATABASE === 'postgres';
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new empty (migrated) database; closed when the test ends, removed then (SQLite) or with the process's others (PostgreSQL). */
export async function freshDatabase(t: Pick<TestContext, 'after'>): Promise<{ url: string; database: OpenDatabase }> {
  const { url, database, dispose } = await createDatabase(false);
  t.after(dispose);
  return { url, database };
}

/**
 * The day the template's demo is loaded on (Casablanca): its open parts (a call, a budget vote,
 * the next meetings) are placed relative to it. Taken once per test process, before any clock is
 * mocked; tests that need a day of their own use `buildTestApp(t, { demoDay })`.
 */
export const demoDay = todayInCasablanca();

// Every test starts from the same state (migrated, with or without the demo), built once per
// source version and demo day as a template: a PostgreSQL template database (CREATE DATABASE …
// TEMPLATE), or a SQLite file that is copied; either is shared by every test process. Building
// it takes seconds; copying it, a fraction.
const fingerprint = (() => {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.includes('.test.')) hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(import.meta.dirname, '..', '..', 'src'));
  hash.update(readFileSync(import.meta.filename)); // how this file prepares it
  hash.update(demoDay); // a new template each day: the demo's open parts are placed from it
  return hash.digest('hex').slice(0, 12);
})();

async function prepare(database: OpenDatabase, seed: boolean) {
  await migrateToLatest(database.db);
  if (seed) await loadDemoContent(database.db, { today: demoDay });
}

async function pgTemplate(seed: boolean): Promise<string> {
  const name = `infitah_tpl_${seed ? 'demo' : 'empty'}_${fingerprint}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    // one builder at a time across the test processes; the others wait, then find it built
    await admin.query('select pg_advisory_lock(4242)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      // templates of other code versions, unless built in the last two hours: another checkout
      // (a second worktree) may be testing with its own on the same server
      const stale = await admin.query(
        `select datname from pg_database where datname like 'infitah\_tpl\_%' and datname not like $1
           and coalesce(shobj_description(oid, 'pg_database'), '0')::bigint < $2`,
        [`%_${fingerprint}`, Date.now() - 2 * 3_600_000],
      );
      for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building}`);
      await admin.query(`create database ${building}`);
      const u = new URL(PG_ADMIN_URL);
      u.pathname = `/${building}`;
      const database = openDatabase(u.toString());
      try {
        await prepare(database, seed);
      } finally {
        await database.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
      await admin.query(`comment on database ${name} is '${Date.now()}'`);
    }
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(4242)');
    await admin.end();
  }
}

/**
 * PostgreSQL databases whose test has ended, dropped together once the process's tests have run.
 * PostgreSQL forces an immediate checkpoint on every DROP DATABASE, which writes out the pages the
 * other tests running meanwhile left in memory, and the test waited for it: a drop after each test
 * made the PostgreSQL run a third slower. Drops sent together share checkpoints.
 */
const finished: string[] = [];
/** A test database's name says which process made it, so that a process that did not live to
 *  drop its databases (killed, timed out) has them dropped by the next one that starts. */
const testDatabasePrefix = `infitah_test_p${process.pid}_`;
let leftoversDropped = false;

async function dropLeftovers(admin: pg.Client) {
  leftoversDropped = true;
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'infitah\_test\_p%'`);
  for (const { datname } of rows) {
    const pid = Number(/^infitah_test_p(\d+)_/.exec(datname)?.[1]);
    if (!pid || running(pid)) continue;
    // another process may be dropping it at the same moment
    await admin.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
  }
}

if (usingPostgres) {
  after(async () => {
    const names = finished.splice(0);
    await Promise.all(Array.from({ length: Math.min(8, names.length) }, async (_, k) => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        for (let i = k; i < names.length; i += 8) await c.query(`drop database if exists ${names[i]} with (force)`);
      } finally {
        await c.end();
      }
    }));
  });
}

const sqliteTemplates = new Map<boolean, string>();
const UNUSED_TEMPLATE_MS = 2 * 3_600_000;
// the real time, also in a test that mocks Date (the template's age is shared with other processes)
const realNow = () => performance.timeOrigin + performance.now();

/**
 * The SQLite template file: built by the first test process that needs it (each test file runs
 * in a process of its own) and copied by all of them. It is renamed into place whole, so another
 * process finds it complete or not at all (two building at once both write the same). Templates
 * not used for two hours (of other source versions or days) are deleted.
 */
async function sqliteTemplate(seed: boolean): Promise<string> {
  const known = sqliteTemplates.get(seed);
  if (known) return known;
  const path = join(tmpdir(), `infitah-template-${fingerprint}-${seed ? 'demo' : 'empty'}.sqlite`);
  if (!existsSync(path)) {
    const dir = mkdtempSync(join(tmpdir(), 'infitah-template-'));
    try {
      const building = join(dir, 'template.sqlite');
      const database = openDatabase(`sqlite:${building}`);
      await prepare(database, seed);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
      await database.close();
      renameSync(building, path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const name of readdirSync(tmpdir())) {
      const other = join(tmpdir(), name);
      const used = /^infitah-template-\w+-(demo|empty)\.sqlite$/.test(name) ? statSync(other, { throwIfNoEntry: false })?.mtimeMs : undefined;
      if (used !== undefined && realNow() - used > UNUSED_TEMPLATE_MS) rmSync(other, { force: true });
    }
  }
  utimesSync(path, realNow() / 1000, realNow() / 1000); // in use: not deleted as unused
  sqliteTemplates.set(seed, path);
  return path;
}

async function createDatabase(seed: boolean): Promise<{ url: string; database: OpenDatabase; dispose: () => Promise<void> }> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (usingPostgres) {
    const name = `${testDatabasePrefix}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      if (!leftoversDropped) await dropLeftovers(admin);
      // a test process of another source version (another worktree) may drop this template as
      // stale between the two steps: build it again and retry
      for (let attempt = 1; ; attempt++) {
        const template = await pgTemplate(seed);
        try {
          await admin.query(`create database ${name} template ${template}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '3D000' || attempt === 8) throw error;
        }
      }
    } finally {
      await admin.end(); // an open client would keep the test process from exiting
    }
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      finished.push(name);
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'infitah-test-'));
    const path = join(dir, 'test.sqlite');
    copyFileSync(await sqliteTemplate(seed), path);
    url = `sqlite:${path}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const database = openDatabase(url);
  const dispose = async () => {
    await database.close();
    await cleanup();
  };
  return { url, database, dispose };
}

export interface TestApp {
  app: FastifyInstance;
  database: OpenDatabase;
  url: string;
}

/**
 * The app on a fresh database with the Settat demo (programme, co-creation) loaded on `demoDay`;
 * `{ demoDay: 'YYYY-MM-DD' }` loads it on another day into a database of its own (slower: no
 * template), for tests that fix "now" and the demo's open parts together.
 */
export async function buildTestApp(t: Pick<TestContext, 'after'>, options: { seed?: boolean; demoDay?: string } = {}): Promise<TestApp> {
  const ownDay = options.demoDay !== undefined && options.seed !== false;
  const { url, database, dispose } = await createDatabase(options.seed !== false && !ownDay);
  if (ownDay) await loadDemoContent(database.db, { today: options.demoDay });
  // NETWORK_FRESH_MS=0, PAGE_FRESH_MS=0: a test reads the network's figures and the public pages
  // right after its writes, often with a frozen clock; the freshness windows themselves are tested
  // on their own (network-dashboard.test.ts, read-models.test.ts)
  const config = { ...loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'test-secret-test-secret-test-secret', LOG_LEVEL: 'silent', NETWORK_FRESH_MS: '0', PAGE_FRESH_MS: '0' }) };
  const app = await buildApp(config, database, { logger: false });
  // the app stops before its database is closed and dropped
  t.after(async () => {
    await app.close();
    await dispose();
  });
  return { app, database, url };
}

/**
 * A second app instance on the same database (its own connection pool and page cache), as a
 * second server behind a load balancer would be: for tests of concurrency and cache freshness
 * across instances. Closed when the test ends, before the database is dropped.
 */
export async function secondInstance(t: Pick<TestContext, 'after'>, first: TestApp): Promise<TestApp> {
  const database = openDatabase(first.url);
  const config = { ...first.app.config };
  const app = await buildApp(config, database, { logger: false });
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return { app, database, url: first.url };
}

export async function collectivityId(database: OpenDatabase, slug: string): Promise<number> {
  const row = await database.db.selectFrom('collectivity').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

export const TEST_PASSWORD = 'كلمة-سر-طويلة-2024';

export async function createStaff(database: OpenDatabase, email: string, role: Role, slug: string | null): Promise<number> {
  const user = await upsertUser(database.db, { email, password: TEST_PASSWORD, displayName: email.split('@')[0], verified: true });
  await grantRole(database.db, user.id, role, slug ? await collectivityId(database, slug) : null);
  return user.id;
}

/** Cookies as a Cookie header value, merged from set-cookie headers. */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(setCookie: string | string[] | undefined) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A file of a multipart form (field: the input's name, 'files' unless given). */
export type Upload = { name: string; type: string; content: Buffer; field?: string };

/** A signed-in staff browser: GET pages and POST forms with the CSRF token of the last page. */
export class StaffClient {
  jar = new CookieJar();
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.jar.header() } });
    this.jar.store(res.headers['set-cookie']);
    const token = csrfFrom(res.body);
    if (token) this.csrf = token;
    return res;
  }

  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: string } = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: options.csrf ?? this.csrf, ...form })) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.jar.store(res.headers['set-cookie']);
    return res;
  }

  /** POSTs a multipart form as a browser would; each file goes under its own field name. */
  async postMultipart(url: string, fields: Record<string, string>, files: Upload[], options: { csrf?: string } = {}) {
    const form = new FormData();
    form.append('_csrf', options.csrf ?? this.csrf);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.field ?? 'files', new Blob([new Uint8Array(f.content)], { type: f.type }), f.name);
    const encoded = new Response(form);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.jar.header(), 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    this.jar.store(res.headers['set-cookie']);
    return res;
  }

  async login(email: string, password = TEST_PASSWORD) {
    await this.get('/admin/login');
    const res = await this.post('/admin/login', { email, password });
    if (res.statusCode !== 303) throw new Error(`login failed for ${email}: ${res.statusCode}`);
    await this.get('/admin');
    return this;
  }
}
