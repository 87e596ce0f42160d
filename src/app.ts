// Builds the Fastify application without listening, so tests can inject requests.
// Order: external plugins → platform plumbing → modules (public, admin, API).
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import type { OpenDatabase } from './platform/db/database.ts';
import { checkDatabase } from './platform/db/database.ts';
import { registerHttpPlumbing } from './platform/http.tsx';
import { PageCache } from './platform/page-cache.ts';
import { ReadModels } from './platform/read-model.ts';
import { logSerializers, redactSecrets } from './platform/redact.ts';
import { authRoutes, registerSessionLookup } from './platform/auth/routes.tsx';
import { teamRoutes } from './platform/auth/team-routes.tsx';
import { registerPermissions } from './platform/auth/permissions.ts';
import { mailPlugin } from './platform/mail/index.ts';
import { securityTxtRoutes } from './platform/security-txt.ts';
import { shareRoutes } from './platform/share.ts';
import { sitemapRoutes } from './platform/sitemap.ts';
import { modules } from './modules/index.ts';
import { loadCatalogs } from './platform/i18n/i18n.ts';
import { registerMetrics } from './platform/metrics.ts';
import { type RunningVersion, lastMigration, packageVersion } from './platform/version.ts';
import { auditRoutes } from './platform/audit-routes.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    db: OpenDatabase['db'];
    dialect: OpenDatabase['dialect'];
    config: Config;
    pageCache: PageCache;
    readModels: ReadModels;
    /** draining: the server is stopping (SIGTERM); /healthz says so and connections are not kept */
    lifecycle: { draining: boolean };
    /** the running version; the migration as last read from the database */
    runningVersion: RunningVersion;
  }
}

for (const m of modules) loadCatalogs(m.localesDir, m.name);

/**
 * Security headers (CSP without inline script or style, no framing, HSTS behind https…) from
 * helmet, computed once: @fastify/helmet rebuilds them on every request, a measurable cost on
 * cached pages (docs/decisions/004-security-headers-computed-once.md).
 */
function computeSecurityHeaders(config: Config): Record<string, string> {
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * The access log: one line per request, written when it is answered, with what an operator
 * follows traffic and errors with (docs/decisions/010-one-log-line-per-request.md), instead of
 * Fastify's two lines ("incoming request", "request completed"). Secrets are redacted from URLs.
 */
class AccessLog extends LogController {
  override incomingRequest() {}
  // the request's own line says 404, with the URL redacted; Fastify's would repeat it unredacted
  override routeNotFound() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: request.method,
      // the route's pattern groups the lines of one page; the URL says which one
      route: request.routeOptions.url ?? null,
      url: redactSecrets(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      collectivity: (request.params as { slug?: string } | undefined)?.slug ?? null,
      ip: truncatedIp(request.ip),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request');
  }
}

/** A visitor's address is personal data (law 09-08): the log keeps its network, not the
 *  machine — the last byte of an IPv4 address, all but the first three groups of an IPv6 one. */
export function truncatedIp(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/i.exec(ip);
  if (v4) return `${v4[1]}.0`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::`;
  return ip;
}

export async function buildApp(
  config: Config,
  database: OpenDatabase,
  options: { logger?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // logged URLs never hold a one-time link's token; tests may read the log through logStream
    logger: options.logger === false ? false : { level: config.logLevel, serializers: logSerializers, ...(options.logStream && { stream: options.logStream }) },
    // only proxies the operator names may say who the client is (TRUST_PROXY)
    trustProxy: config.trustProxy,
    // forms post arrays as repeated keys (partners=1&partners=2)
    routerOptions: { ignoreTrailingSlash: true },
    logController: new AccessLog(),
  });
  app.decorate('db', database.db);
  app.decorate('dialect', database.dialect);
  app.decorate('config', config);
  app.decorate('pageCache', new PageCache(config.pageCache));
  app.decorate('readModels', new ReadModels());
  const lifecycle = { draining: false };
  app.decorate('lifecycle', lifecycle);
  app.decorate('runningVersion', { version: packageVersion, migration: null } as RunningVersion);
  // read in the background: ready() must not wait on a database that does not answer
  app.addHook('onReady', (done) => {
    lastMigration(database.db).then((m) => void (app.runningVersion.migration = m), () => undefined);
    done();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const securityHeaders = computeSecurityHeaders(config);
  // hooks on every request are callback-style: an async hook costs a promise per request
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  // stopping: each answer closes its connection (also those of requests that came before), so
  // keep-alive clients reconnect elsewhere instead of sending on a connection about to close
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.draining) reply.header('connection', 'close');
    done(null, payload);
  });
  // pages up to 64 KB are gzipped synchronously: cheaper than a zlib stream on the thread pool.
  // No request decompression: forms are never sent gzipped, and its hook ran on every request.
  await app.register(compress, { threshold: 1024, encodings: ['gzip'], syncThreshold: 65536, globalDecompression: false });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(csrf, {
    cookieKey: 'infitah_csrf',
    cookieOpts: { path: '/', signed: true, httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
  });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyStatic, {
    root: join(import.meta.dirname, '..', 'public'),
    prefix: '/static/',
    immutable: true,
    maxAge: '365d',
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Infitah open data API',
        version: '1.0.0',
        description: 'Openness programmes of Moroccan territorial collectivities, as open data.',
      },
      servers: [{ url: config.baseUrl }],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
    // the schemas given an id (.meta({ id })) go into components.schemas, where their $refs point
    transformObject: jsonSchemaTransformObject,
  });

  registerHttpPlumbing(app);
  registerSessionLookup(app);
  registerPermissions(app);

  app.get('/', (_req, reply) => reply.redirect('/ar/', 302));
  app.get('/healthz', async (_req, reply) => {
    // a balancer stops sending here while requests in flight finish
    if (lifecycle.draining) return reply.code(503).send({ status: 'draining', version: packageVersion });
    try {
      // within a second: a load balancer's probe must get an answer from a stuck database too
      await checkDatabase(app.db, 1000);
      app.runningVersion.migration = await lastMigration(app.db);
      return { status: 'ok', database: app.dialect, ...app.runningVersion };
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  if (config.metricsToken) {
    const observe = await registerMetrics(app, database, config.metricsToken);
    // callback-style, as the hooks above: an async hook costs a promise per request
    app.addHook('onResponse', (request, reply, done) => {
      observe(request, reply);
      done();
    });
  }
  app.get('/api/v1/openapi.json', { schema: { hide: true } as object }, async () => app.swagger());

  await app.register(authRoutes);
  await app.register(teamRoutes);
  await app.register(mailPlugin);
  await app.register(auditRoutes);
  await app.register(securityTxtRoutes);
  await app.register(shareRoutes);
  await app.register(sitemapRoutes(modules));
  for (const m of modules) await app.register(m.plugin);
  return app;
}
