// Rendered public pages, cached per app instance and keyed by the collectivity's content
// version: every write bumps the version in the same transaction, so whoever carries a cookie is
// never served a page older than the last edit, on this instance or any other (a visitor without
// one may be, within the held-read window: getOrRender). Pages are kept gzipped as well.
// A kept page's ETag comes from its key, not its bytes: a client that holds the page gets 304
// before anything is rendered, on an instance that never rendered it or with the cache off.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cssHref } from './ui/page.tsx';

interface Entry {
  html: Buffer;
  gzip: Buffer;
  etag: string;
}

const gzipAsync = promisify(gzip);

/** One buffer to encode pages into, then copied to their own: `Buffer.from(text)` measures the
 *  UTF-8 length in a pass of its own first, which on Arabic text costs as much as the writing. */
const scratch = Buffer.allocUnsafeSlow(512 * 1024);

function utf8(text: string): Buffer {
  if (text.length * 3 > scratch.length) return Buffer.from(text);
  return Buffer.from(scratch.subarray(0, scratch.write(text)));
}

/** What renders the pages, in every key's ETag: a new build (its stamp, dist/.built, written by
 *  `npm run build`) or a changed stylesheet (its address holds its hash) never answers 304 for a
 *  page rendered before it. Run from the sources, which may change at any restart, this process's
 *  start stands for the build. */
const rendering: string = (() => {
  let build: string;
  try {
    build = readFileSync(join(import.meta.dirname, '..', '.built'), 'utf8');
  } catch {
    build = `sources, started ${Date.now()} by ${process.pid}`;
  }
  return `${build}|${cssHref}`;
})();

/** The ETag of the page kept under `key`, which names every input of the page (the collectivity's
 *  content version, locale, address, day): the same page on every instance of one build. Weak:
 *  the gzipped and the plain page are one page in two encodings. */
export function etagOf(key: string): string {
  return `W/"${createHash('sha1').update(rendering).update(key).digest('base64url').slice(0, 22)}"`;
}

/** If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2: W/ aside; a list; `*`). */
export function holds(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header === etag) return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === opaque;
  });
}

const MAX_ENTRIES = 2000;
/** One route (the key up to its first ':', e.g. `proposals`) keeps at most this many pages: a
 *  query string varied on one route (`?before=` any id, a crawler walking every proposal) only
 *  pushes out that route's own pages, never the programme page or the home. */
const MAX_PER_ROUTE = 500;

export class PageCache {
  /** per route, least recently used first (a Map keeps insertion order) */
  private routes = new Map<string, Map<string, Entry>>();
  private size = 0;
  /** lookups answered from memory: what tests and the bench observe */
  hits = 0;
  /** per route (the key up to its first ':'), pages served from memory and rendered: read by
   *  /metrics at scrape time, so a request only adds to two numbers */
  readonly lookups = new Map<string, { hits: number; misses: number }>();

  /** disabled: set() still builds the entry (gzip, ETag) but keeps nothing */
  constructor(private readonly enabled = true) {}

  /** The entry kept under `key`, if any, as it is: not counted as a hit, nor moved up. */
  peek(key: string): Entry | undefined {
    return this.routes.get(routeOf(key))?.get(key);
  }

  get(key: string): Entry | undefined {
    const pages = this.routes.get(routeOf(key));
    const e = pages?.get(key);
    if (e) {
      // least recently used goes first: re-insert on hit
      pages!.delete(key);
      pages!.set(key, e);
      this.hits++;
    }
    return e;
  }

