// Rate limits ("at most N an hour") counted atomically, so that a burst of concurrent requests,
// on one instance or several, cannot all pass a count taken before any of them was recorded.
//
// Each use is counted first (increment-then-check) by an upsert on the (key, window) row: on
// PostgreSQL the row lock makes concurrent upserts wait for each other and each sees the count
// of the ones before it; SQLite runs one write at a time. The limit is a sliding window, estimated
// from two fixed windows: the current count plus the previous window's, weighted by how much of it
// still lies in the last `windowSeconds` (so 5 an hour cannot become 10 around a window's edge).
//
// Called inside a command's transaction, a refused use rolls back with it: only uses that
// happened count (a proposal refused for a missing title does not use up the hour). Attempts
// that must count even when they fail (a wrong password, a wrong CIN) are consumed in a
// transaction of their own that commits.
import type { Db } from './db/database.ts';

export interface Limit {
  /** what is limited and for whom, e.g. `proposal:user:42` */
  key: string;
  max: number;
  windowSeconds: number;
}

export interface Usage {
  /** true while this use is within the limit */
  allowed: boolean;
  /** seconds until one more use would be allowed (0 when allowed) */
  retryAfterSeconds: number;
}

const windowStart = (at: number, windowMs: number) => Math.floor(at / windowMs) * windowMs;

/** Old windows are swept at most this often per process: the sweep deletes rows every new window
 *  would otherwise try to delete again, and on PostgreSQL concurrent deletes of the same rows wait
 *  for each other's transactions. */
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

/** Counts one use of `limit.key` now and says whether it is within the limit. */
export async function consume(db: Db, limit: Limit, at = Date.now()): Promise<Usage> {
  const windowMs = limit.windowSeconds * 1000;
  const start = windowStart(at, windowMs);
  // one round trip: the count of this window, and the previous window's read with it
  const row = await db
    .insertInto('rate_counter')
    .values({ key: limit.key, window_start: new Date(start).toISOString(), n: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ n: eb('rate_counter.n', '+', 1) })))
    .returning(['n', previousWindow(db, limit, at).as('previous')])
    .executeTakeFirstOrThrow();
  // the throttle follows the clock, not `at`, which a caller may set in the past or the future
  if (Number(row.n) === 1 && Date.now() - lastSweep > SWEEP_EVERY_MS) {
    // a new window: sweep the windows that no limit can still need (the longest is a day)
    lastSweep = Date.now();
    await db.deleteFrom('rate_counter').where('window_start', '<', new Date(at - 2 * 86_400_000).toISOString()).execute();
  }
  return estimate(limit, at, Number(row.n), Number(row.previous ?? 0));
}

/** Whether one more use would be allowed now, without counting one. */
export async function peek(db: Db, limit: Limit, at = Date.now()): Promise<Usage> {
  const windowMs = limit.windowSeconds * 1000;
  const row = await db
    .selectFrom('rate_counter')
    .select('n')
    .where('key', '=', limit.key)
    .where('window_start', '=', new Date(windowStart(at, windowMs)).toISOString())
    .executeTakeFirst();
  const previous = await previousWindow(db, limit, at).executeTakeFirst();
  return estimate(limit, at, Number(row?.n ?? 0) + 1, Number(previous?.n ?? 0));
}

/** Forgets the counts of a key (e.g. the failures of an account once its owner signed in). */
export async function reset(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_counter').where('key', '=', key).execute();
}

/** Takes back one use counted in the current window: an attempt counted before it was checked
 *  that turned out to be legitimate (a login with the right password). */
export async function giveBack(db: Db, limit: Limit, at = Date.now()): Promise<void> {
  await db
    .updateTable('rate_counter')
    .set((eb) => ({ n: eb('n', '-', 1) }))
    .where('key', '=', limit.key)
    .where('window_start', '=', new Date(windowStart(at, limit.windowSeconds * 1000)).toISOString())
    .where('n', '>', 0)
    .execute();
}

/** The count of the window before the current one, as a query (consume reads it as a subquery). */
function previousWindow(db: Db, limit: Limit, at: number) {
  const windowMs = limit.windowSeconds * 1000;
  return db
    .selectFrom('rate_counter as previous')
    .select('previous.n')
    .where('previous.key', '=', limit.key)
    .where('previous.window_start', '=', new Date(windowStart(at, windowMs) - windowMs).toISOString());
}

function estimate(limit: Limit, at: number, current: number, previous: number): Usage {
  const windowMs = limit.windowSeconds * 1000;
  const start = windowStart(at, windowMs);
  const weight = 1 - (at - start) / windowMs;
  const used = current + previous * weight;
  if (used <= limit.max) return { allowed: true, retryAfterSeconds: 0 };
  // when the current window alone is over, wait for it to end; else for the previous one's weight to fade
  const retryAt = current > limit.max ? start + windowMs : Math.min(start + windowMs, at + Math.ceil(((used - limit.max) / Math.max(1, previous || 1)) * windowMs));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - at) / 1000)) };
}
