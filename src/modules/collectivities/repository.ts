// Reads of collectivities (the tenants): the network list, keyset-paginated by slug so that a
// page costs the same whatever the size of the network.
import type { Db } from '../../platform/db/database.ts';
import { compiledOnce } from '../../platform/db/compiled-once.ts';

export interface CollectivityListItem {
  id: number;
  slug: string;
  name: { ar: string; fr: string | null; en: string | null };
  kind: string;
  contentVersion: number;
  parent: { slug: string; name: { ar: string; fr: string | null; en: string | null } } | null;
  /** the parent's parent: the region of a commune */
  grandparent: { slug: string; name: { ar: string; fr: string | null; en: string | null } } | null;
  /** invented example data (the demo's second commune) */
  isDemo: boolean;
}

// The network home's cache key, read on every request (held a second for visitors without
// cookies: platform/held-reads.ts): only ids and content versions (the
// collectivity's, its parent's and grandparent's, whose names the page shows), compiled once.
const versionsQuery = (db: Db) =>
  db
    .selectFrom('collectivity as c')
    .leftJoin('collectivity as p', 'p.id', 'c.parent_id')
    .leftJoin('collectivity as g', 'g.id', 'p.parent_id')
    .select(['c.id', 'c.content_version', 'p.content_version as parent_version', 'g.content_version as grandparent_version']);
const firstVersions = compiledOnce((db) => versionsQuery(db).orderBy('c.slug').limit(0));
const laterVersions = compiledOnce((db) => versionsQuery(db).where('c.slug', '>', '').orderBy('c.slug').limit(0));

/** What a page of listCollectivities shows depends on: one string, for a cache key. */
export async function collectivityPageVersions(db: Db, opts: { after?: string; limit: number }): Promise<string> {
  const rows = opts.after === undefined ? await firstVersions(db, [opts.limit + 1]) : await laterVersions(db, [opts.after, opts.limit + 1]);
  return rows.map((r) => `${r.id}.${r.content_version}.${r.parent_version ?? ''}.${r.grandparent_version ?? ''}`).join(',');
}

export async function listCollectivities(db: Db, opts: { after?: string; limit: number }): Promise<{ items: CollectivityListItem[]; next: string | null }> {
  const rows = await db
    .selectFrom('collectivity as c')
    .leftJoin('collectivity as p', 'p.id', 'c.parent_id')
    .leftJoin('collectivity as g', 'g.id', 'p.parent_id')
    .select([
      'c.id',
      'c.slug',
      'c.name_ar',
      'c.name_fr',
      'c.name_en',
      'c.kind',
      'c.content_version',
      'c.is_demo',
      'p.slug as parent_slug',
      'p.name_ar as parent_name_ar',
      'p.name_fr as parent_name_fr',
      'p.name_en as parent_name_en',
      'g.slug as grandparent_slug',
      'g.name_ar as grandparent_name_ar',
      'g.name_fr as grandparent_name_fr',
      'g.name_en as grandparent_name_en',
    ])
    .$if(opts.after !== undefined, (q) => q.where('c.slug', '>', opts.after!))
    .orderBy('c.slug')
    .limit(opts.limit + 1)
    .execute();
  const more = rows.length > opts.limit;
  const items = rows.slice(0, opts.limit).map((r) => ({
    id: r.id,
    slug: r.slug,
    name: { ar: r.name_ar, fr: r.name_fr, en: r.name_en },
    kind: r.kind,
    contentVersion: r.content_version,
    parent: r.parent_slug ? { slug: r.parent_slug, name: { ar: r.parent_name_ar!, fr: r.parent_name_fr, en: r.parent_name_en } } : null,
    grandparent: r.grandparent_slug ? { slug: r.grandparent_slug, name: { ar: r.grandparent_name_ar!, fr: r.grandparent_name_fr, en: r.grandparent_name_en } } : null,
    isDemo: r.is_demo === 1,
  }));
  return { items, next: more ? items[items.length - 1].slug : null };
}

/** Rows per page of a collectivity's members (a province may have more communes than that). */
export const CHILDREN_PER_PAGE = 100;

/** One page of a collectivity's members by slug, after `after`; `next` is the slug to continue from. */
export async function childrenOf(db: Db, collectivityId: number, after?: string, limit = CHILDREN_PER_PAGE) {
  const rows = await db
    .selectFrom('collectivity')
    .select(['slug', 'name_ar', 'name_fr', 'name_en', 'kind'])
    .where('parent_id', '=', collectivityId)
    .$if(after !== undefined, (q) => q.where('slug', '>', after!))
    .orderBy('slug')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1].slug : null };
}

export async function parentOf(db: Db, parentId: number | null) {
  if (parentId === null) return undefined;
  return db.selectFrom('collectivity').select(['slug', 'name_ar', 'name_fr', 'name_en']).where('id', '=', parentId).executeTakeFirst();
}
