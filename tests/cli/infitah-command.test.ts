// The README's first command: `infitah serve` on an empty database migrates, loads the Settat
// demo, prints the demo logins and serves the Arabic programme; the other commands work too.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDatabase } from '../helpers/app.ts';
import { distIsCurrent } from '../../scripts/dist-current.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

test('infitah serve: migrates, loads the demo, serves Settat in Arabic', async (t) => {
  const { url, database } = await freshDatabase(t);
  await database.db.deleteFrom('collectivity').execute(); // empty, but migrated: serve must cope with both
  const port = await freePort();
  // started from another working directory, as a service manager may do: the pages still render
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: tmpdir(),
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));

  let health: Response | undefined;
  // npm test runs the build pretest made (dist/); without it (a single file run after an edit)
  // the sources go through tsx, which on a loaded CI machine can take a while
  for (let i = 0; i < 600 && !health?.ok; i++) {
    await new Promise((r) => setTimeout(r, 100));
    health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
  }
  assert.ok(health?.ok, `server did not start:\n${output}`);
  const page = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'follow' });
  assert.equal(new URL(page.url).pathname, '/ar/');
  const programme = await (await fetch(`http://127.0.0.1:${port}/ar/c/settat/programme`)).text();
  assert.match(programme, /<html lang="ar" dir="rtl">/);
  assert.match(programme, /برنامج انفتاح جماعة سطات/);
  assert.match(output, /admin@infitah\.local {2}password: \S{8,}/);

  // the demo's login printed on the console works
  const password = /admin@infitah\.local {2}password: (\S+)/.exec(output)![1];
  const form = await fetch(`http://127.0.0.1:${port}/admin/login`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const login = await fetch(`http://127.0.0.1:${port}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email: 'admin@infitah.local', password }).toString(),
  });
  assert.equal(login.status, 303);

  // the server runs bundled (ADR 015): each page its sitemap lists answers, in one language, and
  // the files made with a package loaded on first use (the open-data API's document, a spreadsheet)
  const sitemap = await (await fetch(`http://127.0.0.1:${port}/c/settat/sitemap.xml`)).text();
  const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname).filter((p) => p.startsWith('/ar/'));
  assert.ok(pages.length > 50, `${pages.length} pages`);
  for (const page of [...pages, '/api/v1/openapi.json', '/ar/network.xlsx']) {
    const response = await fetch(`http://127.0.0.1:${port}${page}`);
    assert.equal(response.status, 200, page);
    await response.arrayBuffer();
  }
});

test('infitah seed-demo and create-admin', async (t) => {
  const { url } = await freshDatabase(t);
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  const first = run('seed-demo');
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Settat demo loaded/);
  const again = run('seed-demo');
  assert.match(again.stdout, /nothing changed/);
  const admin = run('create-admin', '--email', 'Chef@Settat.ma', '--password', 'une-phrase-de-passe', '--role', 'focal_point', '--collectivity', 'settat');
  assert.equal(admin.status, 0, admin.stderr);
  assert.match(admin.stdout, /Created chef@settat\.ma \(focal_point of settat\)/);
  const reset = run('create-admin', '--email', 'chef@settat.ma', '--password', 'une-autre-phrase', '--role', 'focal_point', '--collectivity', 'settat');
  assert.match(reset.stdout, /Updated chef@settat\.ma/);
  const bad = run('create-admin', '--email', 'x@y.ma', '--password', 'short');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /at least 10 characters/);
  // the same rules as every new password, with the reason in English
  const common = run('create-admin', '--email', 'x@y.ma', '--password', '1234567890');
  assert.notEqual(common.status, 0);
  assert.match(common.stderr, /among the most common/);
  const personal = run('create-admin', '--email', 'karim.alaoui@settat.ma', '--password', 'karim.alaoui.2026');
  assert.match(personal.stderr, /must not contain your email address or your name/);
  const unknown = run('create-admin', '--email', 'x@y.ma', '--password', 'long-enough-pass', '--role', 'editor', '--collectivity', 'atlantis');
  assert.match(unknown.stderr, /Unknown collectivity atlantis/);
});

// One letter beyond Latin-1 in a chunk makes V8 hold the whole chunk's source as UTF-16, twice
// its size for as long as the server runs: the build escapes what esbuild leaves (regular
// expressions, comments). A stack trace's line is traced to its module by the markers.
test('the bundle is ASCII, and its markers name the modules in dist/', (t) => {
  const root = join(import.meta.dirname, '..', '..');
  if (!distIsCurrent(root)) return t.skip('dist/ is missing or stale (npm test builds it first)');
  const bundle = join(root, 'dist', 'bundle');
  const chunks = readdirSync(bundle).filter((f) => f.endsWith('.js'));
  assert.ok(chunks.length > 10, `${chunks.length} chunks`);
  for (const chunk of chunks) {
    const code = readFileSync(join(bundle, chunk), 'latin1');
    assert.doesNotMatch(code, /[^\x00-\x7f]/, chunk);
    assert.doesNotMatch(code, /^\/\/ dist\.tmp/m, chunk);
  }
  assert.match(readFileSync(join(bundle, 'cli.js'), 'latin1'), /^\/\/ dist\/cli\.js$/m);
});
