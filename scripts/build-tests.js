#!/usr/bin/env node
// Bundles the test files, with the sources they import, into node_modules/.cache/infitah-tests/
// (packages left out), so that each test file's process loads a few JavaScript files instead of
// compiling some 300 TypeScript modules through tsx's loader hooks: that import took most of a
// small test file's time (docs/decisions/016-bundled-tests.md).
//   node scripts/build-tests.js [file…]   prints the bundled files' paths, one per line
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { files, root } from './dist-current.js';

export const testsOut = join(root, 'node_modules', '.cache', 'infitah-tests');

/** Bundles the given test files (all of them by default); returns their bundled paths. */
export async function buildTests(only = []) {
  const esbuild = await import('esbuild');
  const tests = only.length > 0
    ? only.map((f) => resolve(f))
    : ['src', 'tests'].flatMap((d) => [...files(join(root, d))]).filter((f) => /\.test\.tsx?$/.test(f)).sort();
  rmSync(testsOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: tests,
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
 * In a chunk, `import.meta` is the chunk's. Each of our modules' import.meta.dirname, filename
 * and url are written as its own source file's, so that what it reads beside itself (locales,
 * fixtures, public/, the XLSX worker's .ts entry) is found as when tsx runs it.
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
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
          loader,
        };
      });
    },
  };
}

if (import.meta.filename === process.argv[1]) {
  for (const path of await buildTests(process.argv.slice(2))) console.log(path);
}