  /** The entry for a page (gzip, ETag), kept nowhere: for a page that is not to be cached. Its
   *  ETag is the key's (etagOf) or, without a key (a search, any query), the content's hash. */
  async entry(html: string, etag?: string): Promise<Entry> {
    const body = utf8(html);
    return {
      html: body,
      gzip: await gzipAsync(body, { level: 6 }),
      etag: etag ?? `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
    };
  }

  async set(key: string, html: string): Promise<Entry> {
    const entry = await this.entry(html, etagOf(key));
    if (!this.enabled) return entry;
    const route = routeOf(key);
    let pages = this.routes.get(route);
    if (!pages) this.routes.set(route, (pages = new Map()));
    if (!pages.delete(key)) this.size++;
    pages.set(key, entry);
    if (pages.size > MAX_PER_ROUTE) this.evict(pages);
    if (this.size > MAX_ENTRIES) {
      // full: the route holding the most pages gives up its least recently used one
      let largest = pages;
      for (const p of this.routes.values()) if (p.size > largest.size) largest = p;
      this.evict(largest);
    }
    return entry;
  }

  private evict(pages: Map<string, Entry>) {
    pages.delete(pages.keys().next().value!);
    this.size--;
  }

  private rendering = new Map<string, Promise<Entry>>();
  /** renders whose failure a held reader will report */
  private reported = new WeakSet<Promise<Entry>>();
  /** per address (a held reader's URL), the key of the page last served to it as current, and when */
  private served = new Map<string, { key: string; at: number }>();

  /**
   * The cached entry, or the one `render` makes and keeps. Requests that arrive while a page is
   * being rendered (a burst of visitors after a write) wait for that render instead of each
   * rendering it again: the page is the same for all of them. Disabled (PAGE_CACHE=off, which
   * measures each render), every request renders.
   *
   * `held`: a reader who may be answered up to `windowMs` behind (held-reads.ts) and asks for the
   * page at `address` (its URL). When the page must be rendered (a write moved the version) and
   * the page that address was last served was still current within the window, that page is
   * answered at once and the render goes on without the reader, who would otherwise wait for its
   * queries (on PostgreSQL, a round trip each). Such a visitor trails a write by at most twice
   * the window; anyone with a cookie waits for the render.
   */
  async getOrRender(key: string, render: () => Promise<string>, held?: { address: string; windowMs: number; onError: (e: unknown) => void }): Promise<Entry> {
    const found = this.get(key);
    const route = routeOf(key);
    let counts = this.lookups.get(route);
    if (!counts) this.lookups.set(route, (counts = { hits: 0, misses: 0 }));
    const asked = Date.now();
    if (found) {
      counts.hits++;
      if (held) this.servedAsCurrent(held.address, key, asked);
      return found;
    }
    counts.misses++;
    if (!this.enabled) return this.entry(await render(), etagOf(key));
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = render()
        .then((html) => this.set(key, html))
        .finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    if (!held) return pending;
    const last = this.served.get(held.address);
    const previous = last && asked - last.at <= held.windowMs ? this.routes.get(routeOf(last.key))?.get(last.key) : undefined;
    if (!previous) {
      const entry = await pending;
      this.servedAsCurrent(held.address, key, asked);
      return entry;
    }
    // a failed render is reported once, by the first reader it was hidden from, not once per
    // reader answered meanwhile (a database outage would otherwise log every visit)
    const report = !this.reported.has(pending);
    this.reported.add(pending);
    pending.then(
      () => this.servedAsCurrent(held.address, key, asked),
      (e) => report && held.onError(e),
    );
    return previous;
  }

  /** `key` was the current page of `address` at `at` (the time it was asked for, not rendered:
   *  what it shows is no newer than that) */
  private servedAsCurrent(address: string, key: string, at: number) {
    const last = this.served.get(address);
    if (last && last.at >= at) return; // a page asked for later is already recorded
    if (last?.key === key) {
      last.at = at;
      return;
    }
    if (this.served.size >= MAX_ENTRIES) this.served.clear();
    this.served.set(address, { key, at });
  }

  /** pages kept, in all */
  get entries(): number {
    return this.size;
  }

  clear() {
    this.routes.clear();
    this.served.clear();
    this.size = 0;
  }
}

function routeOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

type Held = Parameters<PageCache['getOrRender']>[2];

/**
 * Answers with the page kept under `key` (rendered by `render` when it is not), or with 304 Not
 * Modified, before any render, when the client already holds it: the key names the page.
 */
export async function sendPage(request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>, options: { type?: string; held?: Held } = {}) {
  const cache = request.server.pageCache;
  if (request.headers['if-none-match'] !== undefined) {
    const etag = cache.peek(key)?.etag ?? etagOf(key);
    if (holds(request, etag)) return notModified(reply, etag, options.type);
  }
  return sendEntry(request, reply, await cache.getOrRender(key, render, options.held), options.type);
}

/** The headers of a page's answer, 304 or 200: browsers ask again each time (no-cache), with
 *  the ETag they hold. */
function validators(reply: FastifyReply, etag: string, type = 'text/html; charset=utf-8') {
  reply.header('content-type', type);
  reply.header('etag', etag);
  reply.header('vary', 'accept-encoding');
  reply.header('cache-control', 'no-cache');
}

function notModified(reply: FastifyReply, etag: string, type?: string) {
  validators(reply, etag, type);
  return reply.code(304).send();
}

export function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry, type?: string) {
  if (holds(request, entry.etag)) return notModified(reply, entry.etag, type);
  validators(reply, entry.etag, type);
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    reply.header('content-encoding', 'gzip');
    return reply.send(entry.gzip);
  }
  return reply.send(entry.html);
}
