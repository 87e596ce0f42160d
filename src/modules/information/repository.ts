// Public reads of the access-to-information register. Every read names its columns from
// PUBLIC_COLUMNS: the requester's identity, the request's full text (`details`) and who typed it
// in are never selected here, so no public page or API can show them by mistake.
import { type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { likeTerm } from '../../platform/text/like.ts';
import { searchTerms } from '../../platform/text/normalize.ts';
import { awaitingAnswer } from './model.ts';
import './tables.ts';

export const PUBLIC_COLUMNS = [
  'r.id',
  'r.channel',
  'r.subject',
  'r.language',
  'r.delivery',
  'r.urgent',
  'r.status',
  'r.received_on',
  'r.clock_from',
  'r.due_on',
  'r.extended',
  'r.extension_reason',
  'r.answered_on',
  'r.outcome',
  'r.exceptions',
  'r.answer_public',
  'r.answer_private_reason',
  'r.transferred_to',
  'r.complaint_on',
  'r.complaint_due_on',
  'r.complaint_decided_on',
  'r.complaint_outcome',
  'r.cdai_on',
  'r.is_example',
] as const;

/** A request as the public may see it (the answer is read separately, only when published):
 *  the columns of PUBLIC_COLUMNS, with their types from the table. */
type Unaliased<C> = C extends `r.${infer Name}` ? Name : never;
export type PublicRequest = Selectable<Pick<Database['information_request'], Unaliased<(typeof PUBLIC_COLUMNS)[number]>>>;

export interface RegisterFilters {
  status?: string;
  outcome?: string;
  year?: number;
  channel?: string;
  overdue?: boolean;
  q?: string;
}

/** Where a page of the register continues: the last row's receipt date and id. */
export interface RegisterCursor {
  receivedOn: string;
  id: number;
}

export const encodeCursor = (c: RegisterCursor) => `${c.receivedOn}_${c.id}`;
export function parseCursor(v: string | undefined): RegisterCursor | null {
  const m = v ? /^(\d{4}-\d{2}-\d{2})_(\d{1,9})$/.exec(v) : null;
  return m ? { receivedOn: m[1]!, id: Number(m[2]) } : null;
}

type RequestScope = ExpressionBuilder<Database & { r: Database['information_request'] }, 'r'>;

/** Past its running deadline on `today` (model.isOverdue, as SQL). */
export const overdueSql = (eb: RequestScope, today: string) =>
  eb.or([
    eb.and([eb('r.status', 'in', [...awaitingAnswer]), eb('r.due_on', '<', today)]),
    eb.and([eb('r.status', '=', 'complaint'), eb('r.complaint_due_on', '<', today)]),
  ]);

export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

/** One page of the register, newest first (keyset on received_on, id). */
export async function registerPage(db: Db, collectivityId: number, f: RegisterFilters, today: string, after: RegisterCursor | null, limit = 50) {
  const terms = f.q ? searchTerms(f.q) : [];
  const rows = (await db
    .selectFrom('information_request as r')
    .select(PUBLIC_COLUMNS)
    .where((eb) => {
      const all: Expression<SqlBool>[] = [eb('r.collectivity_id', '=', collectivityId)];
      if (f.status) all.push(eb('r.status', '=', f.status));
      if (f.outcome) all.push(eb('r.outcome', '=', f.outcome));
      if (f.channel) all.push(eb('r.channel', '=', f.channel));
      if (f.year !== undefined) {
        const y = yearRange(f.year);
        all.push(eb('r.received_on', '>=', y.from), eb('r.received_on', '<', y.to));
      }
      if (f.overdue) all.push(overdueSql(eb, today));
      for (const t of terms) all.push(likeTerm(eb.ref('r.search_text'), t));
      if (after) all.push(eb.or([eb('r.received_on', '<', after.receivedOn), eb.and([eb('r.received_on', '=', after.receivedOn), eb('r.id', '<', after.id)])]));
      return eb.and(all);
    })
    .orderBy('r.received_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute()) satisfies PublicRequest[];
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor({ receivedOn: last.received_on, id: last.id }) : null };
}

/** The years in which the collectivity received requests, newest first (for the filters). */
export async function requestYears(db: Db, collectivityId: number): Promise<number[]> {
  const [first, last] = await Promise.all([
    db.selectFrom('information_request').select('received_on').where('collectivity_id', '=', collectivityId).orderBy('received_on', 'asc').limit(1).executeTakeFirst(),
    db.selectFrom('information_request').select('received_on').where('collectivity_id', '=', collectivityId).orderBy('received_on', 'desc').limit(1).executeTakeFirst(),
  ]);
  if (!first || !last) return [];
  const years: number[] = [];
  for (let y = Number(last.received_on.slice(0, 4)); y >= Number(first.received_on.slice(0, 4)); y--) years.push(y);
  return years;
}

export async function findPublicRequest(db: Db, collectivityId: number, id: number): Promise<PublicRequest | undefined> {
  return (await db.selectFrom('information_request as r').select(PUBLIC_COLUMNS).where('r.collectivity_id', '=', collectivityId).where('r.id', '=', id).executeTakeFirst()) satisfies PublicRequest | undefined;
}

/** The answer's text, only when staff published it. */
export async function publishedAnswer(db: Db, collectivityId: number, id: number): Promise<string | null> {
  const row = await db.selectFrom('information_request').select('answer').where('collectivity_id', '=', collectivityId).where('id', '=', id).where('answer_public', '=', 1).executeTakeFirst();
  return row?.answer ?? null;
}

/** The public trail: kind, day, role and note of each step (never who recorded it). */
export async function publicSteps(db: Db, collectivityId: number, requestId: number) {
  return db
    .selectFrom('information_step')
    .select(['id', 'kind', 'on_date', 'actor_role', 'note', 'due_on'])
    .where('collectivity_id', '=', collectivityId)
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The answer's files (without their bytes), only when the answer is published. */
export async function publishedFiles(db: Db, collectivityId: number, requestId: number) {
  return db
    .selectFrom('information_file as f')
    .innerJoin('information_request as r', 'r.id', 'f.request_id')
    .select(['f.id', 'f.original_name', 'f.size', 'f.mime'])
    .where('f.collectivity_id', '=', collectivityId)
    .where('r.collectivity_id', '=', collectivityId)
    .where('f.request_id', '=', requestId)
    .where('r.answer_public', '=', 1)
    .orderBy('f.id')
    .execute();
}

export async function publishedFile(db: Db, collectivityId: number, requestId: number, fileId: number) {
  return db
    .selectFrom('information_file as f')
    .innerJoin('information_request as r', 'r.id', 'f.request_id')
    .select(['f.mime', 'f.sha256', 'f.original_name', 'f.content'])
    .where('f.collectivity_id', '=', collectivityId)
    .where('r.collectivity_id', '=', collectivityId)
    .where('f.request_id', '=', requestId)
    .where('f.id', '=', fileId)
    .where('r.answer_public', '=', 1)
    .executeTakeFirst();
}

export async function findOffice(db: Db, collectivityId: number) {
  return db.selectFrom('information_office').selectAll().where('collectivity_id', '=', collectivityId).executeTakeFirst();
}

/** Every request's id, for the sitemap. */
export async function requestIds(db: Db, collectivityId: number, limit: number) {
  const rows = await db.selectFrom('information_request').select('id').where('collectivity_id', '=', collectivityId).orderBy('received_on', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

export const parseExceptions = (json: string | null): string[] => {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
