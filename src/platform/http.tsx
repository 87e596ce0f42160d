// Request-level plumbing shared by every module: the locale of a request, rendering a page
// with its context, flash messages, and the one error handler (localized pages / problem+json).
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { CurrentUser } from './auth/roles.ts';
import { AppError, problemType } from './errors.ts';
import { type Locale, defaultLocale, isLocale, translator } from './i18n/i18n.ts';
import { type PageContext, renderPage } from './ui/page.tsx';
import { ErrorPage } from './ui/error-page.tsx';
import { sendEntry, sendPage } from './page-cache.ts';
import { todayInCasablanca } from './i18n/format.ts';
import { findCollectivity, pick } from './tenancy.ts';
import { heldWindow } from './held-reads.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    user: CurrentUser | null;
  }
  interface FastifyReply {
    /** csrf: include a CSRF token for the page's forms (always on back-office pages) */
    page(page: VNode, status?: number, options?: { csrf?: boolean }): FastifyReply;
    /** redirect after a successful POST, with a message shown once on the next page */
    redirectWithFlash(url: string, messageKey: string): FastifyReply;
  }
}

const LANG_COOKIE = 'infitah_lang';
const FLASH_COOKIE = 'infitah_flash';

export const isAdminUrl = (url: string) => url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?');
export const isApiUrl = (url: string) => url.startsWith('/api/');

function localeOf(request: FastifyRequest, reply: FastifyReply): Locale {
  const first = request.url.split('/')[1]?.split('?')[0];
  if (isLocale(first)) return first;
  if (isAdminUrl(request.url)) {
    const asked = (request.query as Record<string, unknown> | undefined)?.lang;
    if (isLocale(asked)) {
      reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 31_536_000 });
      return asked;
    }
    const saved = request.cookies[LANG_COOKIE];
    if (isLocale(saved)) return saved;
  }
  return defaultLocale;
}

/** pathOnly: the page's links to itself (languages) drop the query string — a cached page is
 *  kept under its path, so it must not carry one visitor's `?utm=…` to every other visitor. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, options: { csrf?: boolean; pathOnly?: boolean } = {}): PageContext {
  const locale = request.locale;
  const admin = isAdminUrl(request.url);
  let flash: string | null = null;
  const flashCookie = request.cookies[FLASH_COOKIE];
  if (flashCookie) {
    const unsigned = request.unsignCookie(flashCookie);
    if (unsigned.valid && unsigned.value) flash = translator(locale)(unsigned.value);
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
  }
  const url = new URL(request.url, 'http://x');
  url.searchParams.delete('lang');
  const search = options.pathOnly ? '' : url.search;
  const path = admin ? url.pathname + search : url.pathname.replace(/^\/(ar|fr|en)(?=\/|$)/, '') + search;
  return {
    locale,
    t: translator(locale),
    path: path || '/',
    area: admin ? 'admin' : 'public',
    user: request.user,
    // never in a cached page: the token belongs to one visitor
    csrfToken: admin || options.csrf ? reply.generateCsrf() : undefined,
    flash,
    origin: request.server.config.baseUrl,
    version: admin ? request.server.runningVersion : undefined,
  };
}

/** The collectivity a public page is about (`/c/{slug}/…`), named in its shared link. */
async function placeOf(request: FastifyRequest, path: string): Promise<PageContext['place']> {
  const slug = /^\/(?:ar|fr|en)\/c\/([^/]+)/.exec(path)?.[1];
  const c = slug ? await findCollectivity(request.server.db, slug, request) : null;
  return c ? { slug: c.slug, name: pick(c.name, request.locale).text, demo: c.isDemo } : undefined;
}

