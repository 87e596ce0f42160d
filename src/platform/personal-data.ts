// What the platform holds about a person, gathered from every module (law 09-08: the right of
// access), and what each module does when a person deletes their account (the right to erasure).
// A module registers its part once, at import time (in its manifest); registering a name again
// replaces the previous function. A module whose public pages show a person's name also says
// where (registerNameShownIn), so that a rename or a deletion refreshes those pages.
import type { Db } from './db/database.ts';

/** The person concerned. `email` is the address before anonymisation. */
export interface PersonRef {
  id: number;
  email: string;
}

/** Returns the module's data about the person as plain JSON (null or undefined: nothing held). */
export type PersonalDataExporter = (db: Db, person: PersonRef) => Promise<unknown>;

/** Runs inside the deletion's transaction: delete or anonymise the module's rows about the
 *  person. Contributions that must stay public (proposals, comments) stay, without the person. */
export type AccountDeletionHandler = (trx: Db, person: PersonRef) => Promise<void>;

/** The collectivities whose public pages show the person's display name (e.g. as a commenter). */
export type NameShownIn = (db: Db, person: PersonRef) => Promise<number[]>;

const exporters = new Map<string, PersonalDataExporter>();
const deletionHandlers = new Map<string, AccountDeletionHandler>();
const nameUses = new Map<string, NameShownIn>();

export function registerPersonalDataExporter(name: string, exporter: PersonalDataExporter): void {
  exporters.set(name, exporter);
}

export function registerAccountDeletionHandler(name: string, handler: AccountDeletionHandler): void {
  deletionHandlers.set(name, handler);
}

export function registerNameShownIn(name: string, where: NameShownIn): void {
  nameUses.set(name, where);
}

/**
 * Bumps the content version of every collectivity whose public pages show the person's name,
 * in the caller's transaction: the cached pages of every instance are then rebuilt, with the new
 * name or without it. Call it before the rows that name the person are changed or deleted.
 */
export async function refreshPagesNaming(trx: Db, person: PersonRef): Promise<void> {
  const ids = new Set<number>();
  for (const where of nameUses.values()) for (const id of await where(trx, person)) ids.add(id);
  if (ids.size === 0) return;
  await trx
    .updateTable('collectivity')
    .set((eb) => ({ content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', 1) }))
    .where('id', 'in', [...ids])
    .execute();
}

/** Every module's part, keyed by the name it registered under (in registration order). */
export async function collectPersonalData(db: Db, person: PersonRef): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, exporter] of exporters) {
    const part = await exporter(db, person);
    if (part !== undefined && part !== null) out[name] = part;
  }
  return out;
}

/** Runs every module's handler in the caller's transaction. */
export async function runAccountDeletionHandlers(trx: Db, person: PersonRef): Promise<void> {
  for (const handler of deletionHandlers.values()) await handler(trx, person);
}
