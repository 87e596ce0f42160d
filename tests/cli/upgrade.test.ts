// Upgrading from the oldest released schema: a database made by the first migration set
// (tests/fixtures/foundation.sqlite on SQLite; the same rows after that one migration on
// PostgreSQL) is migrated to this version by the real migrator, then served: the programme page
// and API show its rows, and its administrator logs in and edits. `infitah migrate --dry-run`
// lists what would run and changes nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type OpenDatabase, openDatabase } from '../../src/platform/db/database.ts';
import { knownMigrations, migrateToLatest } from '../../src/platform/db/migrate.ts';
import { FIRST_MIGRATION, NEXT_MIGRATION, fixture, insertFoundationRows } from '../fixtures/foundation.ts';
import { StaffClient, usingPostgres } from '../helpers/app.ts';
import { migrate } from '../helpers/migrations.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The fixture: a copy of the committed file, or a new PostgreSQL database built the same way. */
async function foundationDatabase(t: { after: (f: () => Promise<void>) => void }): Promise<{ url: string; database: OpenDatabase }> {
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'infitah-upgrade-'));
    const path = join(dir, 'infitah.sqlite');
    copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'foundation.sqlite'), path);
    const database = openDatabase(`sqlite:${path}`);
    t.after(async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { url: `sqlite:${path}`, database };
  }
  const name = `infitah_test_upgrade_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const database = openDatabase(u.toString());
  t.after(async () => {
    await database.close();
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  await migrate(database, NEXT_MIGRATION);
  await insertFoundationRows(database.db);
  return { url: u.toString(), database };
}

const dryRun = (url: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [bin, 'migrate', '--dry-run'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );

test('a database of the first release is migrated to this version and serves its commune', async (t) => {
  const { url, database } = await foundationDatabase(t);
  const db = database.db;
  const applied = async () => (await db.selectFrom('kysely_migration' as any).select('name').orderBy('name').execute()).map((r: any) => r.name as string);
  assert.deepEqual(await applied(), [FIRST_MIGRATION]);

  // what would run: every later migration, in order; nothing changes
  const known = await knownMigrations();
  const listed = await dryRun(url);
  assert.equal(listed.code, 0, listed.stderr);
  assert.equal(listed.stdout, `Would apply ${known.length - 1}:\n${known.slice(1).map((m) => `  ${m}\n`).join('')}`);
  assert.deepEqual(await applied(), [FIRST_MIGRATION]);

  const started = performance.now();
  const ran = await migrateToLatest(db);
  t.diagnostic(`${ran.length} migrations run on the first release's database in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  assert.deepEqual(ran, known.slice(1));
  assert.equal((await dryRun(url)).stdout, 'Database is up to date.\n');

  const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'test-secret-test-secret-test-secret', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, database, { logger: false });
  t.after(() => app.close());

  const page = await app.inject(`/ar/c/${fixture.slug}/programme`);
  assert.equal(page.statusCode, 200);
  for (const text of [...fixture.axes, fixture.project, fixture.activity]) assert.ok(page.body.includes(text), text);

  const api = await app.inject(`/api/v1/collectivities/${fixture.slug}/programme`);
  assert.equal(api.statusCode, 200);
  const programme = api.json().programme;
  assert.deepEqual(programme.period, { start: 2024, end: 2025 });
  assert.deepEqual(programme.axes.map((a: { title: { ar: string } }) => a.title.ar), fixture.axes);
  const activity = programme.axes[0].projects[0].activities[0];
  assert.equal(activity.title.ar, fixture.activity);
  assert.equal(activity.cost.amountMad, 50000);
  assert.equal(activity.progress, 40);

  // the administrator of then (collectivity_admin, now focal point) logs in and renames an axis
  const staff = await new StaffClient(app).login(fixture.email);
  const axis = await db.selectFrom('axis').select('id').where('number', '=', 2).executeTakeFirstOrThrow();
  const form = await staff.get(`/admin/c/${fixture.slug}/axes/${axis.id}`);
  assert.equal(form.statusCode, 200);
  const renamed = 'المشاركة المواطنة والحوار الدائم';
  const saved = await staff.post(`/admin/c/${fixture.slug}/axes/${axis.id}`, { number: '2', title_ar: renamed, title_fr: 'Participation citoyenne', title_en: '' });
  assert.equal(saved.statusCode, 303, saved.body);
  // read by the one who wrote (a visitor without cookies may trail by PAGE_FRESH_MS: decision 003)
  assert.ok((await staff.get(`/ar/c/${fixture.slug}/programme`)).body.includes(renamed));
});
