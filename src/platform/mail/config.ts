// Mail settings from the environment: SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS
// from the start) and MAIL_FROM. Without SMTP_URL, mails are kept in the outbox as 'held'.
import type { FastifyInstance } from 'fastify';

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
}

export const DEFAULT_MAIL_FROM = 'Infitah <no-reply@localhost>';

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${smtpUrl.split(':')[0]}:…)`);
  return { smtpUrl, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM };
}

/** The app's mail settings (from its configuration; tests may change them after building). */
export function mailConfigOf(app: FastifyInstance): MailConfig {
  return app.config.mail;
}
