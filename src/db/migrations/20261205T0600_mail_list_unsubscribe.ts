// The one-click unsubscribe address of a mail (RFC 8058), sent as its List-Unsubscribe header so
// that mail apps show their own "unsubscribe" button. Kept beside the body, and cleared once sent
// like the body's links (it holds a signature).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('list_unsubscribe', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('list_unsubscribe').execute();
}
