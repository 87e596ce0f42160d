// "My space" (/{locale}/account): what the signed-in person did, listed by the modules that keep
// it. The accounts module reads no other module's tables: each module registers its sections
// (co-creation: proposals, supports and follows, comments; budget: ballots and projects).
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pick } from '../../platform/tenancy.ts';

export interface MySpaceItem {
  title: { text: string; lang: string };
  href: string;
  /** the item's state, in the page's language (e.g. "under review", "you voted") */
  note: string | null;
  /** YYYY-MM-DD or an ISO instant */
  date: string;
  /** the collectivity it belongs to */
  place: { name: { text: string; lang: Locale }; href: string };
}

export interface MySpaceSection {
  /** the key of the section's page in the query string (`?proposals=…`); its heading is
   *  `accounts.mySpace.{name}` and its empty text `accounts.mySpace.{name}None` */
  name: string;
  /** one page of the person's items, newest first; `next` is an opaque cursor (or null) */
  list(db: Db, userId: number, locale: Locale, page: { before: string | null; limit: number }): Promise<{ items: MySpaceItem[]; next: string | null }>;
  /** the collectivities where the person has items in this section */
  collectivityIds(db: Db, userId: number): Promise<number[]>;
}

const sections = new Map<string, MySpaceSection>();

/** Registered once per module at load; registering a name again replaces the section. */
export function registerMySpaceSection(section: MySpaceSection): void {
  sections.set(section.name, section);
}

export const mySpaceSections = (): MySpaceSection[] => [...sections.values()];

/** A cursor from the query string: short and plain, else the first page. */
export const cursorOf = (value: unknown): string | null => (typeof value === 'string' && /^[\w.:-]{1,40}$/.test(value) ? value : null);

/** The keyset cursor of sections paged by id: the last id shown, or null (first page). */
export const beforeId = (cursor: string | null): number | null => (cursor && /^\d+$/.test(cursor) ? Number(cursor) : null);

/** A page from `limit + 1` rows, newest first: the extra row only says that there is a next page. */
export function pageById<R extends { id: number }>(rows: R[], limit: number, item: (r: R) => MySpaceItem) {
  return { items: rows.slice(0, limit).map(item), next: rows.length > limit ? String(rows[limit - 1].id) : null };
}

/** The collectivity of an item, from its slug and names. */
export const placeOf = (r: { slug: string; name_ar: string; name_fr: string | null; name_en: string | null }, locale: Locale): MySpaceItem['place'] => ({
  name: pick({ ar: r.name_ar, fr: r.name_fr, en: r.name_en }, locale),
  href: `/${locale}/c/${r.slug}`,
});
