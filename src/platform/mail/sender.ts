// Delivers the outbox through SMTP (nodemailer). Every instance may run a delivery pass: a mail
// is claimed by a guarded UPDATE (it matches only while the mail is still pending with the
// attempt count that was read), so two instances never send the same attempt. A claim also
// pushes next_attempt_at forward (a lease): a mail whose sender died mid-send is retried later.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { redactSecrets } from '../redact.ts';
import { type MailConfig, mailConfigOf } from './config.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './outbox.ts';

/** What sends one message; nodemailer's transporter in production, anything in tests. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    headers?: Record<string, string>;
    attachments?: { filename: string; contentType: string; content: string }[];
  }): Promise<unknown>;
  close?(): void;
}

export interface PassResult {
  sent: number;
  retried: number;
  failed: number;
  held: number;
}

/** Longer than the slowest send (timeouts below), so a live sender's claim never expires. */
const LEASE_MS = 10 * 60_000;
const BATCH = 50;
/** Sent mails (their links redacted) are kept this long, then removed; held and failed ones longer. */
const KEEP_SENT_DAYS = 30;
const KEEP_OTHERS_DAYS = 90;

const iso = (ms: number) => new Date(ms).toISOString();

/** nodemailer is loaded with the first mail sent: at start-up it would cost 0.1 s and 16 MB. */
export function smtpTransport(smtpUrl: string): MailTransport {
  let opened: Promise<MailTransport> | undefined;
  const open = () =>
    (opened ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: 20_000,
        greetingTimeout: 20_000,
        socketTimeout: 60_000,
      }),
    ));
  return {
    sendMail: async (message) => (await open()).sendMail(message),
    close: () => void opened?.then((transport) => transport.close?.()),
  };
}

/**
 * One delivery pass over the due pending mails. Without a transport (no SMTP configured),
 * pending mails become 'held': kept in the outbox for the back office to read.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport | null,
  from: string,
  options: { now?: Date; log?: FastifyBaseLogger; /** true once the server is stopping: claim no more */ stopping?: () => boolean } = {},
): Promise<PassResult> {
  const result: PassResult = { sent: 0, retried: 0, failed: 0, held: 0 };
  const nowMs = (options.now ?? new Date()).getTime();
  if (!transport) {
    const r = await db.updateTable('mail_outbox').set({ status: 'held' }).where('status', '=', 'pending').executeTakeFirst();
    result.held = Number(r.numUpdatedRows);
    return result;
  }
  const due = await db
    .selectFrom('mail_outbox')
    .select(['id', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', iso(nowMs))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(BATCH)
    .execute();
  for (const { id, attempts } of due) {
    // a stopping server finishes the mail it is sending and leaves the rest pending, unclaimed
    if (options.stopping?.()) break;
    const claim = await db
      .updateTable('mail_outbox')
      .set({ attempts: attempts + 1, next_attempt_at: iso(nowMs + LEASE_MS) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('attempts', '=', attempts)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another instance has it
    const mail = await db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body', 'html_body', 'list_unsubscribe', 'attachment_name', 'attachment_type', 'attachment_content'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!mail) continue; // removed meanwhile (account deleted)
    try {
      await transport.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body ? { html: mail.html_body } : {}),
        ...(mail.attachment_name && mail.attachment_content !== null
          ? { attachments: [{ filename: mail.attachment_name, contentType: mail.attachment_type ?? 'application/octet-stream', content: mail.attachment_content }] }
          : {}),
        headers: {
          'Auto-Submitted': 'auto-generated',
          // mail apps offer their own "unsubscribe" button, which POSTs to this address
          ...(mail.list_unsubscribe ? { 'List-Unsubscribe': `<${mail.list_unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
      });
      // the recipient has the link now: the copy kept here no longer holds its secret
      await db
        .updateTable('mail_outbox')
        .set({
          status: 'sent',
          sent_at: new Date().toISOString(),
          last_error: null,
          text_body: redactSecrets(mail.text_body),
          html_body: mail.html_body === null ? null : redactSecrets(mail.html_body),
          list_unsubscribe: null,
        })
        .where('id', '=', id)
        .execute();
      result.sent++;
    } catch (err) {
      const tried = attempts + 1;
      const gaveUp = tried >= MAX_ATTEMPTS;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .updateTable('mail_outbox')
        .set({
          status: gaveUp ? 'failed' : 'pending',
          next_attempt_at: iso(nowMs + retryDelayMs(tried)),
          last_error: message.slice(0, 1000),
        })
        .where('id', '=', id)
        .execute();
      options.log?.warn({ mailId: id, attempts: tried, err: message }, gaveUp ? 'mail given up' : 'mail delivery failed, will retry');
      if (gaveUp) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/** Removes old mails: they hold addresses and one-time links that are of no use any more. */
export async function purgeOldMail(db: Db, now = new Date()): Promise<void> {
  const day = 86_400_000;
  await db
    .deleteFrom('mail_outbox')
    .where('status', '=', 'sent')
    .where('created_at', '<', iso(now.getTime() - KEEP_SENT_DAYS * day))
    .execute();
  await db
    .deleteFrom('mail_outbox')
    .where('status', 'in', ['held', 'failed'])
    .where('created_at', '<', iso(now.getTime() - KEEP_OTHERS_DAYS * day))
    .execute();
}

/**
 * The mail sender of one app: a prompt pass after an action queued a mail (`kick`), and a
 * periodic sweep (`start`/`stop`). Passes of one instance never overlap; a kick during a pass
 * runs one more pass after it, so a mail queued meanwhile is not left for the sweep.
 */
export class MailSender {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  readonly transport: MailTransport | null;
  /** deliveries that failed since start, by what came of the mail: read by /metrics */
  readonly failures = { retried: 0, failed: 0 };

  constructor(
    private readonly db: Db,
    readonly config: MailConfig,
    private readonly log: FastifyBaseLogger,
    transport?: MailTransport | null,
  ) {
    this.transport = transport !== undefined ? transport : config.smtpUrl ? smtpTransport(config.smtpUrl) : null;
  }

  /** Starts a pass if none is running (best effort: errors are logged, never thrown). */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const pass = await deliverDueMail(this.db, this.transport, this.config.from, { log: this.log, stopping: () => this.stopping });
          this.failures.retried += pass.retried;
          this.failures.failed += pass.failed;
        } catch (err) {
          this.log.error({ err }, 'mail delivery pass failed');
        }
      } while (this.again && !this.stopping);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no pass is running (tests wait on it). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.kick();
      purgeOldMail(this.db).catch((err) => this.log.error({ err }, 'mail purge failed'));
    }, intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops the sweep; a pass in progress finishes the mail it is sending and claims no more
   *  (`final`: the app is closing, later kicks are ignored too). */
  async stop(final = false): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (final) this.stopping = true;
    await this.settled();
  }

  close(): void {
    this.transport?.close?.();
  }
}

// One sender per app, found from any of its plugin contexts (they share the database handle).
const senders = new WeakMap<Db, MailSender>();

export function mailSenderOf(app: FastifyInstance): MailSender {
  let sender = senders.get(app.db);
  if (!sender) {
    sender = new MailSender(app.db, mailConfigOf(app), app.log);
    senders.set(app.db, sender);
  }
  return sender;
}

/** After the transaction that queued mail has committed: deliver now, without waiting. */
export function deliverSoon(app: FastifyInstance): void {
  mailSenderOf(app).kick();
}
