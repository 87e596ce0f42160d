// Reads held for visitors without credentials (decision 003, amendment 2). A GET or HEAD that
// carries no cookie and no Authorization header comes from someone who has written nothing: it
// may be answered from what this instance read in the last PAGE_FRESH_MS (one second by default)
// instead of asking the database on every request, which was a third of a cached page's cost.
// The window is the same whichever instance wrote: during a run of writes (200 proposals a
// second on a vote day) such a visitor sees a collectivity's pages move on once per window, and
// each page is rendered once per window instead of once per write. Whoever writes carries the
// form's CSRF cookie or a session, and always reads the database.
import type { FastifyRequest } from 'fastify';
import type { Db } from './db/database.ts';

/** Who asks: the request of a public read. */
export type Reader = Pick<FastifyRequest, 'method' | 'headers' | 'server'>;

interface Held {
  at: number;
  value: Promise<unknown>;
  /** read again behind the readers, in the window's last quarter */
  rereading?: boolean;
}

const REREAD_AFTER = 0.75;

const MAX_HELD = 10_000;
const byDatabase = new WeakMap<Db, Map<string, Held>>();

const heldFor = (db: Db) => {
  let held = byDatabase.get(db);
  if (!held) byDatabase.set(db, (held = new Map()));
  return held;
};

/** How far behind the database `reader` may be answered, in milliseconds: PAGE_FRESH_MS for a
 *  GET or HEAD without credentials, 0 (never behind) for everyone else. */
export function heldWindow(reader: Reader | undefined): number {
  if (!reader || !(reader.method === 'GET' || reader.method === 'HEAD') || reader.headers.cookie || reader.headers.authorization) return 0;
  return reader.server.config.pageFreshMs ?? 0;
}

/** `read()`, or for a reader without credentials what it gave in the last PAGE_FRESH_MS. `key`
 *  names everything `read` depends on; a value `keep` refuses (nothing found, say, for a random
 *  URL) is not held. In the last quarter of the window the value is read again behind the
 *  readers, who keep getting the one held until it comes: under steady traffic they never wait
 *  for the database (on PostgreSQL, a round trip behind a busy event loop), and what they get
 *  is never older than the window. */
export function readFor<T>(reader: Reader | undefined, db: Db, key: string, read: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  const freshMs = heldWindow(reader);
  if (freshMs === 0) return read();
  const values = heldFor(db);
  const now = Date.now();
  const found = values.get(key);
  if (found && now - found.at < freshMs) {
    if (now - found.at >= freshMs * REREAD_AFTER && !found.rereading) {
      found.rereading = true;
      const value = read();
      // held from when it was asked for: what it shows is no newer than that
      value.then((v) => void (keep(v) && values.get(key) === found && values.set(key, { at: now, value })), () => {});
    }
    return found.value as Promise<T>;
  }
  if (values.size >= MAX_HELD) values.clear();
  const value = read();
  const held: Held = { at: now, value };
  values.set(key, held);
  const forget = () => void (values.get(key) === held && values.delete(key));
  value.then((v) => !keep(v) && forget(), forget);
  return value;
}
