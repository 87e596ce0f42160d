// Whether dist/ holds a complete build newer than every source (ADR 009). bin/infitah.js asks it
// on every run, so it loads nothing but node:fs and node:path.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const src = join(root, 'src');
export const dist = join(root, 'dist');
export const stampFile = '.built'; // written last by scripts/build.js, dated when the build started
const configs = ['tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f));

export function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** dist/ is complete and was built after the last change to src/ and to the compiler settings. */
export function distIsCurrent() {
  let built;
  try {
    built = statSync(join(dist, stampFile)).mtimeMs;
  } catch {
    return false;
  }
  // a folder's time changes when a file is added, removed or renamed in it (a deleted migration
  // must not stay in dist/); a file's when it is edited
  const paths = [...configs, src];
  for (const path of files(src)) paths.push(path, dirname(path));
  return paths.every((path) => statSync(path).mtimeMs <= built);
}
