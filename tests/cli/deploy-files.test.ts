// The deployment files and docs/deploy.md agree with the code: every setting the code reads is in
// the doc's table, nginx accepts the largest form, systemd waits out a graceful stop. Run by
// scripts/cluster-check.sh for real; this catches drift in milliseconds.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { MAX_CENSUS_BYTES } from '../../src/modules/budget/census.ts';
import { MAX_PHOTOS } from '../../src/modules/dialogue/commands/outcome.ts';
import { MAX_PHOTO_BYTES } from '../../src/modules/dialogue/outcome-routes.tsx';
import { MAX_ANSWER_FILES, MAX_ANSWER_FILE_BYTES } from '../../src/modules/information/admin-routes.tsx';
import { MAX_UPLOAD_BYTES } from '../../src/modules/transfer/read.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

test("every variable the code reads from the environment is in docs/deploy.md's table", () => {
  const names = new Set<string>();
  for (const file of sources('src')) {
    // env.NAME, env['NAME'], and config.ts's helpers: wholeNumber(env, 'NAME', …)
    for (const m of read(file).matchAll(/\benv(?:\.|\[['"]|, ')([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
  }
  assert.ok(names.has('SESSION_SECRET') && names.has('PG_POOL_SIZE') && names.has('SIGNUP_MAX_PER_HOUR'), `found ${[...names].join(', ')}`);
  const doc = read('docs/deploy.md');
  const table = doc.slice(doc.indexOf('### Every setting'), doc.indexOf('### The service'));
  const missing = [...names].filter((n) => !table.includes(`| \`${n}\` |`));
  assert.deepEqual(missing, [], 'add them to "Every setting" in docs/deploy.md');
  // and the example environment file sets nothing the code does not read
  const example = read('deploy/infitah.env.example').match(/^#? ?[A-Z][A-Z0-9_]+(?==)/gm)!.map((l) => l.replace(/^# ?/, ''));
  assert.deepEqual(example.filter((n) => !names.has(n)), []);
});

test('nginx accepts the largest form the app takes', () => {
  // a request carries several files: the largest form is the sum of its files
  const largest = Math.max(MAX_PHOTOS * MAX_PHOTO_BYTES, MAX_ANSWER_FILES * MAX_ANSWER_FILE_BYTES, MAX_CENSUS_BYTES, 5 * MAX_UPLOAD_BYTES);
  for (const file of ['deploy/nginx-single.conf', 'deploy/nginx-cluster.conf']) {
    const size = read(file).match(/client_max_body_size (\d+)m;/);
    assert.ok(size, `${file} sets client_max_body_size`);
    assert.ok(Number(size[1]) * 1024 * 1024 >= largest + 64 * 1024, `${file}: ${size[1]} MB < ${largest / 1024 / 1024} MB and the form's fields`);
  }
});

test('systemd waits longer than a graceful stop can take, and runs what nginx proxies to', () => {
  const unit = read('deploy/infitah.service');
  const stop = Number(unit.match(/^TimeoutStopSec=(\d+)s$/m)?.[1]);
  // draining, then closing, each bounded by SHUTDOWN_TIMEOUT_MS (src/server.ts)
  assert.ok(stop * 1000 > 2 * loadConfig({}).shutdownTimeoutMs, `TimeoutStopSec=${stop}`);
  assert.match(unit, /^EnvironmentFile=\/etc\/infitah\/infitah\.env$/m);
  assert.match(unit, /^ExecStart=\/usr\/bin\/node --max-semi-space-size=32 \/srv\/infitah\/bin\/infitah\.js serve --no-demo$/m);
  // the node flags a deployment runs with are those `npm start` runs with
  const start = JSON.parse(read('package.json')).scripts.start as string;
  assert.equal(start, 'node --max-semi-space-size=32 bin/infitah.js serve');
  // and those the cluster check, the bench and the start-up timing run the server with
  const flags = start.split(' ').filter((w) => w.startsWith('--'));
  for (const file of ['scripts/cluster-check.sh', 'bench/measure.ts', 'scripts/startup-time.js']) {
    for (const flag of flags) assert.ok(read(file).includes(flag), `${file} runs the server without ${flag}`);
  }
  const port = read('deploy/infitah.env.example').match(/^PORT=(\d+)$/m)?.[1];
  assert.match(read('deploy/nginx-single.conf'), new RegExp(`proxy_pass http://127\\.0\\.0\\.1:${port};`));
});
