// Rendered public pages, cached per app instance and keyed by the collectivity's content
// version: every write bumps the version in the same transaction, so a page is never served
// stale after an edit, on this instance or any other. Pages are kept gzipped as well.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Entry {
  html: Buffer;
  gzip: Buffer;
  etag: string;
}

const MAX_ENTRIES = 2000;

export class PageCache {
  private entries = new Map<string, Entry>();

  /** disabled: set() still builds the entry (gzip, ETag) but keeps nothing */
  constructor(private readonly enabled = true) {}

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e) {
      // least recently used goes first: re-insert on hit
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, html: string): Entry {
    const body = Buffer.from(html);
    const entry = {
      html: body,
      gzip: gzipSync(body, { level: 6 }),
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
    };
    if (!this.enabled) return entry;
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  clear() {
    this.entries.clear();
  }
}

export function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry, type = 'text/html; charset=utf-8') {
  reply.header('content-type', type);
  reply.header('etag', entry.etag);
  reply.header('vary', 'accept-encoding');
  reply.header('cache-control', 'no-cache');
  if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    reply.header('content-encoding', 'gzip');
    return reply.send(entry.gzip);
  }
  return reply.send(entry.html);
}
