#!/usr/bin/env node
// npm test: bundles the test files (scripts/build-tests.js), then runs them with Node's test
// runner, two processes at a time, each running a group of up to GROUP files of one kind (src/
// unit tests, tests/http, tests/cli, tests/e2e) one after the other (ADR 016).
// `npm test -- tests/http/x.test.ts …` runs only those.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTests, testsOut } from './build-tests.js';
import { root } from './dist-current.js';

/** Files per process: loading the code and warming it up is paid once per group, not per file. */
const GROUP = 10;

/** Files that change their own process for all its tests, so run in a process of their own. */
const ALONE = new Set([
  'tests/http/transfer-export-memory.test.ts', // samples its process's heap, with --expose-gc
]);

/** Groups by kind, the browser tests first: the longest to run, they would otherwise end last. */
const kinds = new Map();
const alone = [];
for (const { source, bundled } of await buildTests(process.argv.slice(2))) {
  if (ALONE.has(source)) alone.push(bundled);
  else {
    const kind = source.split('/').slice(0, source.startsWith('tests/') ? 2 : 1).join('/');
    if (!kinds.has(kind)) kinds.set(kind, []);
    kinds.get(kind).push(bundled);
  }
}
const order = (kind) => (kind === 'tests/e2e' ? 0 : 1);
const groups = [...kinds]
  .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
  .flatMap(([kind, files]) => {
    const count = Math.ceil(files.length / GROUP);
    // spread round-robin, so that long files of one name prefix do not share a process
    return Array.from({ length: count }, (_, g) => ({ kind, files: files.filter((_, i) => i % count === g) }));
  });
groups.push(...alone.map((file) => ({ kind: '', files: [file] })));

// a group is a module importing its files: their tests run in that order, in one process
const groupDir = join(testsOut, 'groups');
mkdirSync(groupDir, { recursive: true });
const entries = groups.map(({ kind, files }, i) => {
  if (files.length === 1) return files[0];
  const name = `${String(i).padStart(2, '0')}-${kind.replaceAll('/', '-')}.test.js`;
  const entry = join(groupDir, name);
  writeFileSync(entry, files.map((f) => `import ${JSON.stringify(pathToFileURL(f).href)};\n`).join(''));
  return entry;
});

const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...entries], { stdio: 'inherit', cwd: root });
rmSync(testsOut, { recursive: true, force: true });
process.exitCode = run.status ?? 1;
