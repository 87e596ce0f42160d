// Login rate limiting kept in the database (correct across several app instances):
// after too many failures for one email, or from one address, logins are refused for a while.
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';

const WINDOW_MINUTES = 15;
const MAX_PER_EMAIL = 5;
const MAX_PER_IP = 30;

const since = () => new Date(Date.now() - WINDOW_MINUTES * 60_000).toISOString();

/** Minutes to wait before another attempt is allowed, or 0. */
export async function loginBlockedFor(db: Db, email: string, ip: string): Promise<number> {
  const rows = await db
    .selectFrom('login_attempt')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('at').as('first')])
    .where('key', 'in', [`email:${email}`, `ip:${ip}`])
    .where('at', '>', since())
    .groupBy('key')
    .execute();
  for (const r of rows) {
    const limit = r.key.startsWith('email:') ? MAX_PER_EMAIL : MAX_PER_IP;
    if (Number(r.n) >= limit) {
      const freeAt = new Date(String(r.first)).getTime() + WINDOW_MINUTES * 60_000;
      return Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000));
    }
  }
  return 0;
}

export async function recordLoginFailure(db: Db, email: string, ip: string): Promise<void> {
  const at = now();
  await db.insertInto('login_attempt').values([{ key: `email:${email}`, at }, { key: `ip:${ip}`, at }]).execute();
  await db.deleteFrom('login_attempt').where('at', '<', since()).execute();
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('key', '=', `email:${email}`).execute();
}
