// GET /metrics in Prometheus's text format (prom-client), for an operator's Prometheus to scrape.
// Only with METRICS_TOKEN set, and only for a request that brings it as a Bearer token; without
// a token the route does not exist (404) and prom-client is never loaded.
// Cheap per request: one histogram observation in an onResponse hook. Everything else is read when scraped: the page cache's counts, the mail sender's
// failures, the outbox by status (one indexed GROUP BY), the PostgreSQL pool.
// See docs/decisions/013-shutdown-metrics-audit.md.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenDatabase } from './db/database.ts';
import { mailSenderOf } from './mail/sender.ts';
import { lastMigration, packageVersion } from './version.ts';

/** Called once per answered request. */
export type ObserveRequest = (request: FastifyRequest, reply: FastifyReply) => void;

/** Seconds; a cached page takes about a millisecond, a heavy export several seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The Authorization header holds `Bearer <token>`, compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Creates the metrics and registers GET /metrics; returns what the access log calls for each
 * request. Call only when a token is configured.
 */
export async function registerMetrics(app: FastifyInstance, database: OpenDatabase, token: string): Promise<ObserveRequest> {
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  // process CPU, memory, file descriptors, GC, and event-loop lag (nodejs_eventloop_lag_*)
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'infitah_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (never the raw URL) and status class; _count is the number of requests',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });

  // read before the scrape's own queries below take connections
  const poolUsage = database.poolUsage;
  if (poolUsage) {
    new Gauge({
      name: 'infitah_db_pool_connections',
      help: 'PostgreSQL connection pool: connections open (total), unused (idle), and queries waiting for one (waiting)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const usage = poolUsage();
        this.set({ state: 'total' }, usage.total);
        this.set({ state: 'idle' }, usage.idle);
        this.set({ state: 'waiting' }, usage.waiting);
      },
    });
  }

  const pageCache = app.pageCache;
  new Counter({
    name: 'infitah_page_cache_lookups_total',
    help: 'Public pages asked of the page cache, by cache route and whether they were in memory (hit) or rendered (miss)',
    labelNames: ['route', 'result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [route, counts] of pageCache.lookups) {
        this.inc({ route, result: 'hit' }, counts.hits);
        this.inc({ route, result: 'miss' }, counts.misses);
      }
    },
  });

  new Counter({
    name: 'infitah_mail_delivery_failures_total',
    help: 'Mail deliveries that failed on this instance since it started: retried later, or given up (failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      const { failures } = mailSenderOf(app);
      this.reset();
      this.inc({ outcome: 'retried' }, failures.retried);
      this.inc({ outcome: 'failed' }, failures.failed);
    },
  });

  new Gauge({
    name: 'infitah_mail_outbox',
    help: 'Mails in the outbox by status (pending, held, failed, sent), read from the database',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await app.db.selectFrom('mail_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      this.reset();
      for (const status of ['pending', 'held', 'failed', 'sent']) this.set({ status }, 0);
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });

  new Gauge({
    name: 'infitah_build_info',
    help: 'Always 1: the running version and the last database migration applied, as labels',
    labelNames: ['version', 'migration'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      this.set({ version: packageVersion, migration: (await lastMigration(app.db)) ?? 'none' }, 1);
    },
  });

  app.get('/metrics', { schema: { hide: true } as object }, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send('a Bearer token is required\n');
    }
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });

  // one labelled histogram per (method, route, status class), found by a string key: cheaper
  // than prom-client hashing the labels object on every request
  const children = new Map<string, ReturnType<typeof duration.labels>>();
  return (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = `${Math.floor(reply.statusCode / 100)}xx`;
    const key = `${request.method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) children.set(key, (child = duration.labels(request.method, route, status)));
    child.observe(reply.elapsedTime / 1000);
  };
}
