#!/usr/bin/env node
// `npm test`'s pretest: the browser tests drive Debian's Chromium (never a downloaded browser).
// Finds it where tests/e2e/browser.ts looks (CHROMIUM_PATH, CHROME_PATH, /usr/bin/chromium);
// when there is none and we are root with apt, installs Debian's chromium and fonts-noto-core
// (Arabic text); otherwise stops at once with the one command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const PACKAGES = ['chromium', 'fonts-noto-core'];

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
  console.error(`npm test: no Chromium at ${chosen} (CHROMIUM_PATH or CHROME_PATH). Point it at a Chromium, or unset it to use /usr/bin/chromium.`);
  process.exit(1);
}

const chromium = '/usr/bin/chromium';
if (runnable(chromium)) process.exit(0);

const asRoot = process.getuid?.() === 0;
if (asRoot && runnable('/usr/bin/apt-get')) {
  console.log(`npm test: installing Debian's ${PACKAGES.join(' and ')} for the browser tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (step(['update', '-qq']) && step(['install', '-y', '-qq', ...PACKAGES]) && runnable(chromium)) process.exit(0);
  console.error(`npm test: installing ${PACKAGES.join(' ')} failed (see above).`);
  process.exit(1);
}

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
