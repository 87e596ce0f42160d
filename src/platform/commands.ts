// Writes are commands: one transaction that also bumps the collectivity's content version
// (which invalidates its cached pages on every app instance) and returns a typed result.
import type { Db } from './db/database.ts';
import type { FieldErrors } from './validation.ts';

export type CommandResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const invalid = (errors: FieldErrors): CommandResult<never> => ({ ok: false, errors });

/** A validation failure found inside a transaction: thrown to roll it back, returned as errors. */
class Invalid extends Error {
  constructor(readonly errors: FieldErrors) {
    super('invalid');
  }
}
export const rollbackWith = (errors: FieldErrors): never => {
  throw new Invalid(errors);
};

export async function tenantTransaction<T>(
  db: Db,
  collectivityId: number,
  work: (trx: Db) => Promise<T>,
): Promise<CommandResult<T>> {
  try {
    const value = await db.transaction().execute(async (trx) => {
      const value = await work(trx);
      await trx
        .updateTable('collectivity')
        .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
        .where('id', '=', collectivityId)
        .execute();
      return value;
    });
    return ok(value);
  } catch (e) {
    if (e instanceof Invalid) return invalid(e.errors);
    throw e;
  }
}

/**
 * Serializes the writes of one account until the transaction ends: a no-op update takes the
 * account row's lock on PostgreSQL (SQLite runs one write transaction at a time anyway). Call it
 * before a count-then-insert limit ("at most N an hour"), so that a burst of concurrent requests
 * from one account cannot all pass the count.
 */
export async function lockAccount(trx: Db, userId: number): Promise<void> {
  await trx.updateTable('app_user').set((eb) => ({ id: eb.ref('id') })).where('id', '=', userId).execute();
}
