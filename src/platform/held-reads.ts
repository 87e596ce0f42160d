// Reads held for visitors without credentials (decision 003, amendment 2). A GET or HEAD that
// carries no cookie and no Authorization header comes from someone who has written nothing: it
// may be answered from what this instance read in the last PAGE_FRESH_MS (one second by default)
// instead of asking the database on every request, which was a third of a cached page's cost.
// Any write committed here that moves pages (platform/commands.ts, accounts' profile.ts) forgets
// everything held, so the window only covers writes made on other instances. Whoever writes carries the form's CSRF cookie or a
// session, and always reads the database.
import type { FastifyRequest } from 'fastify';
import type { Db } from './db/database.ts';

/** Who asks: the request of a public read. */
export type Reader = Pick<FastifyRequest, 'method' | 'headers' | 'server'>;

interface Held {
  at: number;
  /** the writes committed here when it was read: a later one makes it stale */
  writes: number;
  value: Promise<unknown>;
}

const MAX_HELD = 10_000;
const byDatabase = new WeakMap<Db, { writes: number; values: Map<string, Held> }>();

const slotOf = (db: Db) => {
  let slot = byDatabase.get(db);
  if (!slot) byDatabase.set(db, (slot = { writes: 0, values: new Map() }));
  return slot;
};

/** A write was committed through this instance: nothing held before it is answered again. */
export function wroteHere(db: Db): void {
  slotOf(db).writes++;
}

/** `read()`, or for a reader without credentials what it gave in the last PAGE_FRESH_MS. `key`
 *  names everything `read` depends on; a value `keep` refuses (nothing found, say, for a random
 *  URL) is not held. */
export function readFor<T>(reader: Reader | undefined, db: Db, key: string, read: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  const freshMs = reader?.server.config.pageFreshMs ?? 0;
  if (!reader || freshMs === 0 || !(reader.method === 'GET' || reader.method === 'HEAD') || reader.headers.cookie || reader.headers.authorization) return read();
  const slot = slotOf(db);
  const now = Date.now();
  const found = slot.values.get(key);
  if (found && found.writes === slot.writes && now - found.at < freshMs) return found.value as Promise<T>;
  if (slot.values.size >= MAX_HELD) slot.values.clear();
  const value = read();
  const held: Held = { at: now, writes: slot.writes, value };
  slot.values.set(key, held);
  const forget = () => void (slot.values.get(key) === held && slot.values.delete(key));
  value.then((v) => !keep(v) && forget(), forget);
  return value;
}
