// Reads of the commission's e-space: the commission, its founding act's file, members, trainings
// and documents (keyset pages, newest first), each scoped by the collectivity.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { likeTerm } from '../../platform/text/like.ts';
import { normalize, searchTerms } from '../../platform/text/normalize.ts';
import { MAX_MEMBERS } from './space-schema.ts';
import type { CommissionRow, DocumentRow, MemberRow, TrainingRow } from './tables.ts';
import './tables.ts';

export const TRAININGS_PAGE = 20;
export const DOCUMENTS_PAGE = 20;

export interface Page<T> {
  items: T[];
  /** the cursor of the next page, or null on the last one */
  next: string | null;
}

export async function findCommission(db: Db, collectivityId: number): Promise<CommissionRow | undefined> {
  return db.selectFrom('ieecag_commission').selectAll().where('collectivity_id', '=', collectivityId).executeTakeFirst();
}

/** The founding act's PDF without its bytes: whether there is one, its name and size. */
export async function foundingFileInfo(db: Db, collectivityId: number) {
  return db.selectFrom('ieecag_founding_file').select(['sha256', 'size', 'original_name']).where('collectivity_id', '=', collectivityId).executeTakeFirst();
}

export async function foundingFile(db: Db, collectivityId: number) {
  return db.selectFrom('ieecag_founding_file').selectAll().where('collectivity_id', '=', collectivityId).executeTakeFirst();
}

export async function listMembers(db: Db, collectivityId: number): Promise<MemberRow[]> {
  return db.selectFrom('ieecag_member').selectAll().where('collectivity_id', '=', collectivityId).orderBy('position').orderBy('id').limit(MAX_MEMBERS).execute();
}

export async function findMember(db: Db, collectivityId: number, id: number): Promise<MemberRow | undefined> {
  return db.selectFrom('ieecag_member').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

const cursorOf = (date: string, id: number) => `${date}|${id}`;

/** Trainings, the latest first, a keyset page on (held_on, id). */
export async function trainingsPage(db: Db, collectivityId: number, after: { date: string; id: number } | null, limit = TRAININGS_PAGE): Promise<Page<TrainingRow>> {
  const rows = await db
    .selectFrom('ieecag_training')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('held_on', '<', after!.date), eb.and([eb('held_on', '=', after!.date), eb('id', '<', after!.id)])])))
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(items.at(-1)!.held_on, items.at(-1)!.id) : null };
}

export async function findTraining(db: Db, collectivityId: number, id: number): Promise<TrainingRow | undefined> {
  return db.selectFrom('ieecag_training').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

/** Trainings held and their participants, counted from the rows. */
export async function trainingTotals(db: Db, collectivityId: number) {
  const r = await db
    .selectFrom('ieecag_training')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string | null>('participants_total').as('total'),
      eb.fn.sum<number | string | null>('participants_women').as('women'),
      eb.fn.sum<number | string | null>('participants_men').as('men'),
    ])
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  return { trainings: Number(r.n), participants: Number(r.total ?? 0), women: Number(r.women ?? 0), men: Number(r.men ?? 0) };
}

/** What a document's search column holds: its titles and summaries in every locale, normalised. */
export function documentSearchText(d: Record<`${'title' | 'summary'}_${'ar' | 'fr' | 'en'}`, string | null>): string {
  return normalize([d.title_ar, d.title_fr, d.title_en, d.summary_ar, d.summary_fr, d.summary_en].filter(Boolean).join(' '));
}

export interface DocumentListItem extends DocumentRow {
  file_size: number | null;
  file_mime: string | null;
}

/**
 * Documents, the latest first, a keyset page on (published_on, id): of one kind, and matching
 * every word of `q` (normalised like the stored column: hamza, taa marbuta, diacritics, case).
 */
export async function documentsPage(
  db: Db,
  collectivityId: number,
  opts: { q?: string; kind?: string; after: { date: string; id: number } | null; limit?: number },
): Promise<Page<DocumentListItem>> {
  const limit = opts.limit ?? DOCUMENTS_PAGE;
  const terms = opts.q ? searchTerms(opts.q) : [];
  const after = opts.after;
  const rows = await db
    .selectFrom('ieecag_document as d')
    .leftJoin('ieecag_document_file as f', (j) => j.onRef('f.document_id', '=', 'd.id').onRef('f.collectivity_id', '=', 'd.collectivity_id'))
    .selectAll('d')
    .select(['f.size as file_size', 'f.mime as file_mime'])
    .where('d.collectivity_id', '=', collectivityId)
    .$if(opts.kind !== undefined, (q) => q.where('d.kind', '=', opts.kind!))
    .$if(terms.length > 0, (q) => q.where((eb) => eb.and(terms.map((t) => likeTerm(sql.ref('d.search_text'), t)))))
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('d.published_on', '<', after!.date), eb.and([eb('d.published_on', '=', after!.date), eb('d.id', '<', after!.id)])])))
    .orderBy('d.published_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit) as DocumentListItem[];
  return { items, next: rows.length > limit ? cursorOf(items.at(-1)!.published_on, items.at(-1)!.id) : null };
}

export async function findDocument(db: Db, collectivityId: number, id: number): Promise<DocumentRow | undefined> {
  return db.selectFrom('ieecag_document').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

export async function documentFile(db: Db, collectivityId: number, documentId: number) {
  return db.selectFrom('ieecag_document_file').selectAll().where('collectivity_id', '=', collectivityId).where('document_id', '=', documentId).executeTakeFirst();
}
