// Configuration comes from the environment only, read once.
import { randomBytes } from 'node:crypto';
import { type MailConfig, loadMailConfig } from './platform/mail/config.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Secret for signing cookies. Without one, a random secret is used: sessions survive in the
   *  database, but cookies signed by another process or a previous run are rejected. */
  sessionSecret: string;
  /** true when SESSION_SECRET was not set: the secret above changes at every start */
  sessionSecretIsRandom: boolean;
  baseUrl: string;
  logLevel: string;
  /** true behind https: cookies get the Secure flag */
  secureCookies: boolean;
  /** SMTP_URL and MAIL_FROM; without SMTP, mails stay in the outbox */
  mail: MailConfig;
  /** PRIVACY_CONTACT: where people write about their personal data (law 09-08) */
  privacyContact: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const baseUrl = (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? 'sqlite:./data/infitah.sqlite',
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretIsRandom: env.SESSION_SECRET === undefined,
    baseUrl,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: baseUrl.startsWith('https://'),
    mail: loadMailConfig(env),
    privacyContact: env.PRIVACY_CONTACT?.trim() || null,
  };
}
