// The rule of ADR 009: bin/infitah.js runs dist/ only when it was built after every source, every
// source folder (a file added or deleted, a migration above all) and both tsconfigs; otherwise
// it runs the sources. Checked on a small project of dated files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { distIsCurrent } from '../../scripts/dist-current.js';

test('dist/ is current only when built after every source, source folder and tsconfig', (t) => {
  const base = mkdtempSync(join(tmpdir(), 'infitah-dist-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const date = (path: string, seconds: number) => utimesSync(join(base, path), seconds, seconds);
  mkdirSync(join(base, 'src', 'db', 'migrations'), { recursive: true });
  mkdirSync(join(base, 'dist'));
  const files = ['tsconfig.json', 'tsconfig.build.json', 'src/cli.ts', 'src/db/migrations/20260101T0000_a.ts'];
  for (const f of files) writeFileSync(join(base, f), '');
  for (const p of [...files, 'src', 'src/db', 'src/db/migrations']) date(p, 1_000);

  assert.equal(distIsCurrent(base), false, 'never built');
  writeFileSync(join(base, 'dist', '.built'), '');
  date('dist/.built', 2_000);
  assert.equal(distIsCurrent(base), true, 'built after everything');

  date('src/cli.ts', 3_000);
  assert.equal(distIsCurrent(base), false, 'a source edited after the build');
  date('src/cli.ts', 1_000);
  assert.equal(distIsCurrent(base), true);

  rmSync(join(base, 'src/db/migrations/20260101T0000_a.ts')); // dates its folder now
  assert.equal(distIsCurrent(base), false, 'a migration deleted after the build');
  date('src/db/migrations', 1_000);
  assert.equal(distIsCurrent(base), true);

  date('tsconfig.build.json', 3_000);
  assert.equal(distIsCurrent(base), false, 'compiler settings changed after the build');
});
