#!/usr/bin/env node
// Bundles the test files, with the sources they import, into
// node_modules/.cache/infitah-tests/{pid}/ (packages left out), so that a test process loads a few
// JavaScript files instead of compiling some 300 TypeScript modules through tsx's loader hooks:
// that import took most of a small test file's time (docs/decisions/016-bundled-tests.md).
//   node scripts/build-tests.js [file…]   prints the bundled files' paths, one per line
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withOwnPlace } from './build.js';
import { files, root } from './dist-current.js';
import { running } from './running.js';

const cache = join(root, 'node_modules', '.cache', 'infitah-tests');
/** This run's bundle: a folder per process, so that two runs at once (SQLite and PostgreSQL in
 *  two terminals) do not replace each other's files. */
export const testsOut = join(cache, String(process.pid));

/** Where the bundle has the module of a source file. */
const bundledPath = (path) => join(testsOut, relative(root, path)).replace(/\.tsx?$/, '.js');

/** Bundles the given test files (all of them by default); returns each one's source (relative to
 *  the project) and bundled path. */
export async function buildTests(only = []) {
  const esbuild = await import('esbuild');
  const sources = ['src', 'tests'].flatMap((d) => [...files(join(root, d))]);
  const tests = only.length > 0 ? only.map((f) => resolve(f)) : sources.filter((f) => /\.test\.tsx?$/.test(f)).sort();
  // a worker thread starts from a file of its own: bundled too, found beside its caller's place
  const workers = sources.filter((f) => /-worker\.ts$/.test(f));
  // the bundles of runs that ended without removing theirs (stopped, or a build printed by hand)
  for (const name of existsSync(cache) ? readdirSync(cache) : []) {
    if (!/^\d+$/.test(name) || !running(Number(name))) rmSync(join(cache, name), { recursive: true, force: true });
  }
  rmSync(testsOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [...tests, ...workers],
    outdir: testsOut,
    outbase: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    plugins: [ownPlace()],
    logLevel: 'warning',
  });
  return tests.map((f) => ({ source: relative(root, f), bundled: bundledPath(f) }));
}

/**
 * In a chunk, `import.meta` is the chunk's. Each of our modules' import.meta.dirname and filename
 * are written as its source file's, so that what it reads beside itself (locales, fixtures,
 * public/ up the tree) is found as when tsx runs it; its import.meta.url names its place in the
 * bundle's copy of the tree, as from dist/ (ADR 009): a `.js` URL, beside which the bundled XLSX
 * worker is found, and packages are required as from the project.
 */
function ownPlace() {
  return {
    name: 'own-place',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, ({ path }) => {
        if (path.includes('/node_modules/')) return undefined;
        return {
          contents: withOwnPlace(readFileSync(path, 'utf8'), {
            dirname: JSON.stringify(dirname(path)),
            filename: JSON.stringify(path),
            url: JSON.stringify(pathToFileURL(bundledPath(path)).href),
          }),
          loader: path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

if (import.meta.filename === process.argv[1]) {
  for (const { bundled } of await buildTests(process.argv.slice(2))) console.log(bundled);
}
