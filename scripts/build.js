#!/usr/bin/env node
// Compiles src/ into dist/ (tsconfig.build.json) and copies the files that are not TypeScript
// (the locales' JSON) beside them, so that production runs plain JavaScript
// (docs/decisions/009-compiled-javascript-in-production.md); then bundles dist/cli.js and what it
// imports, packages included, into dist/bundle/, which the command runs: a few files to load
// instead of some 1,500 (docs/decisions/015-bundled-server.md).
//   node scripts/build.js             build
//   node scripts/build.js --if-stale  build only when dist/ is missing or older than a source (npm
//                                     start, npm test); never stops them: the sources run instead
// bin/infitah.js asks scripts/dist-current.js whether to run dist/ or the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, distIsCurrent, files, root, src, stampFile } from './dist-current.js';

/** Builds dist/; false when something went wrong (said on stderr). */
export async function build() {
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
  if (!(await bundle(out))) {
    rmSync(out, { recursive: true, force: true });
    return false;
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
  console.error(`infitah: compiled src/ into dist/ and bundled it (dist/bundle/) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (compiled.status === 2 ? ', with the type errors above (`npm run typecheck`)' : ''));
  return compiled.status === 0;
}

// Packages left out of the bundle: native addons, and the large ones loaded on first use (they
// stay out of the start-up either way). Those loaded through createRequire stay out by themselves.
const unbundled = ['better-sqlite3', '@node-rs/argon2', 'sharp', 'exceljs'];

/** Bundles out/cli.js into out/bundle/ (one chunk per dynamic import); false when it failed. */
async function bundle(out) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.error('infitah: esbuild is not installed (installed without dev dependencies?), so the sources run through tsx. `npm ci` then `npm run build` compiles them.');
    return false;
  }
  const outdir = join(out, 'bundle');
  try {
    await esbuild.build({
      entryPoints: [join(out, 'cli.js')],
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: unbundled,
      // the CommonJS packages bundled (fastify and its plugins) require Node's own modules
      banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
      plugins: [ownPlace(out, outdir)],
      logLevel: 'warning',
    });
    for (const file of files(outdir)) if (!tidy(esbuild, file, relative(root, out))) return false;
    return true;
  } catch {
    console.error('infitah: bundling dist/ failed (above); dist/ was not updated.');
    return false;
  }
}

/**
 * What esbuild leaves in a chunk, put right; false (said on stderr) when it cannot be:
 * - Each module's marker (`// dist/modules/…`, how a stack trace's line is traced to its module,
 *   ADR 015) names the folder the build wrote, dist.tmp-PID/: it names dist/.
 * - Characters beyond ASCII are escaped in strings but not in regular expressions, comments or
 *   tagged templates. One Arabic letter makes V8 hold the whole chunk's source as UTF-16, twice
 *   its size, for as long as the server runs (2.3 MB in three chunks). `\uXXXX` means the same in
 *   a regular expression and a comment, but not in a tagged template's raw text (String.raw):
 *   esbuild, told that templates are not supported, turns each into strings it escapes itself,
 *   so the chunk escaped and then lowered must equal the chunk lowered and then escaped.
 */
function tidy(esbuild, file, built) {
  const code = readFileSync(file, 'utf8').replaceAll(`\n// ${built}/`, '\n// dist/');
  const ascii = escapeNonAscii(code);
  if (ascii !== code) {
    const lowered = (js) =>
      esbuild.transformSync(js, { format: 'esm', charset: 'ascii', supported: { 'template-literal': false }, legalComments: 'none' }).code;
    if (escapeNonAscii(lowered(code)) !== lowered(ascii)) {
      console.error(`infitah: ${file} has a tagged template with characters beyond ASCII, which escaping would change; write them as \\u escapes in its source.`);
      return false;
    }
  }
  writeFileSync(file, ascii);
  return true;
}

const escapeNonAscii = (code) => code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * In a chunk, `import.meta` is the chunk's, not the module's. So each compiled module's
 * import.meta.dirname, filename and url are rewritten to name its own file in dist/, from the
 * chunk's folder: what a module reads beside itself (its locales, public/ up the tree, the XLSX
 * worker's file) is found as from the unbundled dist/ and from src/.
 */
function ownPlace(out, outdir) {
  return {
    name: 'own-place',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, ({ path }) => {
        if (!path.startsWith(out + sep)) return undefined; // a package's file: as it is
        const file = relative(outdir, path).split(sep).join('/');
        return {
          contents: withOwnPlace(readFileSync(path, 'utf8'), {
            dirname: `(import.meta.dirname + ${JSON.stringify(`/${dirname(file)}`)})`,
            filename: `(import.meta.dirname + ${JSON.stringify(`/${file}`)})`,
            url: `new URL(${JSON.stringify(file)}, import.meta.url).href`,
          }),
          loader: 'js',
        };
      });
    },
  };
}

/** `code` with import.meta.dirname, filename and url replaced by the given expressions (a module
 *  bundled into a chunk, here and for the tests in scripts/build-tests.js). */
export function withOwnPlace(code, place) {
  if (!code.includes('import.meta.')) return code;
  return code
    .replaceAll('import.meta.dirname', place.dirname)
    .replaceAll('import.meta.filename', place.filename)
    .replaceAll('import.meta.url', place.url);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (!(ifStale && distIsCurrent()) && !(await build()) && !ifStale) process.exitCode = 1;
}
