// Writes are commands: one transaction that also bumps the collectivity's content version
// (which invalidates its cached pages on every app instance) and returns a typed result.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from './db/database.ts';
import type { Database } from './db/schema.ts';
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

/** A condition on the collectivity's row, true when the write leaves the plan as it was. */
export type PlanUnchanged = (eb: ExpressionBuilder<Database, 'collectivity'>) => Expression<SqlBool>;

/**
 * Runs a command's work in one transaction. A command called with a transaction (another
 * command's) joins it: its writes commit or roll back with the caller's, and the caller decides
 * what to do with an invalid result (usually rollbackWith). `changesPages: false` is for writes no
 * public page shows (a ballot, before results): the cached pages stay, and concurrent writes do
 * not queue on the collectivity's row. `serialize: true` bumps the version first: the
 * collectivity's row stays locked for the whole work, so that commands which read several rows
 * and then write by what they read (adopting a programme: which one is current, whether its
 * period is taken) run one after another in a collectivity on PostgreSQL. Others bump last, to
 * hold that lock for as short a time as possible. `planUnchanged: true` is for citizens' writes
 * that no page of the programme shows (a new proposal, a comment, a support): the plan's version
 * stays, and with it the programme's cached pages and read models. Without it, both versions move:
 * a command that forgets it is only slower, never stale. It may be a condition, evaluated by the
 * version bump itself: a write that a live metric counts moves the plan's version when a
 * programme indicator follows that metric (tracking's `planUnlessFollowed`).
 */
export async function tenantTransaction<T>(
  db: Db,
  collectivityId: number,
  work: (trx: Db) => Promise<T>,
  options: { changesPages?: boolean; serialize?: boolean; planUnchanged?: boolean | PlanUnchanged } = {},
): Promise<CommandResult<T>> {
  const bump = async (trx: Db) => {
    const p = options.planUnchanged;
    await trx
      .updateTable('collectivity')
      .set((eb) =>
        p === true
          ? { content_version: eb('content_version', '+', 1) }
          : { content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', p ? eb.case().when(p(eb)).then(0).else(1).end() : 1) },
      )
      .where('id', '=', collectivityId)
      .execute();
  };
  const run = async (trx: Db) => {
    if (options.serialize) await bump(trx);
    const value = await work(trx);
    if (options.changesPages !== false && !options.serialize) await bump(trx);
    return value;
  };
  try {
    if (db.isTransaction) return ok(await run(db));
    return ok(await db.transaction().execute(run));
  } catch (e) {
    if (e instanceof Invalid) return invalid(e.errors);
    throw e;
  }
}
