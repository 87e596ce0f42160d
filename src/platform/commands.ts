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

/**
 * Runs a command's work in one transaction. A command called with a transaction (another
 * command's) joins it: its writes commit or roll back with the caller's, and the caller decides
 * what to do with an invalid result (usually rollbackWith). `changesPages: false` is for writes no
 * public page shows (a ballot, before results): the cached pages stay, and concurrent writes do
 * not queue on the collectivity's row.
 */
export async function tenantTransaction<T>(
  db: Db,
  collectivityId: number,
  work: (trx: Db) => Promise<T>,
  options: { changesPages?: boolean } = {},
): Promise<CommandResult<T>> {
  const run = async (trx: Db) => {
    const value = await work(trx);
    if (options.changesPages === false) return value;
    await trx
      .updateTable('collectivity')
      .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
      .where('id', '=', collectivityId)
      .execute();
    return value;
  };
  try {
    const value = db.isTransaction ? await run(db) : await db.transaction().execute(run);
    return ok(value);
  } catch (e) {
    if (e instanceof Invalid) return invalid(e.errors);
    throw e;
  }
}
