// Reads of citizens' referrals to the commission. Every query is scoped by the collectivity
// (the author's own lists by the account), and every list is a keyset page on id, newest first.
// Nothing here returns the author's identity: the account id is used to find "mine", never shown.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { SitemapProvider } from '../manifest.ts';
import type { ReferralRow, ReferralStatus } from './tables.ts';
import './tables.ts';

/** Referrals per page, public and in the back office. */
export const REFERRALS_PAGE = 20;

/** At most this many referrals per account and collectivity in any 24 hours. */
export const MAX_REFERRALS_PER_DAY = 3;
export const REFERRAL_WINDOW_MS = 24 * 3_600_000;

/** What the public may read of a referral answered publicly: never who sent it. */
export type PublicReferral = Pick<ReferralRow, 'id' | 'subject' | 'body' | 'concerns' | 'answer' | 'answered_on' | 'created_at'>;

const publicColumns = ['id', 'subject', 'body', 'concerns', 'answer', 'answered_on', 'created_at'] as const;

/** A page of one list: the rows, and the cursor of the next page (the last id shown) or null. */
export interface Page<R> {
  items: R[];
  next: number | null;
}

const pageOf = <R extends { id: number }>(rows: R[], limit: number): Page<R> => ({
  items: rows.slice(0, limit),
  next: rows.length > limit ? rows[limit - 1].id : null,
});

/** The referrals the commission answered publicly (not hidden), newest first. */
export async function publicReferrals(db: Db, collectivityId: number, after: number | null, limit = REFERRALS_PAGE): Promise<Page<PublicReferral>> {
  const rows = await db
    .selectFrom('ieecag_referral')
    .select(publicColumns)
    .where('collectivity_id', '=', collectivityId)
    .where('status', '=', 'answered')
    .where('answer_public', '=', 1)
    .$if(after !== null, (q) => q.where('id', '<', after!))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit);
}

/** One referral as the public may read it, or undefined when it is not public. */
export async function publicReferral(db: Db, collectivityId: number, id: number): Promise<PublicReferral | undefined> {
  return db
    .selectFrom('ieecag_referral')
    .select(publicColumns)
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', id)
    .where('status', '=', 'answered')
    .where('answer_public', '=', 1)
    .executeTakeFirst();
}

/** The commission's account of itself: how many referrals it received and answered (publicly or
 *  privately), and how many moderators set aside. Counts only, computed from the rows. */
export interface ReferralFigures {
  received: number;
  answered: number;
  answeredPublicly: number;
  hidden: number;
}

export async function referralFigures(db: Db, collectivityId: number): Promise<ReferralFigures> {
  const row = await db
    .selectFrom('ieecag_referral')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('received'),
      sql<number | string | null>`sum(case when answered_on is not null then 1 else 0 end)`.as('answered'),
      sql<number | string | null>`sum(case when status = 'answered' and answer_public = 1 then 1 else 0 end)`.as('answered_publicly'),
      sql<number | string | null>`sum(case when status = 'hidden' then 1 else 0 end)`.as('hidden'),
    ])
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  return { received: Number(row.received), answered: Number(row.answered ?? 0), answeredPublicly: Number(row.answered_publicly ?? 0), hidden: Number(row.hidden ?? 0) };
}

/** The back office's list: every referral of the collectivity, or those of one status. */
export async function adminReferrals(db: Db, collectivityId: number, filter: { status?: ReferralStatus; after?: number }, limit = REFERRALS_PAGE): Promise<Page<ReferralRow>> {
  const rows = await db
    .selectFrom('ieecag_referral')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.after !== undefined, (q) => q.where('id', '<', filter.after!))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit);
}

/** A referral of the collectivity, whatever its status (for staff and for its author). */
export async function findReferral(db: Db, collectivityId: number, id: number): Promise<ReferralRow | undefined> {
  return db.selectFrom('ieecag_referral').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

/** How many referrals the account sent to the collectivity since `since` (an ISO instant). */
export async function referralsSince(db: Db, collectivityId: number, userId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('ieecag_referral')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The referrals' page and those answered publicly, newest first, for the module's sitemap
 * (`sitemap` in the manifest, beside the space's and the opinions' pages): at most `limit` paths.
 */
export const referralsSitemap: SitemapProvider = async (db, c, limit) => {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('ieecag_referral')
    .select('id')
    .where('collectivity_id', '=', c.id)
    .where('status', '=', 'answered')
    .where('answer_public', '=', 1)
    .orderBy('id', 'desc')
    .limit(limit - 1)
    .execute();
  return [`/c/${c.slug}/ieecag/referrals`, ...rows.map((r) => `/c/${c.slug}/ieecag/referrals/${r.id}`)];
};
