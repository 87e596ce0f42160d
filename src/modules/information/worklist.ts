// Back-office reads of requests, every one scoped by the collectivity: the worklist (50 a page,
// sorted by the deadline that runs, keyset on it and the id), one request with its trail and
// files, and a requester's own requests (their page and their space).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { awaitingAnswer } from './model.ts';
import './tables.ts';

export const WORKLIST_PAGE = 50;
/** sorts after every date: requests whose clock does not run come last */
const NO_DEADLINE = '9999-12-31';

/** The deadline that runs (model.runningDeadline) as SQL, for sorting and the overdue filter. */
const running = sql<string>`case when status in (${sql.join(awaitingAnswer.map((s) => sql.lit(s)))}) then due_on when status = 'complaint' then complaint_due_on else ${sql.lit(NO_DEADLINE)} end`;

export async function worklist(db: Db, collectivityId: number, o: { status?: string; today: string; after?: string }) {
  const [afterDue, afterId] = o.after ? [o.after.split('|')[0]!, Number(o.after.split('|')[1])] : [null, null];
  const rows = await db
    .selectFrom('information_request')
    .select(['id', 'subject', 'channel', 'status', 'urgent', 'received_on', 'due_on', 'complaint_due_on', 'requester_user_id', 'requester_name', 'is_example', running.as('running')])
    .where('collectivity_id', '=', collectivityId)
    .$if(o.status === 'overdue', (q) => q.where(running, '<', o.today))
    .$if(o.status !== undefined && o.status !== 'overdue', (q) => q.where('status', '=', o.status!))
    .$if(afterDue !== null, (q) => q.where((eb) => eb.or([eb(running, '>', afterDue!), eb.and([eb(running, '=', afterDue!), eb('id', '>', afterId!)])])))
    .orderBy(running)
    .orderBy('id')
    .limit(WORKLIST_PAGE + 1)
    .execute();
  const last = rows.length > WORKLIST_PAGE ? rows[WORKLIST_PAGE - 1]! : null;
  return { rows: rows.slice(0, WORKLIST_PAGE), next: last ? `${last.running}|${last.id}` : null };
}

export const findRequest = (db: Db, collectivityId: number, id: number) =>
  db.selectFrom('information_request').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();

/** The trail, oldest first, with the actor's public name for staff (never shown to the public). */
export const trailOf = (db: Db, collectivityId: number, requestId: number) =>
  db
    .selectFrom('information_step as s')
    .leftJoin('app_user as u', 'u.id', 's.actor_user_id')
    .select(['s.id', 's.kind', 's.on_date', 's.at', 's.note', 's.due_on', 's.actor_role', 'u.display_name as actor_name'])
    .where('s.collectivity_id', '=', collectivityId)
    .where('s.request_id', '=', requestId)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute();

export const filesOf = (db: Db, collectivityId: number, requestId: number) =>
  db.selectFrom('information_file').select(['id', 'original_name', 'size', 'mime']).where('collectivity_id', '=', collectivityId).where('request_id', '=', requestId).orderBy('id').execute();

export const fileOf = (db: Db, collectivityId: number, requestId: number, fileId: number) =>
  db.selectFrom('information_file').selectAll().where('collectivity_id', '=', collectivityId).where('request_id', '=', requestId).where('id', '=', fileId).executeTakeFirst();
