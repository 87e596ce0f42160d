// Kysely builds and compiles a query on every execute: about 15 µs, more than running a small
// indexed query on SQLite. The few queries on every public request (the collectivity lookup) are
// compiled once per database and run with new parameters, in the order the query names them.
import type { CompiledQuery, Compilable } from 'kysely';
import type { Db } from './database.ts';

export function compiledOnce<Row>(build: (db: Db) => Compilable<Row>): (db: Db, parameters: readonly unknown[]) => Promise<Row[]> {
  const byDatabase = new WeakMap<Db, CompiledQuery<Row>>();
  return async (db, parameters) => {
    let compiled = byDatabase.get(db);
    if (!compiled) byDatabase.set(db, (compiled = build(db).compile()));
    if (compiled.parameters.length !== parameters.length) throw new Error(`compiled query takes ${compiled.parameters.length} parameters, got ${parameters.length}`);
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
