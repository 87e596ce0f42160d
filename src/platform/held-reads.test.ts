// Reads held for visitors without credentials: who gets them, for how long, and what forgets them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from './db/database.ts';
import { type Reader, readFor } from './held-reads.ts';

const reader = (headers: Record<string, string> = {}, method = 'GET', pageFreshMs = 1000) =>
  ({ method, headers, server: { config: { pageFreshMs } } }) as unknown as Reader;

test('a visitor without credentials gets what was read in the window; cookies, tokens and time do not', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const db = {} as Db;
  let reads = 0;
  const read = () => Promise.resolve(++reads);
  const ask = (r: Reader | undefined) => readFor(r, db, 'k', read);

  assert.equal(await ask(reader()), 1);
  assert.equal(await ask(reader()), 1, 'held');
  assert.equal(await ask(reader({ cookie: 'infitah_csrf=x' })), 2, 'a cookie reads the database');
  assert.equal(await ask(reader({ authorization: 'Bearer x' })), 3, 'so does a token');
  assert.equal(await ask(reader({}, 'POST')), 4, 'and any method but GET and HEAD');
  assert.equal(await ask(undefined), 5, 'and a read that names no request');
  assert.equal(await ask(reader({}, 'GET', 0)), 6, 'and PAGE_FRESH_MS=0');
  assert.equal(await ask(reader()), 1, 'none of those replaced what visitors are answered');
  t.mock.timers.tick(999);
  assert.equal(await ask(reader()), 1);
  t.mock.timers.tick(1);
  assert.equal(await ask(reader()), 7, 'the window is over');
  assert.equal(await ask(reader()), 7);
  assert.equal(await readFor(reader(), {} as Db, 'k', read), 8, 'per database');
});

test('what keep refuses, and failures, are not held', async () => {
  const db = {} as Db;
  let reads = 0;
  const missing = () => readFor(reader(), db, 'nothing', () => Promise.resolve((reads++, null)), (v) => v !== null);
  await missing();
  await missing();
  assert.equal(reads, 2);
  let fail = true;
  const flaky = () => readFor(reader(), db, 'flaky', () => (fail ? Promise.reject(new Error('down')) : Promise.resolve('up')));
  await assert.rejects(flaky());
  fail = false;
  assert.equal(await flaky(), 'up');
});

test('in the window’s last quarter the value is read again behind the readers, who never wait for it', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const db = {} as Db;
  let reads = 0;
  let answer!: (n: number) => void;
  const read = () => (++reads === 1 ? Promise.resolve(1) : new Promise<number>((resolve) => (answer = resolve)));
  const ask = () => readFor(reader(), db, 'k', read);

  assert.equal(await ask(), 1);
  t.mock.timers.tick(749);
  assert.equal(await ask(), 1);
  assert.equal(reads, 1, 'not yet');
  t.mock.timers.tick(1);
  assert.equal(await ask(), 1, 'the value held, while it is read again');
  assert.equal(await ask(), 1);
  assert.equal(reads, 2, 'read again once, however many ask');
  answer(2);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await ask(), 2, 'the new value, at once');
  t.mock.timers.tick(999); // 1,749 ms: the new value was asked for at 750
  assert.equal(await ask(), 2);
  assert.equal(reads, 3, 'its own last quarter began at 1,500');
});
