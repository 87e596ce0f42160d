// The rate-limit counter holds under concurrency: a burst of uses on two app instances (two
// connection pools on one database) lets exactly `max` through, inside transactions too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consume, peek, reset } from '../../src/platform/rate-limit.ts';
import { buildTestApp, secondInstance } from '../helpers/app.ts';

const HOUR = 3600;

test('40 concurrent uses across two instances: exactly 5 of a limit of 5 are allowed', async (t) => {
  const first = await buildTestApp(t, { seed: false });
  const second = await secondInstance(t, first);
  const limit = { key: 'test:burst', max: 5, windowSeconds: HOUR };
  const dbs = [first.database.db, second.database.db];
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => consume(dbs[i % 2], limit)));
  assert.equal(results.filter((r) => r.allowed).length, 5);
  assert.ok(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds > 0));
});

test('a use counted inside a transaction that rolls back is not counted', async (t) => {
  const { database } = await buildTestApp(t, { seed: false });
  const db = database.db;
  const limit = { key: 'test:rollback', max: 2, windowSeconds: HOUR };
  const results = await Promise.all(Array.from({ length: 6 }, async () => {
    try {
      return await db.transaction().execute(async (trx) => {
        const usage = await consume(trx, limit);
        if (!usage.allowed) throw new Error('over');
        return usage;
      });
    } catch {
      return null;
    }
  }));
  assert.equal(results.filter(Boolean).length, 2);
  assert.equal((await peek(db, limit)).allowed, false);
  await reset(db, limit.key);
  assert.equal((await peek(db, limit)).allowed, true);
});

test('the window slides: uses late in the previous hour still count early in the next', async (t) => {
  const { database } = await buildTestApp(t, { seed: false });
  const db = database.db;
  const limit = { key: 'test:slide', max: 5, windowSeconds: HOUR };
  const hour = 3600_000;
  const base = Math.floor(Date.UTC(2026, 11, 4, 10) / hour) * hour;
  for (let i = 0; i < 5; i++) assert.ok((await consume(db, limit, base + 50 * 60_000)).allowed);
  // ten minutes into the next window, 5/6 of the previous hour still counts: 5 × 5/6 + 1 > 5
  const early = await consume(db, limit, base + hour + 10 * 60_000);
  assert.equal(early.allowed, false);
  assert.ok(early.retryAfterSeconds > 0 && early.retryAfterSeconds <= 3600);
  // once the previous hour has slid out, uses are allowed again
  assert.ok((await peek(db, limit, base + 2 * hour - 60_000)).allowed);
});
