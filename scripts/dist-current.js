// Whether dist/ holds a complete build newer than every source (ADR 009). bin/infitah.js asks it
// on every run, so it loads nothing but node:fs and node:path.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const src = join(root, 'src');
export const dist = join(root, 'dist');
export const stampFile = '.built'; // written last by scripts/build.js, dated when the build started

export function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** `dir`, and every folder and file under it. */
function* tree(dir) {
  yield dir;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tree(path);
    else yield path;
  }
}

/** dist/ is complete and was built after the last change to src/ and to the compiler settings
 *  (of this checkout, or of the project at `base`). */
export function distIsCurrent(base = root) {
  let built;
  try {
    built = statSync(join(base, 'dist', stampFile)).mtimeMs;
  } catch {
    return false;
  }
  // a folder's time changes when a file is added, removed or renamed in it (a deleted migration
  // must not stay in dist/); a file's when it is edited
  const paths = [join(base, 'tsconfig.json'), join(base, 'tsconfig.build.json'), ...tree(join(base, 'src'))];
  return paths.every((path) => statSync(path).mtimeMs <= built);
}
