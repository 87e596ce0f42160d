#!/usr/bin/env node
// `npm test`'s pretest: the browser tests drive Debian's Chromium (never a downloaded browser),
// preferably its headless shell (package chromium-headless-shell): the same Chromium without the
// browser's own interface, which the tests never show, for about a third less CPU per test file.
// Finds them where tests/e2e/browser.ts looks (CHROMIUM_PATH, CHROME_PATH, then the two below).
// When the shell is missing and we are root with apt, installs it and fonts-noto-core (Arabic
// text); otherwise a full /usr/bin/chromium will do, and with neither it stops at once with the
// one command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const SHELL = '/usr/bin/chromium-headless-shell';
const FULL = '/usr/bin/chromium';
const PACKAGES = ['chromium-headless-shell', 'fonts-noto-core'];

const runnable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const chosen = process.env.CHROMIUM_PATH || process.env.CHROME_PATH;
if (chosen) {
  if (runnable(chosen)) process.exit(0);
  console.error(`npm test: no Chromium at ${chosen} (CHROMIUM_PATH or CHROME_PATH). Point it at a Chromium, or unset it to use ${SHELL} or ${FULL}.`);
  process.exit(1);
}

if (runnable(SHELL)) process.exit(0);

const asRoot = process.getuid?.() === 0;
if (asRoot && runnable('/usr/bin/apt-get')) {
  console.log(`npm test: installing Debian's ${PACKAGES.join(' and ')} for the browser tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (step(['update', '-qq']) && step(['install', '-y', '-qq', ...PACKAGES]) && runnable(SHELL)) process.exit(0);
  console.error(`npm test: installing ${PACKAGES.join(' ')} failed (see above).`);
  process.exit(runnable(FULL) ? 0 : 1);
}

if (runnable(FULL)) process.exit(0);

console.error(
  [
    'npm test needs Chromium for the browser tests (tests/e2e). Install it, then run npm test again:',
    '',
    `  sudo apt-get install -y ${PACKAGES.join(' ')}`,
    '',
    'or set CHROME_PATH to a Chromium or Chrome you already have.',
  ].join('\n'),
);
process.exit(1);
