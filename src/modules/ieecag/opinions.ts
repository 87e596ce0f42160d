// Reads of the advisory opinions: every function takes the collectivity id. The register is a
// keyset page, newest first, over the unique index ieecag_opinion_number (collectivity_id, year,
// number), so a page costs the same with 10 opinions or 10,000. "Overdue" is computed against a
// day (transmitted before overdueBefore(today, delay), no response yet), as in opinion-figures.ts.
import type { Db } from '../../platform/db/database.ts';
import type { SitemapProvider } from '../manifest.ts';
import { overdueBefore } from './opinion-figures.ts';
import type { ResponseFilter } from './opinion-schema.ts';
import type { OpinionLinkKind, OpinionRow } from './tables.ts';
import './tables.ts';

export const REGISTER_PAGE = 20;

/** The columns a list shows (not the opinion's text, which may be long). */
const listColumns = [
  'id',
  'number',
  'year',
  'origin',
  'status',
  'requested_on',
  'adopted_on',
  'transmitted_on',
  'published_at',
  'response_status',
  'response_on',
  'is_example',
  'subject_ar',
  'subject_fr',
  'subject_en',
] as const;
export type OpinionListRow = Pick<OpinionRow, (typeof listColumns)[number]>;

/** A position in the register: the year and number of the last opinion shown ('2025-3'). */
export type OpinionCursor = { year: number; number: number };
export const cursorOf = (o: { year: number; number: number }) => `${o.year}-${o.number}`;
export function parseCursor(v: string | undefined): OpinionCursor | null {
  const m = v ? /^(\d{4})-(\d{1,9})$/.exec(v) : null;
  return m ? { year: Number(m[1]), number: Number(m[2]) } : null;
}

export interface RegisterOptions {
  /** the public register: published opinions only; the back office sees every status */
  publishedOnly: boolean;
  response?: ResponseFilter;
  year?: number;
  after: OpinionCursor | null;
  limit: number;
  /** for "overdue": the day before which a transmission without a response is late */
  overdueBefore: string;
}

/** The query of a keyset page (limit + 1 rows, to know whether a next page exists). */
export function opinionsPageQuery(db: Db, collectivityId: number, o: RegisterOptions) {
  const r = o.response;
  return db
    .selectFrom('ieecag_opinion')
    .select(listColumns)
    .where('collectivity_id', '=', collectivityId)
    .$if(o.publishedOnly, (q) => q.where('status', '=', 'published'))
    .$if(o.year !== undefined, (q) => q.where('year', '=', o.year!))
    .$if(r === 'followed' || r === 'partly' || r === 'not_followed', (q) => q.where('response_status', '=', r!))
    // pending: transmitted to the council, no response yet (an opinion not transmitted waits for nobody)
    .$if(r === 'pending', (q) => q.where('response_status', '=', 'pending').where('transmitted_on', 'is not', null))
    .$if(r === 'overdue', (q) => q.where('response_status', '=', 'pending').where('transmitted_on', '<', o.overdueBefore))
    .$if(o.after !== null, (q) =>
      q.where((eb) => eb.or([eb('year', '<', o.after!.year), eb.and([eb('year', '=', o.after!.year), eb('number', '<', o.after!.number)])])),
    )
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .limit(o.limit + 1);
}

/** A keyset page of the register, newest first, with the next page's cursor. */
export async function opinionsPage(db: Db, collectivityId: number, o: RegisterOptions): Promise<{ items: OpinionListRow[]; next: string | null }> {
  const rows = await opinionsPageQuery(db, collectivityId, o).execute();
  const items = rows.slice(0, o.limit);
  return { items, next: rows.length > o.limit ? cursorOf(items[items.length - 1]) : null };
}

/** Transmitted, no response yet, and longer ago than the commission's delay. */
export function isOverdue(o: Pick<OpinionRow, 'transmitted_on' | 'response_status'>, today: string, delayDays: number): boolean {
  return o.transmitted_on !== null && o.response_status === 'pending' && o.transmitted_on < overdueBefore(today, delayDays);
}

export async function findOpinion(db: Db, collectivityId: number, id: number): Promise<OpinionRow | undefined> {
  return db.selectFrom('ieecag_opinion').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

export async function opinionLinks(db: Db, collectivityId: number, opinionId: number): Promise<{ kind: OpinionLinkKind; id: number }[]> {
  const rows = await db
    .selectFrom('ieecag_opinion_link')
    .select(['target_kind', 'target_id'])
    .where('collectivity_id', '=', collectivityId)
    .where('opinion_id', '=', opinionId)
    .orderBy('target_kind')
    .orderBy('target_id')
    .execute();
  return rows.map((r) => ({ kind: r.target_kind as OpinionLinkKind, id: r.target_id }));
}

/** The links of several opinions (the API's page), by opinion. */
export async function linksOfOpinions(db: Db, collectivityId: number, opinionIds: number[]): Promise<Map<number, { kind: OpinionLinkKind; id: number }[]>> {
  const out = new Map<number, { kind: OpinionLinkKind; id: number }[]>();
  if (opinionIds.length === 0) return out;
  const rows = await db
    .selectFrom('ieecag_opinion_link')
    .select(['opinion_id', 'target_kind', 'target_id'])
    .where('collectivity_id', '=', collectivityId)
    .where('opinion_id', 'in', opinionIds)
    .orderBy('opinion_id')
    .orderBy('target_kind')
    .orderBy('target_id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.opinion_id) ?? [];
    list.push({ kind: r.target_kind as OpinionLinkKind, id: r.target_id });
    out.set(r.opinion_id, list);
  }
  return out;
}

/** The opinion's PDF, without its bytes. */
export async function opinionFileInfo(db: Db, collectivityId: number, opinionId: number) {
  return db
    .selectFrom('ieecag_opinion_file')
    .select(['id', 'sha256', 'size', 'mime', 'original_name', 'created_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('opinion_id', '=', opinionId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function opinionFile(db: Db, collectivityId: number, opinionId: number) {
  return db.selectFrom('ieecag_opinion_file').selectAll().where('collectivity_id', '=', collectivityId).where('opinion_id', '=', opinionId).orderBy('id', 'desc').executeTakeFirst();
}

/**
 * Proposals of the collectivity among these ids, with their title. The co-creation module has no
 * lookup of proposals by id to offer other modules yet: this one query reads its table, scoped.
 */
export async function proposalsAmong(db: Db, collectivityId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('proposal').select(['id', 'title', 'lang']).where('collectivity_id', '=', collectivityId).where('id', 'in', ids).orderBy('id').execute();
}

/** Participatory-budget projects of the collectivity among these ids (the same reason as above). */
export async function budgetProjectsAmong(db: Db, collectivityId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('budget_project').select(['id', 'title', 'round_id']).where('collectivity_id', '=', collectivityId).where('id', 'in', ids).orderBy('id').execute();
}

/** For the sitemap: the newest published opinions' ids. */
export async function publishedOpinionIds(db: Db, collectivityId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ieecag_opinion')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The register and the published opinions' pages, for the module's sitemap (`sitemap` in the
 * manifest, beside the space's own pages): at most `limit` paths.
 */
export const opinionsSitemap: SitemapProvider = async (db, c, limit) => {
  if (limit <= 0) return [];
  const ids = await publishedOpinionIds(db, c.id, limit - 1);
  return [`/c/${c.slug}/ieecag/opinions`, ...ids.map((id) => `/c/${c.slug}/ieecag/opinions/${id}`)];
};
