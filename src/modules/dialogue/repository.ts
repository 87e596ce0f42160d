// Reads of the meetings: every function takes the collectivity id. Lists are keyset pages over the
// indexes meeting_calendar (collectivity_id, starts_at) and meeting_kind (…, kind, starts_at), so a
// page costs the same with 50 meetings or 5,000.
import type { Db } from '../../platform/db/database.ts';
import { casablancaToIso } from '../../platform/i18n/format.ts';
import type { MeetingKind, MeetingLinkKind, MeetingRow } from './tables.ts';
import { type CalendarMeeting, calendarColumns } from './calendar.ts';

export const CALENDAR_PAGE = 20;

export async function findMeeting(db: Db, collectivityId: number, id: number): Promise<MeetingRow | undefined> {
  return db.selectFrom('meeting').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

/** A position in a list: the start and id of the last meeting shown ('2025-03-01T09:00:00.000Z|12'). */
export type Cursor = { startsAt: string; id: number };
export const cursorOf = (m: { starts_at: string; id: number }) => `${m.starts_at}|${m.id}`;
export function parseCursor(v: string | undefined): Cursor | null {
  if (!v) return null;
  const [startsAt, id] = v.split('|');
  return startsAt && /^\d{1,9}$/.test(id ?? '') ? { startsAt, id: Number(id) } : null;
}

/** The instants a Casablanca month covers: [from, to). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: casablancaToIso(`${month}-01T00:00`), to: casablancaToIso(`${next}-01T00:00`) };
}

export interface ListOptions {
  kind?: MeetingKind;
  /** instants [from, to) */
  from?: string;
  to?: string;
  after: Cursor | null;
  limit: number;
  order: 'asc' | 'desc';
}

/** What a meeting's card in a calendar shows: a third of the row's columns, without its long
 *  texts in three languages (description, minutes, questions). */
export const cardColumns = [
  'id', 'kind', 'status', 'starts_at', 'ends_at', 'postponed_from', 'is_example',
  'title_ar', 'title_fr', 'title_en', 'place_ar', 'place_fr', 'place_en', 'cancel_reason_ar', 'cancel_reason_fr', 'cancel_reason_en',
] as const;
export type MeetingCardRow = Pick<MeetingRow, (typeof cardColumns)[number]>;

/** The query of a keyset page, every column (limit + 1 rows, to know whether a next page exists). */
export const meetingsPageQuery = (db: Db, collectivityId: number, o: ListOptions) => pageOf(db, collectivityId, o).selectAll();

function pageOf(db: Db, collectivityId: number, o: ListOptions) {
  const cmp = o.order === 'asc' ? '>' : '<';
  // one bound on each side of the start, the tighter of the range's and the cursor's, so that the
  // index seeks straight to the page (two bounds on one side may leave the database the looser)
  let from: [string, '>=' | '>'] | null = o.from !== undefined ? [o.from, '>='] : null;
  let to: [string, '<' | '<='] | null = o.to !== undefined ? [o.to, '<'] : null;
  if (o.after && o.order === 'asc' && (!from || o.after.startsAt >= from[0])) from = [o.after.startsAt, '>='];
  if (o.after && o.order === 'desc' && (!to || o.after.startsAt < to[0])) to = [o.after.startsAt, '<='];
  return db
    .selectFrom('meeting')
    .where('collectivity_id', '=', collectivityId)
    .$if(o.kind !== undefined, (q) => q.where('kind', '=', o.kind!))
    .$if(from !== null, (q) => q.where('starts_at', from![1], from![0]))
    .$if(to !== null, (q) => q.where('starts_at', to![1], to![0]))
    // ties on the start are settled by the id
    .$if(o.after !== null, (q) =>
      q.where((eb) => eb.or([eb('starts_at', cmp, o.after!.startsAt), eb.and([eb('starts_at', '=', o.after!.startsAt), eb('id', cmp, o.after!.id)])])),
    )
    .orderBy('starts_at', o.order)
    .orderBy('id', o.order)
    .limit(o.limit + 1);
}

/** A keyset page of meetings by start (then id), with the next page's cursor. */
export async function meetingsPage(db: Db, collectivityId: number, o: ListOptions): Promise<{ items: MeetingRow[]; next: string | null }> {
  return withNext(await meetingsPageQuery(db, collectivityId, o).execute(), o.limit);
}

