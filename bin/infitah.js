#!/usr/bin/env node
// The `infitah` command. It runs the JavaScript compiled into dist/ when dist/ is newer than every
// source (`npm start`, `npm run infitah` and `npm test` build it first when it is not), and
// otherwise the TypeScript sources through tsx: an edited checkout never runs old code
// (docs/decisions/009-compiled-javascript-in-production.md).
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from '../scripts/dist-current.js';

if (distIsCurrent()) {
  await import('../dist/bundle/cli.js');
} else {
  if (process.stderr.isTTY) console.error('infitah: dist/ is missing or older than src/: running the sources through tsx (`npm run build` compiles them).');
  // the project's tsconfig (JSX through preact) is named, so the command runs from any working
  // directory (a service manager's, a cron job's)
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../src/cli.ts');
}
