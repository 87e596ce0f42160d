// The mail outbox: every mail is first a row, written in the transaction of the action that
// sends it — so a mail is never lost, and never sent for an action that was rolled back.
// A sender (sender.ts) delivers the rows; all delivery state lives in the table.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { now } from '../db/database.ts';
import { consume } from '../rate-limit.ts';

export const mailStatuses = ['pending', 'sent', 'failed', 'held'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** an https URL that stops this kind of mail on a POST without login (RFC 8058 one-click) */
  unsubscribe?: string | null;
  /** the collectivity the mail is about: its administrators may read it in the outbox */
  collectivityId?: number | null;
  /** one attached text file, such as a meeting's .ics */
  attachment?: { filename: string; contentType: string; content: string } | null;
}

/** Queues a mail in the caller's transaction (pass the transaction, not the pool). Call
 *  `deliverSoon(app)` once the transaction has committed for a prompt delivery; the periodic
 *  sweep delivers it anyway. */
export async function queueMail(db: Db, mail: OutgoingMail): Promise<number> {
  const at = now();
  const row = await db
    .insertInto('mail_outbox')
    .values({
      collectivity_id: mail.collectivityId ?? null,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      list_unsubscribe: mail.unsubscribe ?? null,
      attachment_name: mail.attachment?.filename ?? null,
      attachment_type: mail.attachment?.contentType ?? null,
      attachment_content: mail.attachment?.content ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Mails to one address in an hour, whatever sends them: nobody can flood a mailbox through us. */
export const MAX_MAILS_PER_ADDRESS_PER_HOUR = 5;

/** Counts one mail to `to` in the caller's transaction (a rollback takes the count back) and says
 *  whether it may be queued. Atomic on the rate counters, so a burst cannot pass the count. */
export async function mayMailTo(trx: Db, to: string): Promise<boolean> {
  const key = `mail:${createHash('sha256').update(to).digest('hex').slice(0, 32)}`;
  return (await consume(trx, { key, max: MAX_MAILS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 })).allowed;
}

/** Attempts before a mail is given up as 'failed' (about 8.5 hours of back-off in all). */
export const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 3600_000;

/** Delay before attempt n + 1 after n failed attempts: 1, 2, 4, 8 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}
