// Collectivities are the tenants. Public URLs name them by slug; everything below is
// looked up with the collectivity's id in the query.
import type { FastifyRequest } from 'fastify';
import type { Db } from './db/database.ts';
import { compiledOnce } from './db/compiled-once.ts';
import { notFound } from './errors.ts';
import type { Locale } from './i18n/i18n.ts';

export interface Collectivity {
  id: number;
  slug: string;
  name: { ar: string; fr: string | null; en: string | null };
  kind: string;
  parentId: number | null;
  contentVersion: number;
  /** the programme's version: moves with every write but citizens' that leave the plan unchanged */
  planVersion: number;
  /** invented example data: its public pages carry a notice */
  isDemo: boolean;
}

// on every public request: compiled once
const bySlug = compiledOnce((db) =>
  db
    .selectFrom('collectivity')
    .select(['id', 'slug', 'name_ar', 'name_fr', 'name_en', 'kind', 'parent_id', 'content_version', 'plan_version', 'is_demo'])
    .where('slug', '=', ''),
);

/** Who asks, for a public read: the request (see findCollectivity). */
export type Reader = Pick<FastifyRequest, 'method' | 'headers' | 'server'>;

/** Rows recently read for readers without credentials, per database: a slug's lookup in flight
 *  or done (then with the collectivity's id). */
const recent = new WeakMap<Db, Map<string, { at: number; row: Promise<Collectivity | null>; id?: number }>>();
const MAX_RECENT = 10_000;

/** A write committed through this instance (platform/commands.ts): its readers read the row
 *  again at once, and so do those of lookups still in flight, which may have read it before. */
export function forgetCollectivity(db: Db, id: number): void {
  const held = recent.get(db);
  if (!held) return;
  for (const [slug, h] of held) if (h.id === undefined || h.id === id) held.delete(slug);
}

/**
 * The collectivity a URL names, or null. Given `reader`, the request of a public read: a GET or
 * HEAD without credentials (no cookie, no Authorization header) is answered from the row as read
 * on this instance in the last PAGE_FRESH_MS (one second by default). Under load that is one
 * lookup per collectivity and second instead of one per request: about a third of a cached
 * page's cost on SQLite, a round trip on PostgreSQL (decision 003, amendment 2). Such a visitor
 * has written nothing, so their page may trail a write made on another instance by that much
 * (a command committed here forgets the row at once); whoever writes carries the form's CSRF
 * cookie or a session, and reads the row as it is. Every other read (writes, staff pages, the
 * CLI) asks the database.
 */
export function findCollectivity(db: Db, slug: string, reader?: Reader): Promise<Collectivity | null> {
  const freshMs = reader?.server.config.pageFreshMs ?? 0;
  if (!reader || freshMs === 0 || !(reader.method === 'GET' || reader.method === 'HEAD') || reader.headers.cookie || reader.headers.authorization) {
    return lookUp(db, slug);
  }
  let held = recent.get(db);
  if (!held) recent.set(db, (held = new Map()));
  const now = Date.now();
  const found = held.get(slug);
  if (found && now - found.at < freshMs) return found.row;
  if (held.size >= MAX_RECENT) held.clear();
  const row = lookUp(db, slug);
  const entry: { at: number; row: Promise<Collectivity | null>; id?: number } = { at: now, row };
  held.set(slug, entry);
  // neither a failure nor an unknown slug is kept (random slugs must not fill the map)
  const forget = () => void (held.get(slug) === entry && held.delete(slug));
  row.then((c) => (c === null ? forget() : void (entry.id = c.id)), forget);
  return row;
}

async function lookUp(db: Db, slug: string): Promise<Collectivity | null> {
  const [row] = await bySlug(db, [slug]);
  return row
    ? {
        id: row.id,
        slug: row.slug,
        name: { ar: row.name_ar, fr: row.name_fr, en: row.name_en },
        kind: row.kind,
        parentId: row.parent_id,
        contentVersion: row.content_version,
        planVersion: row.plan_version,
        isDemo: row.is_demo === 1,
      }
    : null;
}

/** findCollectivity, or 404. */
export async function requireCollectivity(db: Db, slug: string, reader?: Reader): Promise<Collectivity> {
  const c = await findCollectivity(db, slug, reader);
  if (!c) throw notFound('collectivity_not_found');
  return c;
}

/** A localized text with Arabic as the fallback; `lang` says which language is actually shown. */
export function pick(text: { ar: string | null; fr?: string | null; en?: string | null }, locale: Locale): { text: string; lang: Locale } {
  const v = text[locale];
  if (v) return { text: v, lang: locale };
  for (const l of ['ar', 'fr', 'en'] as const) if (text[l]) return { text: text[l]!, lang: l };
  return { text: '', lang: locale };
}

/** A text in the three languages; null where it has none. */
export interface L10n {
  ar: string | null;
  fr: string | null;
  en: string | null;
}

/** A row's `field_ar/_fr/_en` columns as one localized text. */
export const l10nOf = (row: object, field: string): L10n => {
  const r = row as Record<string, string | null | undefined>;
  return { ar: r[`${field}_ar`] ?? null, fr: r[`${field}_fr`] ?? null, en: r[`${field}_en`] ?? null };
};

/** The localized text of a row's `field_ar/_fr/_en` columns, in the locale or a fallback; null when
 *  no language has it (a missing translation is absent, never ""). */
export function pickField(row: object, field: string, locale: Locale): { text: string; lang: Locale } | null {
  const text = l10nOf(row, field);
  return text.ar || text.fr || text.en ? pick(text, locale) : null;
}

/** pickField for a column that is always filled (the Arabic title of an axis, say). */
export const pickText = (row: object, field: string, locale: Locale): { text: string; lang: Locale } =>
  pickField(row, field, locale) ?? { text: '', lang: locale };
