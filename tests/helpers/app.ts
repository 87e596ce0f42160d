// Test helpers: a fresh database per test file (SQLite in a temporary folder, or a new
// PostgreSQL database when TEST_DATABASE=postgres), migrated and loaded with the Settat demo,
// and the app built on it. Sessions are made by logging in through the real form.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type OpenDatabase, openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { grantRole, upsertUser } from '../../src/platform/auth/users.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';

export const usingPostgres = process.env.TEST_DATABASE === 'postgres';
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new empty database; dropped when the test ends. */
export async function freshDatabase(t: Pick<TestContext, 'after'>): Promise<{ url: string; database: OpenDatabase }> {
  const { url, database, dispose } = await createDatabase();
  t.after(dispose);
  return { url, database };
}

async function createDatabase(): Promise<{ url: string; database: OpenDatabase; dispose: () => Promise<void> }> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (usingPostgres) {
    const name = `infitah_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'infitah-test-'));
    url = `sqlite:${join(dir, 'test.sqlite')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const database = openDatabase(url);
  await migrateToLatest(database.db);
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

/** The app on a fresh database with the Settat demo (programme, co-creation) loaded. */
export async function buildTestApp(t: Pick<TestContext, 'after'>, options: { seed?: boolean } = {}): Promise<TestApp> {
  const { url, database, dispose } = await createDatabase();
  if (options.seed !== false) await loadDemoContent(database.db);
  const config = { ...loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'test-secret-test-secret-test-secret', LOG_LEVEL: 'silent' }) };
  const app = await buildApp(config, database, { logger: false });
  // the app stops before its database is closed and dropped
  t.after(async () => {
    await app.close();
    await dispose();
  });
  return { app, database, url };
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

  async login(email: string, password = TEST_PASSWORD) {
    await this.get('/admin/login');
    const res = await this.post('/admin/login', { email, password });
    if (res.statusCode !== 303) throw new Error(`login failed for ${email}: ${res.statusCode}`);
    await this.get('/admin');
    return this;
  }
}
