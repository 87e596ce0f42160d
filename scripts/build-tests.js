#!/usr/bin/env node
// Bundles the test files, with the sources they import, into node_modules/.cache/infitah-tests/
// {pid}/ (packages left out), so that each test file's process loads a few JavaScript files instead of
// compiling some 300 TypeScript modules through tsx's loader hooks: that import took most of a
// small test file's time (docs/decisions/016-bundled-tests.md).
//   node scripts/build-tests.js [file…]   prints the bundled files' paths, one per line
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { files, root } from './dist-current.js';

const cache = join(root, 'node_modules', '.cache', 'infitah-tests');
/** This run's bundle: a folder per process, so that two runs at once (SQLite and PostgreSQL in
 *  two terminals) do not replace each other's files. */
export const testsOut = join(cache, String(process.pid));

const running = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

/** Bundles the given test files (all of them by default); returns their bundled paths. */
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
  return tests.map((f) => join(testsOut, relative(root, f)).replace(/\.tsx?$/, '.js'));
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
        const code = readFileSync(path, 'utf8');
        const loader = path.endsWith('x') ? 'tsx' : 'ts';
        if (!code.includes('import.meta.')) return { contents: code, loader };
        return {
          contents: code
            .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
            .replaceAll('import.meta.filename', JSON.stringify(path))
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(join(testsOut, relative(root, path)).replace(/\.tsx?$/, '.js')).href)),
          loader,
        };
      });
    },
  };
}

if (import.meta.filename === process.argv[1]) {
  for (const path of await buildTests(process.argv.slice(2))) console.log(path);
}
