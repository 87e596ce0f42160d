// Reads for what came out of a meeting, as the public sees it (attendance, minutes, photos,
// questions, commitments, feedback results) and as staff edit it. Every query takes the
// collectivity id. The model is the same in every language: the view picks the text.
import type { Db } from '../../platform/db/database.ts';
import { type L10n, l10nOf } from '../../platform/tenancy.ts';
import { type AttendanceField, attendanceFields } from './tables.ts';
import './tables.ts';

export type Attendance = Record<AttendanceField, number | null>;

export interface CommitmentModel {
  id: number;
  what: L10n;
  who: L10n | null;
  dueOn: string | null;
  status: string;
  closedOn: string | null;
  followUp: L10n | null;
  activityId: number | null;
}

export interface Outcome {
  meetingId: number;
  status: string;
  startsAt: string;
  endsAt: string;
  isExample: boolean;
  /** null until staff record it */
  attendance: Attendance | null;
  minutes: L10n | null;
  minutesFile: { name: string; size: number } | null;
  questions: L10n | null;
  photos: { id: number; caption: L10n | null }[];
  commitments: CommitmentModel[];
  feedback: { count: number; mean: number | null };
}

const present = (t: L10n): L10n | null => (t.ar || t.fr || t.en ? t : null);

/** What came out of one meeting of this collectivity; null when it has no such meeting. */
export async function loadOutcome(db: Db, collectivityId: number, meetingId: number): Promise<Outcome | null> {
  const m = await db.selectFrom('meeting').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', meetingId).executeTakeFirst();
  if (!m) return null;
  const [file, photos, commitments, feedback] = await Promise.all([
    db.selectFrom('meeting_minutes_file').select(['original_name', 'size']).where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).orderBy('id', 'desc').executeTakeFirst(),
    db.selectFrom('meeting_photo').select(['id', 'caption_ar', 'caption_fr', 'caption_en']).where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).orderBy('id').execute(),
    commitmentsOf(db, collectivityId, meetingId),
    db
      .selectFrom('meeting_feedback')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('rating').as('sum')])
      .where('collectivity_id', '=', collectivityId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(feedback.n);
  return {
    meetingId,
    status: m.status,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    isExample: m.is_example === 1,
    attendance: m.attendance_total === null ? null : (Object.fromEntries(attendanceFields.map((f) => [f, m[`attendance_${f}`]])) as Attendance),
    minutes: present(l10nOf(m, 'minutes')),
    minutesFile: file ? { name: file.original_name, size: Number(file.size) } : null,
    questions: present(l10nOf(m, 'questions')),
    photos: photos.map((p) => ({ id: p.id, caption: present(l10nOf(p, 'caption')) })),
    commitments,
    // the mean to one decimal, as shown
    feedback: { count: n, mean: n > 0 ? Math.round((Number(feedback.sum) / n) * 10) / 10 : null },
  };
}

export async function commitmentsOf(db: Db, collectivityId: number, meetingId: number): Promise<CommitmentModel[]> {
  const rows = await db.selectFrom('meeting_commitment').selectAll().where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
  return rows.map((c) => ({
    id: c.id,
    what: l10nOf(c, 'what'),
    who: present(l10nOf(c, 'who')),
    dueOn: c.due_on,
    status: c.status,
    closedOn: c.closed_on,
    followUp: present(l10nOf(c, 'follow_up')),
    activityId: c.activity_id,
  }));
}

/** Not closed and past its due date (Casablanca calendar). */
export const isOverdue = (c: { status: string; dueOn: string | null }, today: string) => c.status !== 'done' && c.status !== 'dropped' && c.dueOn !== null && c.dueOn < today;

/** The feedback comments, for staff only (never on a public page). */
export async function feedbackComments(db: Db, collectivityId: number, meetingId: number) {
  return db
    .selectFrom('meeting_feedback')
    .select(['id', 'rating', 'comment', 'created_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meetingId)
    .where('comment', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** The PDF of the minutes (the latest), of a meeting of this collectivity. */
export const minutesFile = (db: Db, collectivityId: number, meetingId: number) =>
  db.selectFrom('meeting_minutes_file').selectAll().where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).orderBy('id', 'desc').executeTakeFirst();

/** A photo of a meeting of this collectivity. */
export const meetingPhoto = (db: Db, collectivityId: number, meetingId: number, photoId: number) =>
  db.selectFrom('meeting_photo').selectAll().where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).where('id', '=', photoId).executeTakeFirst();
