// Collectivities are the tenants. Public URLs name them by slug; everything below is
// looked up with the collectivity's id in the query.
import type { Db } from './db/database.ts';
import { type Reader, readFor } from './held-reads.ts';
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

/**
 * The collectivity a URL names, or null. Given `reader`, the request of a public read: a visitor
 * without credentials may be answered from the row as this instance read it in the last
 * PAGE_FRESH_MS (platform/held-reads.ts). Every other read (writes, staff pages, the CLI) asks
 * the database.
 */
export function findCollectivity(db: Db, slug: string, reader?: Reader): Promise<Collectivity | null> {
  return readFor(reader, db, `collectivity:${slug}`, () => lookUp(db, slug), (c) => c !== null);
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

/** pick, or null when no language has the text (a missing translation is absent, never ""). */
export function pickPresent(text: L10n, locale: Locale): { text: string; lang: Locale } | null {
  return text.ar || text.fr || text.en ? pick(text, locale) : null;
}

/** The localized text of a row's `field_ar/_fr/_en` columns, in the locale or a fallback; null when
 *  no language has it. */
export function pickField(row: object, field: string, locale: Locale): { text: string; lang: Locale } | null {
  return pickPresent(l10nOf(row, field), locale);
}

/** pickField for a column that is always filled (the Arabic title of an axis, say). */
export const pickText = (row: object, field: string, locale: Locale): { text: string; lang: Locale } =>
  pickField(row, field, locale) ?? { text: '', lang: locale };
