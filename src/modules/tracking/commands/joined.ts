// Runs another module's command inside the caller's transaction. Commands open their own
// transaction (tenantTransaction → db.transaction()), which Kysely refuses on a transaction; this
// view of the transaction answers transaction() by running the work in it directly, so the
// other command's writes commit or roll back with the caller's.
import type { Db } from '../../../platform/db/database.ts';

export function joined(trx: Db): Db {
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(work: (t: Db) => Promise<T>) => work(target) });
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
