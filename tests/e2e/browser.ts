// Browser tests: Debian's Chromium driven by playwright-core (no downloaded browser), the app
// listening on a free local port with a fresh database. One browser per test file, one context
// per test. A missing Chromium is a failure, never a skip: CI installs it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { OpenDatabase } from '../../src/platform/db/database.ts';
import { TEST_PASSWORD, buildTestApp, collectivityId } from '../helpers/app.ts';

// the same places as npm test's pretest (scripts/ensure-chromium.js): Debian's headless shell
// (a third less CPU than the full browser), else its full Chromium
export const CHROMIUM = process.env.CHROMIUM_PATH || process.env.CHROME_PATH ||
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) || '/usr/bin/chromium-headless-shell';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared: Promise<Browser> | null = null;

/** The file's browser, launched on first use and closed when the process's tests end. */
export function browser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's "chromium-headless-shell" package (apt-get install chromium-headless-shell) or set CHROME_PATH.`);
  }
  shared ??= chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 20_000 });
  return shared;
}

export async function closeBrowser(): Promise<void> {
  if (!shared) return;
  const b = await shared.catch(() => null);
  shared = null;
  await b?.close();
}

export interface E2E {
  base: string;
  database: OpenDatabase;
  context: BrowserContext;
  page: Page;
}

/** The app listening on 127.0.0.1, and a new browser context (closed after the test). */
export async function start(t: TestContext, options: BrowserContextOptions = {}): Promise<E2E> {
  const b = await browser();
  // after-hooks run in the order they are added: the browser lets go before the app and database close
  let context: BrowserContext | undefined;
  t.after(() => context?.close());
  const { app, database } = await buildTestApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  const base = `http://127.0.0.1:${address.port}`;
  context = await b.newContext({ baseURL: base, ...options });
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(10_000);
  const page = await context.newPage();
  return { base, database, context, page };
}

/** Signs in through the login form, as a person would. */
export async function logIn(page: Page, email: string, options: { lang?: 'ar' | 'fr' | 'en' } = {}): Promise<void> {
  await page.goto(`/admin/login${options.lang ? `?lang=${options.lang}` : ''}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.locator('form[action="/admin/login"] button[type="submit"]').click()]);
}

/** An activity of Settat by its project and activity numbers. */
export async function settatActivity(database: OpenDatabase, project: number, activity: number) {
  const cid = await collectivityId(database, 'settat');
  return database.db
    .selectFrom('activity')
    .innerJoin('project', 'project.id', 'activity.project_id')
    .select(['activity.id', 'activity.title_ar', 'activity.title_fr', 'activity.start_date', 'activity.end_date', 'activity.progress'])
    .where('activity.collectivity_id', '=', cid)
    .where('project.number', '=', project)
    .where('activity.number', '=', activity)
    .executeTakeFirstOrThrow();
}

/** An activity of Settat as the adopted document left it: without the demo's example progress
 *  (its notes, its status and the history they wrote), for tests that start from "no change yet". */
export async function documentActivity(database: OpenDatabase, project: number, activity: number) {
  const row = await settatActivity(database, project, activity);
  const cid = await collectivityId(database, 'settat');
  await database.db.deleteFrom('progress_note').where('collectivity_id', '=', cid).where('activity_id', '=', row.id).execute();
  await database.db.deleteFrom('change_log').where('collectivity_id', '=', cid).where('entity_type', '=', 'activity').where('entity_id', '=', row.id).execute();
  await database.db.updateTable('activity').set({ status: 'planned', progress: 0 }).where('id', '=', row.id).execute();
  await database.db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', cid).execute();
  return settatActivity(database, project, activity);
}

/** Visible text of an element with whitespace collapsed, for assertions on what a reader sees. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** Accessibility problems of impact "serious" or "critical" on the current page. */
export async function seriousA11yProblems(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`) }));
}
