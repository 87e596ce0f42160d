#!/usr/bin/env node
// npm test: bundles the test files (scripts/build-tests.js), then runs them with Node's test
// runner, two files at a time. `npm test -- tests/http/x.test.ts …` runs only those.
import { spawnSync } from 'node:child_process';
import { buildTests } from './build-tests.js';

const bundled = await buildTests(process.argv.slice(2));
const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...bundled], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