export function registerHttpPlumbing(app: FastifyInstance) {
  app.decorateRequest('locale', defaultLocale);
  app.decorateRequest('user', null);
  app.addHook('onRequest', (request, reply, done) => {
    request.locale = localeOf(request, reply);
    done();
  });

  app.decorateReply('page', function (this: FastifyReply, page: VNode, status = 200, options: { csrf?: boolean } = {}) {
    const html = renderPage(pageContext(this.request, this, options), page);
    return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.decorateReply('redirectWithFlash', function (this: FastifyReply, url: string, messageKey: string) {
    this.setCookie(FLASH_COOKIE, messageKey, { path: '/', signed: true, httpOnly: true, sameSite: 'lax', maxAge: 60 });
    return this.redirect(url, 303);
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiUrl(request.url)) return sendProblem(reply, 404, 'not_found', 'Not Found');
    return reply.page(<ErrorPage status={404} />, 404);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
    if (!(status >= 400 && status < 600)) status = 500; // a library's own statusCode is not an answer
    let code = error instanceof AppError ? error.code : (error.code ?? 'internal');
    if (code.startsWith('FST_CSRF')) {
      status = 403;
      code = 'csrf';
    }
    if (status >= 500) {
      // the log keeps the detail; the answer names no driver code, message or stack
      request.log.error({ err: error }, 'request failed');
      code = 'internal';
    }
    if (isApiUrl(request.url)) {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const errors = Object.fromEntries(
          error.validation.map((v) => [v.instancePath.replace(/^\//, ''), v.message]),
        );
        return sendProblem(reply, 400, 'validation', 'Invalid request', { errors });
      }
      return sendProblem(reply, status, code, status >= 500 ? 'Internal Server Error' : error.message);
    }
    if (status >= 500) return reply.page(<ErrorPage status={500} />, 500);
    return reply.page(<ErrorPage status={status} code={code} />, status);
  });
}

export function sendProblem(reply: FastifyReply, status: number, code: string, title: string, extra: object = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: problemType(code), title, status, ...extra });
}

/**
 * A public page served from the page cache. The key must name everything the page renders:
 * callers include the collectivity's content version, which every write bumps; the locale, the
 * path (not the query string: callers add the query values they render, and the layout's
 * language links are rendered from the path alone) and today's date in Casablanca (lateness is
 * counted in days) are added here.
 */
export async function cachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  build: () => Promise<VNode>,
) {
  // A message for this visitor only (after a redirect): render fresh, never cache it.
  if (request.cookies[FLASH_COOKIE]) return reply.page(await build());
  const path = request.url.split('?')[0];
  const fullKey = `${key}|${request.locale}|${path}|${todayInCasablanca()}`;
  const cache = request.server.pageCache;
  const render = async () => renderPage({ ...pageContext(request, reply, { pathOnly: true }), flash: null, place: await placeOf(request, path) }, await build());
  // Free text (?q=, the proposals search) takes any value: kept, each one would push a useful
  // page out. Rendered afresh and kept nowhere; the trigram index keeps it cheap (decision 003).
  const q = (request.query as Record<string, unknown> | undefined)?.q;
  if (typeof q === 'string' && q.trim() !== '') return sendEntry(request, reply, await cache.entry(await render()));
  return sendPage(request, reply, fullKey, render, { held: heldPage(request) });
}

/** For a reader without credentials (held-reads.ts): the address whose last page may be answered
 *  while a newer one is rendered. */
function heldPage(request: FastifyRequest) {
  const windowMs = heldWindow(request);
  return windowMs > 0 ? { address: request.url, windowMs, onError: (e: unknown) => request.log.error(e, 'rendering a page after answering the previous one') } : undefined;
}

/**
 * An API document served like a cached page: kept per key (which must hold the collectivity's
 * content version and every input; today's date is added here), encoded once through its
 * response schema, sent with an ETag so that a client holding it gets 304 Not Modified.
 */
export async function cachedJson<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  schema: S,
  build: () => Promise<z.output<S>>,
) {
  const fullKey = `${key}|${todayInCasablanca()}`;
  return sendPage(request, reply, fullKey, async () => JSON.stringify(z.encode(schema, await build())), { type: 'application/json; charset=utf-8', held: heldPage(request) });
}
