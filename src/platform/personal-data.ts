// What the platform holds about a person, gathered from every module (law 09-08: the right of
// access), and what each module does when a person deletes their account (the right to erasure).
// A module registers its part once, at import time (in its manifest); registering a name again
// replaces the previous function.
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

const exporters = new Map<string, PersonalDataExporter>();
const deletionHandlers = new Map<string, AccountDeletionHandler>();

export function registerPersonalDataExporter(name: string, exporter: PersonalDataExporter): void {
  exporters.set(name, exporter);
}

export function registerAccountDeletionHandler(name: string, handler: AccountDeletionHandler): void {
  deletionHandlers.set(name, handler);
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
