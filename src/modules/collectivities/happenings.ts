// What a collectivity's home and announcements show of the other modules, computed from their
// records: "open now" (calls, consultations, budget votes, upcoming meetings) and the public
// announcements (the same, and reports, by the date they became public). The collectivities
// module reads no other module's tables: each module registers what it has.
import type { Db } from '../../platform/db/database.ts';
import type { L10n } from '../../platform/tenancy.ts';

export type HappeningKind = 'call' | 'consultation' | 'submission' | 'vote' | 'meeting' | 'report';

/** Something citizens can take part in, open now or coming. */
export interface Happening {
  kind: HappeningKind;
  /** unique within the collectivity, e.g. `call:3` (the home's cache key is made of them) */
  key: string;
  title: L10n;
  /** path under /{locale}/c/{slug}, e.g. `/announcements/3` */
  href: string;
  /** ISO instants, or YYYY-MM-DD for a day (meetings) */
  from: string;
  until: string | null;
}

/** A public announcement, dated by when it was made public (or held, for a meeting). */
export interface Announcement {
  kind: HappeningKind;
  key: string;
  title: L10n;
  summary: L10n | null;
  href: string;
  /** ISO instant or YYYY-MM-DD */
  at: string;
}

type OpenNowProvider = (db: Db, collectivityId: number, at: string) => Promise<Happening[]>;
/** Announcements dated at or before `before` (all when null), newest first, at most `limit`. */
type AnnouncementProvider = (db: Db, collectivityId: number, page: { before: string | null; limit: number }) => Promise<Announcement[]>;

const openNowProviders: OpenNowProvider[] = [];
const announcementProviders: AnnouncementProvider[] = [];

export const registerOpenNow = (provider: OpenNowProvider) => void openNowProviders.push(provider);
export const registerAnnouncements = (provider: AnnouncementProvider) => void announcementProviders.push(provider);

/** What is open at `at` or coming, soonest first: open ones (by closing), then upcoming (by opening). */
export async function openNow(db: Db, collectivityId: number, at: string): Promise<OpenNow> {
  const all = (await Promise.all(openNowProviders.map((p) => p(db, collectivityId, at)))).flat();
  const today = at.slice(0, 10);
  const started = (h: Happening) => (h.from.length === 10 ? h.from <= today : h.from <= at);
  const open = all.filter(started).sort((a, b) => (a.until ?? '9').localeCompare(b.until ?? '9'));
  const upcoming = all.filter((h) => !started(h)).sort((a, b) => a.from.localeCompare(b.from));
  // the list stays true until something opens or closes, a day starts (meetings are by the day),
  // or an hour has passed (an item beyond a provider's first ten may come up)
  const boundaries = [
    new Date(Date.parse(at) + 3_600_000).toISOString(),
    ...(all.some((h) => h.from.length === 10) ? [new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString()] : []),
    ...open.flatMap((h) => (h.until && h.until.length > 10 ? [h.until] : [])),
    ...upcoming.flatMap((h) => (h.from.length > 10 ? [h.from] : [])),
  ];
  return { open, upcoming, until: boundaries.reduce((a, b) => (b < a ? b : a)) };
}

export interface OpenNow {
  open: Happening[];
  upcoming: Happening[];
  /** the instant after which the lists may differ, whatever is written */
  until: string;
}

// per database (each app instance, each test's app has its own), then per collectivity
const known = new WeakMap<Db, Map<number, { version: number; value: OpenNow }>>();

/**
 * openNow, kept per collectivity until its content version changes (a write) or the lists' own
 * `until` passes: the home asks it on every request, even those its page cache answers.
 */
export async function openNowCached(db: Db, collectivity: { id: number; contentVersion: number }, at: string): Promise<OpenNow> {
  let byCollectivity = known.get(db);
  if (!byCollectivity) known.set(db, (byCollectivity = new Map()));
  const hit = byCollectivity.get(collectivity.id);
  if (hit && hit.version === collectivity.contentVersion && at < hit.value.until) return hit.value;
  const value = await openNow(db, collectivity.id, at);
  byCollectivity.set(collectivity.id, { version: collectivity.contentVersion, value });
  return value;
}

const order = (a: Announcement, b: Announcement) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key);

/** One page of announcements from every module, newest first. The cursor is `at|key` of the last
 *  one shown; each provider is asked for the page's size at or before its date. */
export async function announcements(db: Db, collectivityId: number, page: { before: string | null; limit: number }) {
  const [beforeAt, beforeKey] = page.before ? page.before.split('|') : [null, null];
  const shown = (a: Announcement) => beforeAt !== null && (a.at > beforeAt || (a.at === beforeAt && a.key >= (beforeKey ?? '')));
  // a provider answers "at or before" the cursor's date: the ones at that date already shown are
  // dropped, and it is asked again for as many more, or the page would end early
  const fromProvider = async (provider: AnnouncementProvider) => {
    for (let ask = page.limit + 1; ; ) {
      const rows = await provider(db, collectivityId, { before: beforeAt, limit: ask });
      const kept = rows.filter((a) => !shown(a));
      if (rows.length < ask || kept.length > page.limit) return kept;
      ask += rows.length - kept.length;
    }
  };
  const sorted = (await Promise.all(announcementProviders.map(fromProvider))).flat().sort(order);
  const items = sorted.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: sorted.length > page.limit && last ? `${last.at}|${last.key}` : null };
}
