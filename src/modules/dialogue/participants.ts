// What other modules may ask about a collectivity's meetings and who registered for them (a
// survey limited to a meeting's participants), without reading the dialogue's tables themselves.
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

export interface MeetingChoice {
  id: number;
  startsAt: string;
  title: { ar: string | null; fr: string | null; en: string | null };
}

/** The collectivity's meetings, newest first (at most `limit`), for a select list. */
export async function meetingChoices(db: Db, collectivityId: number, limit = 200): Promise<MeetingChoice[]> {
  const rows = await db
    .selectFrom('meeting')
    .select(['id', 'starts_at', 'title_ar', 'title_fr', 'title_en'])
    .where('collectivity_id', '=', collectivityId)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, title: { ar: r.title_ar, fr: r.title_fr, en: r.title_en } }));
}

/** Whether the meeting belongs to the collectivity. */
export async function isMeetingOf(db: Db, collectivityId: number, meetingId: number): Promise<boolean> {
  const row = await db.selectFrom('meeting').select('id').where('collectivity_id', '=', collectivityId).where('id', '=', meetingId).executeTakeFirst();
  return row !== undefined;
}

/** Whether the account holds a confirmed registration for the meeting (not waitlisted, not cancelled). */
export async function isRegisteredFor(db: Db, collectivityId: number, meetingId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_registration')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return row !== undefined;
}
