#!/usr/bin/env node
// Compiles src/ into dist/ (tsconfig.build.json) and copies the files that are not TypeScript
// (the locales' JSON) beside them, so that production runs plain JavaScript
// (docs/decisions/009-compiled-javascript-in-production.md).
//   node scripts/build.js             build
//   node scripts/build.js --if-stale  build only when dist/ is missing or older than a source (npm
//                                     start, npm test); never stops them: the sources run instead
// bin/infitah.js asks scripts/dist-current.js whether to run dist/ or the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, distIsCurrent, files, root, src, stampFile } from './dist-current.js';

/** Builds dist/; false when something went wrong (said on stderr). */
export function build() {
  const started = Date.now();
  let tsc;
  try {
    tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    console.error('infitah: TypeScript is not installed (installed without dev dependencies?), so the sources run through tsx. `npm ci` then `npm run build` compiles them.');
    return false;
  }
  // built beside dist/ and swapped in at the end: a failed build leaves no half dist/
  const out = join(root, `dist.tmp-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
  // status 2: type errors, JavaScript written all the same (what tsx would run); 1 or a signal: none
  if (compiled.status !== 0 && compiled.status !== 2) {
    rmSync(out, { recursive: true, force: true });
    console.error('infitah: the TypeScript compiler failed (above); dist/ was not updated.');
    return false;
  }
  for (const path of files(src)) {
    if (/\.tsx?$/.test(path)) continue; // compiled above (or a test, left out)
    const target = join(out, relative(src, path));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(path, target);
  }
  const stamp = join(out, stampFile);
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000); // a source saved during the build makes it stale
  // the old dist/ moved aside, not deleted first: a running server finds a dist/ all but an instant
  const old = join(root, `dist.old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(dist, old);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  renameSync(out, dist);
  rmSync(old, { recursive: true, force: true });
  console.error(`infitah: compiled src/ into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (compiled.status === 2 ? ', with the type errors above (`npm run typecheck`)' : ''));
  return compiled.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (!(ifStale && distIsCurrent()) && !build() && !ifStale) process.exitCode = 1;
}
