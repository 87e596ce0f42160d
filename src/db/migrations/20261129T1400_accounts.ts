// Citizen and association accounts (on app_user), their one-time tokens, and the mail outbox.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  const userColumns: [string, (c: any) => any][] = [
    ['account_kind', (c) => c.notNull().defaultTo('person')],
    ['email_verified_at', (c) => c],
    ['gender', (c) => c],
    ['age_band', (c) => c],
    ['neighbourhood', (c) => c],
    ['locale', (c) => c.notNull().defaultTo('ar')],
    ['deleted_at', (c) => c],
  ];
  for (const [name, build] of userColumns) {
    await db.schema.alterTable('app_user').addColumn(name, 'text', build).execute();
  }
  // Accounts that exist before this migration were made by an administrator (staff): verified.
  await db.updateTable('app_user').set({ email_verified_at: sql`created_at` }).execute();

  await db.schema
    .createTable('account_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('account_token_user').on('account_token').columns(['user_id', 'purpose', 'created_at']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('collectivity_id', 'integer', (c) => c.references('collectivity.id').onDelete('cascade'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // the sender's sweep: due pending mails
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  // the back office lists a collectivity's mails, newest first
  await db.schema.createIndex('mail_outbox_collectivity').on('mail_outbox').columns(['collectivity_id', 'id']).execute();
  // mails recently sent to one address (throttling), and a deleted account's mails
  await db.schema.createIndex('mail_outbox_to').on('mail_outbox').columns(['to_address', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('account_token').execute();
  for (const name of ['deleted_at', 'locale', 'neighbourhood', 'age_band', 'gender', 'email_verified_at', 'account_kind']) {
    await db.schema.alterTable('app_user').dropColumn(name).execute();
  }
}