/** The same page, the cards' columns only (cardColumns). */
export async function meetingCardsPage(db: Db, collectivityId: number, o: ListOptions): Promise<{ items: MeetingCardRow[]; next: string | null }> {
  return withNext(await pageOf(db, collectivityId, o).select(cardColumns).execute(), o.limit);
}

function withNext<R extends { starts_at: string; id: number }>(rows: R[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

/** Seats held by confirmed registrations (an association's count as its N members). */
export async function seatsTaken(db: Db, collectivityId: number, meetingId: number): Promise<number> {
  const row = await db
    .selectFrom('meeting_registration')
    .select((eb) => eb.fn.sum<number | string | null>('seats').as('n'))
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function agendaOf(db: Db, collectivityId: number, meetingId: number) {
  return db
    .selectFrom('meeting_agenda_point')
    .select(['position', 'text_ar', 'text_fr', 'text_en'])
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function linksOf(db: Db, collectivityId: number, meetingId: number): Promise<{ kind: MeetingLinkKind; id: number }[]> {
  const rows = await db
    .selectFrom('meeting_link')
    .select(['target_kind', 'target_id'])
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meetingId)
    .orderBy('target_kind')
    .orderBy('target_id')
    .execute();
  return rows.map((r) => ({ kind: r.target_kind as MeetingLinkKind, id: r.target_id }));
}

/**
 * Proposals of the collectivity among these ids, with their title. The co-creation module has no
 * lookup of proposals by id to offer other modules yet: this one query reads its table, scoped.
 */
export async function proposalsAmong(db: Db, collectivityId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('proposal').select(['id', 'title', 'lang']).where('collectivity_id', '=', collectivityId).where('id', 'in', ids).orderBy('id').execute();
}

/** The commitments of some meetings, in their order (for the API). */
export async function commitmentsOf(db: Db, collectivityId: number, meetingIds: number[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('meeting_commitment')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', 'in', meetingIds)
    .orderBy('meeting_id')
    .orderBy('position')
    .execute();
}

/**
 * The subscribable feed's meetings: the coming ones first (soonest first), then the past ones
 * back to `since` (newest first), at most `limit` in all. Two index range reads.
 */
export async function feedMeetings(db: Db, collectivityId: number, range: { since: string; today: string }, limit: number): Promise<CalendarMeeting[]> {
  // the calendar's columns only: making a JS value of each of the 52 cost more than the search
  const coming = await db.selectFrom('meeting').select(calendarColumns).where('collectivity_id', '=', collectivityId).where('starts_at', '>=', range.today).orderBy('starts_at').orderBy('id').limit(limit).execute();
  if (coming.length >= limit) return coming;
  const past = await db
    .selectFrom('meeting')
    .select(calendarColumns)
    .where('collectivity_id', '=', collectivityId)
    .where('starts_at', '>=', range.since)
    .where('starts_at', '<', range.today)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit - coming.length)
    .execute();
  return [...coming, ...past];
}

/** For the sitemap: the newest meetings' ids. */
export async function meetingIds(db: Db, collectivityId: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('meeting').select('id').where('collectivity_id', '=', collectivityId).orderBy('starts_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Held meetings whose minutes are published (as text or a file), newest first: for the
 *  access-to-information module's list of what is published proactively. */
export async function meetingsWithMinutes(db: Db, collectivityId: number, limit = 100) {
  return db
    .selectFrom('meeting as m')
    .select(['m.id', 'm.title_ar', 'm.title_fr', 'm.title_en', 'm.starts_at', 'm.is_example'])
    .where('m.collectivity_id', '=', collectivityId)
    .where('m.status', '=', 'held')
    .where((eb) =>
      eb.or([
        eb('m.minutes_ar', 'is not', null),
        eb('m.minutes_fr', 'is not', null),
        eb.exists(eb.selectFrom('meeting_minutes_file as f').select('f.id').whereRef('f.meeting_id', '=', 'm.id').whereRef('f.collectivity_id', '=', 'm.collectivity_id')),
      ]),
    )
    .orderBy('m.starts_at', 'desc')
    .limit(limit)
    .execute();
}
