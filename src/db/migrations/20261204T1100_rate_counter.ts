// Rate limits as counters (src/platform/rate-limit.ts): one row per key and fixed window, counted
// by an upsert, so that concurrent requests on any instance are counted one after the other.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counter')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counter_pk', ['key', 'window_start'])
    .execute();
  // the sweep of old windows
  await db.schema.createIndex('rate_counter_window').on('rate_counter').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_counter').execute();
}
