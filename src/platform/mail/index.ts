// Outgoing mail: an outbox table written in the caller's transaction, a sender (SMTP through
// nodemailer when SMTP_URL is set) with retries, and the back-office outbox. See
// docs/architecture.md, "Mail".
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadCatalogs } from '../i18n/i18n.ts';
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../personal-data.ts';
import { outboxRoutes } from './admin-routes.tsx';
import { mailSenderOf } from './sender.ts';

export { type MailConfig, loadMailConfig, mailConfigOf } from './config.ts';
export { type OutgoingMail, MAX_ATTEMPTS, MAX_MAILS_PER_ADDRESS_PER_HOUR, mayMailTo, queueMail, retryDelayMs } from './outbox.ts';
export { type MailTransport, MailSender, deliverDueMail, deliverSoon, mailSenderOf } from './sender.ts';

loadCatalogs(join(import.meta.dirname, 'locales'), 'mail');

/** How often each instance looks for due mail (new mail is also sent right after its action). */
export const MAIL_SWEEP_MS = 60_000;

// The mails addressed to a person are theirs: listed in their export, removed with their account.
registerPersonalDataExporter('mail', async (db, person) => {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['subject', 'status', 'created_at', 'sent_at'])
    .where('to_address', '=', person.email)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ subject: r.subject, status: r.status, createdAt: r.created_at, sentAt: r.sent_at }));
});
registerAccountDeletionHandler('mail', async (trx, person) => {
  await trx.deleteFrom('mail_outbox').where('to_address', '=', person.email).execute();
});

/** The sender's periodic sweep (started when the app is ready, stopped when it closes) and the
 *  back-office outbox. Registered once, by app.ts. */
export async function mailPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onReady', async () => {
    mailSenderOf(app).start(MAIL_SWEEP_MS);
  });
  app.addHook('onClose', async () => {
    const sender = mailSenderOf(app);
    await sender.stop(true);
    sender.close();
  });
  await app.register(outboxRoutes);
}
