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
}

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
 *  URL) is not held. */
export function readFor<T>(reader: Reader | undefined, db: Db, key: string, read: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  const freshMs = heldWindow(reader);
  if (freshMs === 0) return read();
  const values = heldFor(db);
  const now = Date.now();
  const found = values.get(key);
  if (found && now - found.at < freshMs) return found.value as Promise<T>;
  if (values.size >= MAX_HELD) values.clear();
  const value = read();
  const held: Held = { at: now, value };
  values.set(key, held);
  const forget = () => void (values.get(key) === held && values.delete(key));
  value.then((v) => !keep(v) && forget(), forget);
  return value;
}
