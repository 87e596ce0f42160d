// Reads of the digital services module. Every function takes the collectivity's id (the platforms'
// list is the network's, without one).
import type { Db } from '../../platform/db/database.ts';
import type { AwarenessCampaignRow, DigitalPlatformRow, PlatformMembershipRow, PublicServiceRow, ServiceMonthRow } from './tables.ts';
import './tables.ts';

export const PAGE_SIZE = 20;

/** The network's platforms in their order; retired ones too with `all`. */
export function listPlatforms(db: Db, options: { all?: boolean } = {}): Promise<DigitalPlatformRow[]> {
  return db
    .selectFrom('digital_platform')
    .selectAll()
    .$if(!options.all, (q) => q.where('retired', '=', 0))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export const findPlatform = (db: Db, id: number) => db.selectFrom('digital_platform').selectAll().where('id', '=', id).executeTakeFirst();

export function listMemberships(db: Db, collectivityId: number): Promise<PlatformMembershipRow[]> {
  return db.selectFrom('platform_membership').selectAll().where('collectivity_id', '=', collectivityId).execute();
}

export const findMembership = (db: Db, collectivityId: number, platformId: number) =>
  db.selectFrom('platform_membership').selectAll().where('collectivity_id', '=', collectivityId).where('platform_id', '=', platformId).executeTakeFirst();

/** A platform with the collectivity's membership of it: offered ones, and retired ones it had joined. */
export interface PlatformStatus {
  platform: DigitalPlatformRow;
  membership: PlatformMembershipRow | null;
}

export async function platformStatuses(db: Db, collectivityId: number): Promise<PlatformStatus[]> {
  const [platforms, memberships] = await Promise.all([listPlatforms(db, { all: true }), listMemberships(db, collectivityId)]);
  const byPlatform = new Map(memberships.map((m) => [m.platform_id, m]));
  return platforms
    .map((platform) => ({ platform, membership: byPlatform.get(platform.id) ?? null }))
    .filter((s) => s.platform.retired === 0 || s.membership?.joined === 1);
}

/** The monitoring indicator: offered (non-retired) platforms joined, of those offered. */
export function joinedShare(statuses: PlatformStatus[]): { joined: number; offered: number; share: number | null } {
  const offered = statuses.filter((s) => s.platform.retired === 0);
  const joined = offered.filter((s) => s.membership?.joined === 1).length;
  return { joined, offered: offered.length, share: offered.length === 0 ? null : Math.round((joined / offered.length) * 1000) / 10 };
}

/** A collectivity has a few dozen services at most: listed whole, in their order. */
export function listServices(db: Db, collectivityId: number): Promise<PublicServiceRow[]> {
  return db.selectFrom('public_service').selectAll().where('collectivity_id', '=', collectivityId).orderBy('position').orderBy('id').execute();
}

export const findService = (db: Db, collectivityId: number, id: number) =>
  db.selectFrom('public_service').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();

/** One service's months, newest first, a page at a time (keyset on the month). */
export async function serviceMonthsPage(db: Db, collectivityId: number, serviceId: number, before: string | null, limit = 24): Promise<{ items: ServiceMonthRow[]; next: string | null }> {
  const rows = await db
    .selectFrom('service_month')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('service_id', '=', serviceId)
    .$if(before !== null, (q) => q.where('month', '<', before!))
    .orderBy('month', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1]!.month : null };
}

export interface MonthTotal {
  month: string;
  received: number;
  online: number;
  paper: number;
}

/** The collectivity's months summed over its services, oldest first (`since`: from that month). */
export async function monthlyTotals(db: Db, collectivityId: number, options: { since?: string; serviceId?: number } = {}): Promise<MonthTotal[]> {
  const rows = await db
    .selectFrom('service_month')
    .select((eb) => ['month', eb.fn.sum<number | string>('received').as('received'), eb.fn.sum<number | string>('online').as('online'), eb.fn.sum<number | string>('paper').as('paper')])
    .where('collectivity_id', '=', collectivityId)
    .$if(options.since !== undefined, (q) => q.where('month', '>=', options.since!))
    .$if(options.serviceId !== undefined, (q) => q.where('service_id', '=', options.serviceId!))
    .groupBy('month')
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, received: Number(r.received), online: Number(r.online), paper: Number(r.paper) }));
}

/** Campaigns, newest first, a keyset page at a time on (held_on, id). */
export async function campaignsPage(db: Db, collectivityId: number, after: { key: string; id: number } | null, limit = PAGE_SIZE): Promise<{ items: AwarenessCampaignRow[]; next: string | null }> {
  const rows = await db
    .selectFrom('awareness_campaign')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('held_on', '<', after!.key), eb.and([eb('held_on', '=', after!.key), eb('id', '<', after!.id)])])))
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? `${last.held_on}|${last.id}` : null };
}

export const findCampaign = (db: Db, collectivityId: number, id: number) =>
  db.selectFrom('awareness_campaign').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();

/** Campaigns' totals: how many, people reached, and women among those where women were counted. */
export async function campaignTotals(db: Db, collectivityId: number) {
  const r = await db
    .selectFrom('awareness_campaign')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string | null>('reached').as('reached'),
      eb.fn.sum<number | string | null>(eb.case().when('women', 'is not', null).then(eb.ref('reached')).else(null).end()).as('counted'),
      eb.fn.sum<number | string | null>('women').as('women'),
    ])
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), reached: Number(r.reached ?? 0), counted: Number(r.counted ?? 0), women: Number(r.women ?? 0) };
}
