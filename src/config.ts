// Configuration comes from the environment only, read once.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { type MailConfig, loadMailConfig } from './platform/mail/config.ts';
import { type DatabaseTimeouts, defaultTimeouts } from './platform/db/database.ts';

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
  /** TRUST_PROXY: which proxies may name the client's address (X-Forwarded-For); none by default */
  trustProxy: TrustProxy;
  /** SIGNUP_MAX_PER_HOUR: sign-ups accepted in an hour from everyone together */
  signupsPerHour: number;
  /** DATABASE_CONNECT_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS (PostgreSQL) */
  databaseTimeouts: DatabaseTimeouts;
  /** SECURITY_CONTACT: where vulnerabilities are reported (security.txt, SECURITY.md) */
  securityContact: string;
  /** PAGE_CACHE=off renders every public page afresh: to measure the cache-miss path, or to debug */
  pageCache: boolean;
  /** how long the network's figures are answered before the database is asked whether they changed */
  networkFreshMs: number;
  /** PAGE_FRESH_MS: how long a collectivity's row (and the network home's versions) may answer
   *  the public reads of visitors without credentials (a cookie, an Authorization header) before
   *  it is read again (platform/held-reads.ts) */
  pageFreshMs: number;
  /** METRICS_TOKEN: the Bearer token /metrics asks for; without one, /metrics does not exist */
  metricsToken: string | null;
  /** SHUTDOWN_TIMEOUT_MS: on SIGTERM, how long requests in flight may take before they are cut */
  shutdownTimeoutMs: number;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number above 0 (got ${raw})`);
  return Number(raw);
}

/** Fastify's trustProxy: false, addresses and CIDR ranges, a rule on each hop, or true (any). */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

/**
 * Unset or empty: no proxy is trusted and the client is the socket's peer, so nobody chooses the
 * address that login throttling counts by sending X-Forwarded-For. `1`, `2`: hops of trusted
 * proxies in front; `127.0.0.1,10.0.0.0/8`: the proxies' addresses; `true`: trust anyone
 * (only when nothing but the proxy can reach the app).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = value?.trim() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  // Fastify takes a bare number as "trust nobody": hops are the nearest N addresses of the chain
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    return (_address, hop) => hop < hops;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (isIP(address) === 6 ? 128 : 32));
    if (!named && (extra !== undefined || isIP(address) === 0 || !prefixOk)) {
      throw new Error(`TRUST_PROXY must be a number of hops, or addresses and CIDR ranges separated by commas (got ${entry})`);
    }
  }
  return entries;
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
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    signupsPerHour: wholeNumber(env, 'SIGNUP_MAX_PER_HOUR', 200),
    databaseTimeouts: {
      connectTimeoutMs: milliseconds(env, 'DATABASE_CONNECT_TIMEOUT_MS', defaultTimeouts.connectTimeoutMs),
      statementTimeoutMs: milliseconds(env, 'DATABASE_STATEMENT_TIMEOUT_MS', defaultTimeouts.statementTimeoutMs),
    },
    securityContact: securityContact(env.SECURITY_CONTACT, baseUrl),
    pageCache: onOff(env, 'PAGE_CACHE', true),
    networkFreshMs: freshness(env, 'NETWORK_FRESH_MS'),
    pageFreshMs: freshness(env, 'PAGE_FRESH_MS'),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    shutdownTimeoutMs: wholeNumber(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
  };
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new Error(`${name} must be on or off (got ${env[name]})`);
}

/** A duration in milliseconds from the environment; 0 means no limit. */
function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of milliseconds, 0 for no limit (got ${raw})`);
  return Number(raw);
}

/** NETWORK_FRESH_MS, PAGE_FRESH_MS: 0 asks the database at every request; the default is one second. */
function freshness(env: NodeJS.ProcessEnv, name: string): number {
  const raw = env[name]?.trim();
  if (!raw) return 1000;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of milliseconds, 0 to check at every request (got ${raw})`);
  return Number(raw);
}

/** security.txt wants a URI: an address becomes mailto:, the default is security@ the site's host. */
function securityContact(value: string | undefined, baseUrl: string): string {
  const contact = value?.trim() || `security@${new URL(baseUrl).hostname}`;
  return /^(mailto|https?|tel):/i.test(contact) ? contact : `mailto:${contact}`;
}

/** A token guessed in a few tries would open the metrics to anyone: at least 16 characters. */
function metricsToken(value: string | undefined): string | null {
  const token = value?.trim();
  if (!token) return null;
  if (token.length < 16 || /\s/.test(token)) throw new Error('METRICS_TOKEN must be at least 16 characters without spaces (e.g. openssl rand -hex 24)');
  return token;
}
