// What happened at a meeting, written by staff afterwards (attendance, minutes, photos, questions,
// commitments) and by the people registered (feedback). One transaction each through
// tenantTransaction (so cached pages move), every referenced id checked against the collectivity,
// and an audit entry. The forms' zod schemas live here too: one per form, messages are i18n keys.
import { z } from 'zod';
import { type Actor, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { todayInCasablanca } from '../../../platform/i18n/format.ts';
import { locales } from '../../../platform/i18n/i18n.ts';
import type { CheckedFile } from '../../../platform/uploads.ts';
import { TEXT_LONG, choice, isoDate, optionalInt, optionalText, requiredInt, requiredText } from '../../../platform/validation.ts';
import { activityForm, createEntity, currentProgramme } from '../../programme/manifest.ts';
import { lockMeeting } from '../registration.ts';
import { type AttendanceField, attendanceFields, commitmentStatuses } from '../tables.ts';
import '../tables.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

/** Minutes may be long (a council session's record); questions too. */
export const MINUTES_MAX = 20_000;
/** No meeting room holds more; a typo of one digit too many is caught. */
const MAX_PEOPLE = 100_000;
/** Feedback is open from the meeting's end for this many days. */
export const FEEDBACK_DAYS = 14;

/** `name_ar`, `name_fr`, `name_en`, each optional (a missing translation is null). */
const l10nText = <N extends string>(name: N, max: number) =>
  Object.fromEntries(locales.map((l) => [`${name}_${l}`, optionalText(max)])) as { [K in `${N}_${(typeof locales)[number]}`]: ReturnType<typeof optionalText> };

// --- recording the meeting --------------------------------------------------------------------

export const recordForm = z
  .object({
    attendance_total: requiredInt(0, MAX_PEOPLE, 'dialogue.outcome.errors.peopleRange'),
    ...(Object.fromEntries(attendanceFields.filter((f) => f !== 'total').map((f) => [`attendance_${f}`, optionalInt(0, MAX_PEOPLE, 'dialogue.outcome.errors.peopleRange')])) as Record<
      `attendance_${Exclude<AttendanceField, 'total'>}`,
      ReturnType<typeof optionalInt>
    >),
    ...l10nText('minutes', MINUTES_MAX),
    ...l10nText('questions', TEXT_LONG),
  })
  .superRefine((v, ctx) => {
    const total = v.attendance_total;
    for (const f of attendanceFields) {
      if (f === 'total') continue;
      const n = v[`attendance_${f}`];
      if (n !== null && n > total) ctx.addIssue({ code: 'custom', path: [`attendance_${f}`], message: 'dialogue.outcome.errors.overTotal' });
    }
    if (v.attendance_women !== null && v.attendance_men !== null && v.attendance_women + v.attendance_men > total) {
      ctx.addIssue({ code: 'custom', path: ['attendance_women'], message: 'dialogue.outcome.errors.genderOverTotal' });
    }
  });
export type RecordInput = z.infer<typeof recordForm>;

/** A meeting of this collectivity, or undefined. */
export const meetingOf = (db: Db, collectivityId: number, meetingId: number) =>
  db.selectFrom('meeting').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', meetingId).executeTakeFirst();

/**
 * Attendance, minutes and questions. A planned or postponed meeting whose start has passed
 * becomes `held`; a cancelled meeting, or one that has not started, cannot be recorded.
 * null: no such meeting in this collectivity.
 */
export async function recordMeeting(db: Db, scope: Scope, meetingId: number, input: RecordInput, at = now()): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  if (!(await meetingOf(db, collectivityId, meetingId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    // locked like the meeting's cancellation: a meeting cancelled meanwhile is not recorded as held
    const before = await lockMeeting(trx, collectivityId, meetingId);
    if (!before) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noMeeting' } });
    if (before.status === 'cancelled') return rollbackWith({ attendance_total: { key: 'dialogue.outcome.errors.cancelled' } });
    if (before.starts_at > at) return rollbackWith({ attendance_total: { key: 'dialogue.outcome.errors.notYetHeld' } });
    const after = { ...input, status: 'held' };
    await trx
      .updateTable('meeting')
      .set({ ...after, updated_at: at })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', meetingId)
      .execute();
    const snapshot = (m: Record<string, unknown>) => ({
      status: m.status as string,
      ...Object.fromEntries(attendanceFields.map((f) => [`attendance_${f}`, (m[`attendance_${f}`] as number | null) ?? null])),
      minutes: { ar: (m.minutes_ar as string | null) ?? null, fr: (m.minutes_fr as string | null) ?? null, en: (m.minutes_en as string | null) ?? null },
      questions: { ar: (m.questions_ar as string | null) ?? null, fr: (m.questions_fr as string | null) ?? null, en: (m.questions_en as string | null) ?? null },
    });
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'meeting',
      entityId: meetingId,
      action: 'update',
      actor: scope.actor,
      changes: diff(snapshot(before), snapshot(after)),
      public: false,
    });
    return meetingId;
  });
}

/** The minutes as a PDF: replaces the meeting's earlier file. The meeting must have started. */
export async function setMinutesFile(db: Db, scope: Scope, meetingId: number, file: CheckedFile, at = now()): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  if (!(await meetingOf(db, collectivityId, meetingId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const meeting = await meetingOf(trx, collectivityId, meetingId);
    if (!meeting) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noMeeting' } });
    if (meeting.status === 'cancelled' || meeting.starts_at > at) return rollbackWith({ minutes_file: { key: 'dialogue.outcome.errors.notYetHeld' } });
    await trx.deleteFrom('meeting_minutes_file').where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).execute();
    const row = await trx
      .insertInto('meeting_minutes_file')
      .values({ collectivity_id: collectivityId, meeting_id: meetingId, sha256: file.sha256, size: file.size, mime: file.mime, original_name: file.name, content: file.content, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'meeting_minutes_file',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, { meeting: meetingId, file: file.name, sha256: file.sha256 }),
      public: false,
    });
    return row.id;
  });
}

export const photoForm = z.object(l10nText('caption', 300));
export type PhotoInput = z.infer<typeof photoForm>;

/** At most this many photos per meeting: a record, not an album. */
export const MAX_PHOTOS = 12;

/** Photos, already re-encoded without metadata (platform/uploads.ts), with one caption. */
export async function addPhotos(db: Db, scope: Scope, meetingId: number, files: CheckedFile[], input: PhotoInput, at = now()): Promise<CommandResult<number[]> | null> {
  const { collectivityId } = scope;
  if (!(await meetingOf(db, collectivityId, meetingId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const meeting = await meetingOf(trx, collectivityId, meetingId);
    if (!meeting) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noMeeting' } });
    if (meeting.status === 'cancelled' || meeting.starts_at > at) return rollbackWith({ photos: { key: 'dialogue.outcome.errors.notYetHeld' } });
    const count = await trx.selectFrom('meeting_photo').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    if (Number(count.n) + files.length > MAX_PHOTOS) return rollbackWith({ photos: { key: 'errors.tooManyFiles', values: { max: MAX_PHOTOS } } });
    const ids: number[] = [];
    for (const f of files) {
      const row = await trx
        .insertInto('meeting_photo')
        .values({ collectivity_id: collectivityId, meeting_id: meetingId, sha256: f.sha256, size: f.size, mime: f.mime, content: f.content, ...input, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      await recordChange(trx, {
        collectivityId,
        programmeId: null,
        entityType: 'meeting_photo',
        entityId: row.id,
        action: 'create',
        actor: scope.actor,
        changes: diff({}, { meeting: meetingId, file: f.name, caption: { ar: input.caption_ar, fr: input.caption_fr, en: input.caption_en } }),
        public: false,
      });
    }
    return ids;
  });
}

/** null: no such photo of this meeting in this collectivity. */
export async function deletePhoto(db: Db, scope: Scope, meetingId: number, photoId: number): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const gone = await trx.deleteFrom('meeting_photo').where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).where('id', '=', photoId).returning('sha256').executeTakeFirst();
    if (!gone) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noPhoto' } });
    await recordChange(trx, { collectivityId, programmeId: null, entityType: 'meeting_photo', entityId: photoId, action: 'delete', actor: scope.actor, changes: diff({ sha256: gone.sha256 }, {}), public: false });
    return photoId;
  }).then((r) => (r.ok ? r : null));
}

// --- commitments ------------------------------------------------------------------------------

export const commitmentForm = z.object({
  what_ar: requiredText(TEXT_LONG),
  what_fr: optionalText(TEXT_LONG),
  what_en: optionalText(TEXT_LONG),
  ...l10nText('who', 300),
  due_on: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), isoDate().optional()).transform((v) => v ?? null),
  status: choice(commitmentStatuses),
  ...l10nText('follow_up', TEXT_LONG),
});
export type CommitmentInput = z.infer<typeof commitmentForm>;

const closedStatuses = new Set(['done', 'dropped']);

/** closed_on follows the status: set on the day it closes (Casablanca), kept while it stays closed. */
function closedOn(status: string, before: string | null, at: string): string | null {
  if (!closedStatuses.has(status)) return null;
  return before ?? todayInCasablanca(new Date(at));
}

const commitmentSnapshot = (c: Record<string, unknown>) => ({
  what: { ar: (c.what_ar as string | null) ?? null, fr: (c.what_fr as string | null) ?? null, en: (c.what_en as string | null) ?? null },
  who: { ar: (c.who_ar as string | null) ?? null, fr: (c.who_fr as string | null) ?? null, en: (c.who_en as string | null) ?? null },
  due_on: (c.due_on as string | null) ?? null,
  status: c.status as string,
  closed_on: (c.closed_on as string | null) ?? null,
  follow_up: { ar: (c.follow_up_ar as string | null) ?? null, fr: (c.follow_up_fr as string | null) ?? null, en: (c.follow_up_en as string | null) ?? null },
});

/** A commitment made at a meeting that was held. null: no such meeting here. */
export async function addCommitment(db: Db, scope: Scope, meetingId: number, input: CommitmentInput, at = now()): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  if (!(await meetingOf(db, collectivityId, meetingId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const meeting = await meetingOf(trx, collectivityId, meetingId);
    if (!meeting) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noMeeting' } });
    if (meeting.status !== 'held') return rollbackWith({ what_ar: { key: 'dialogue.outcome.errors.recordFirst' } });
    const last = await trx.selectFrom('meeting_commitment').select((eb) => eb.fn.max('position').as('p')).where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).executeTakeFirst();
    const values = { ...input, closed_on: closedOn(input.status, null, at) };
    const row = await trx
      .insertInto('meeting_commitment')
      .values({ collectivity_id: collectivityId, meeting_id: meetingId, position: Number(last?.p ?? 0) + 1, ...values, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, { collectivityId, programmeId: null, entityType: 'meeting_commitment', entityId: row.id, action: 'create', actor: scope.actor, changes: diff({}, commitmentSnapshot(values)), public: false });
    return row.id;
    // the next position is read, then written: two additions at once run one after the other
  }, { serialize: true });
}

const commitmentOf = (db: Db, collectivityId: number, meetingId: number, commitmentId: number) =>
  db.selectFrom('meeting_commitment').selectAll().where('collectivity_id', '=', collectivityId).where('meeting_id', '=', meetingId).where('id', '=', commitmentId).executeTakeFirst();

/** Its text, due date, status and follow-up. null: no such commitment of this meeting here. */
export async function updateCommitment(db: Db, scope: Scope, meetingId: number, commitmentId: number, input: CommitmentInput, at = now()): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  if (!(await commitmentOf(db, collectivityId, meetingId, commitmentId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const before = await commitmentOf(trx, collectivityId, meetingId, commitmentId);
    if (!before) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noCommitment' } });
    const values = { ...input, closed_on: closedOn(input.status, before.closed_on, at) };
    await trx.updateTable('meeting_commitment').set({ ...values, updated_at: at }).where('collectivity_id', '=', collectivityId).where('id', '=', commitmentId).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'meeting_commitment',
      entityId: commitmentId,
      action: 'update',
      actor: scope.actor,
      changes: diff(commitmentSnapshot(before), commitmentSnapshot(values)),
      public: false,
    });
    return commitmentId;
  });
}

export const activityFromCommitmentForm = z.object({ project_id: requiredInt(1, 2_147_483_647, 'errors.invalidChoice') });

/** The day before the same day a year later. */
function yearFrom(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * "Make it a programme activity": a new activity of the chosen project of the current programme
 * (checked to be this collectivity's), titled with the commitment's words, from today to its due
 * date (or a year when it has none or it has passed), created through the programme's own
 * command in this transaction; the commitment keeps the activity's id, and the activity page
 * links back to the meeting (the origins provider in outcome-routes.tsx).
 */
export async function commitmentToActivity(db: Db, scope: Scope, meetingId: number, commitmentId: number, projectId: number, today = todayInCasablanca()): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  if (!(await commitmentOf(db, collectivityId, meetingId, commitmentId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const c = await commitmentOf(trx, collectivityId, meetingId, commitmentId);
    if (!c) return rollbackWith({ form: { key: 'dialogue.outcome.errors.noCommitment' } });
    if (c.activity_id !== null) return rollbackWith({ project_id: { key: 'dialogue.outcome.errors.alreadyActivity' } });
    const programme = await currentProgramme(trx, collectivityId);
    const target = programme && (await trx.selectFrom('project').select('id').where('collectivity_id', '=', collectivityId).where('programme_id', '=', programme.id).where('id', '=', projectId).executeTakeFirst());
    if (!programme || !target) return rollbackWith({ project_id: { key: 'errors.invalidChoice' } });
    const last = await trx.selectFrom('activity').select((eb) => eb.fn.max('number').as('n')).where('collectivity_id', '=', collectivityId).where('project_id', '=', target.id).executeTakeFirst();
    const end = c.due_on && c.due_on >= today ? c.due_on : yearFrom(today);
    const input = activityForm.safeParse({
      project_id: String(target.id),
      number: String(Number(last?.n ?? 0) + 1),
      title_ar: c.what_ar ?? '',
      title_fr: c.what_fr ?? '',
      title_en: c.what_en ?? '',
      cost_kind: 'tbd',
      funding_kind: 'own',
      start_date: today,
      end_date: end,
      status: c.status === 'in_progress' ? 'in_progress' : 'planned',
      progress: '0',
      weight: '1',
    });
    if (!input.success) return rollbackWith({ project_id: { key: 'dialogue.outcome.errors.tooLongForActivity' } });
    const created = await createEntity(trx, { actor: scope.actor, collectivityId, programme }, 'activity', input.data);
    if (!created.ok) return rollbackWith({ project_id: Object.values(created.errors)[0] ?? { key: 'errors.invalidChoice' } });
    await trx.updateTable('meeting_commitment').set({ activity_id: created.value, updated_at: now() }).where('collectivity_id', '=', collectivityId).where('id', '=', commitmentId).execute();
    await recordChange(trx, { collectivityId, programmeId: null, entityType: 'meeting_commitment', entityId: commitmentId, action: 'update', actor: scope.actor, changes: diff({ activity: null }, { activity: created.value }), public: false });
    return created.value;
    // "no activity yet" is read, then written: two clicks at once must not make two activities
  }, { serialize: true });
}

// --- feedback ---------------------------------------------------------------------------------

export const feedbackForm = z.object({
  rating: requiredInt(1, 5, 'dialogue.outcome.errors.ratingRange'),
  comment: optionalText(2000),
});
export type FeedbackInput = z.infer<typeof feedbackForm>;

/** Why someone may not rate a meeting now, as an i18n key; null when they may. */
export async function feedbackRefusal(db: Db, collectivityId: number, meeting: { id: number; status: string; ends_at: string }, userId: number, at: string): Promise<string | null> {
  if (meeting.status === 'cancelled') return 'dialogue.outcome.errors.feedbackCancelled';
  if (at < meeting.ends_at) return 'dialogue.outcome.errors.feedbackTooEarly';
  if (Date.parse(at) > Date.parse(meeting.ends_at) + FEEDBACK_DAYS * 86_400_000) return 'dialogue.outcome.errors.feedbackClosed';
  const registered = await db
    .selectFrom('meeting_registration')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meeting.id)
    .where('user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return registered ? null : 'dialogue.outcome.errors.feedbackNotRegistered';
}

/**
 * Rates a meeting: one opinion per account and meeting (the unique index); sending again replaces
 * it (an upsert, so two posts at once leave one row). Returns whether it replaced an earlier one.
 */
export async function giveFeedback(db: Db, collectivityId: number, meetingId: number, userId: number, input: FeedbackInput, at = now()): Promise<CommandResult<'created' | 'updated'>> {
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const meeting = await meetingOf(trx, collectivityId, meetingId);
      if (!meeting) return rollbackWith({ rating: { key: 'dialogue.outcome.errors.noMeeting' } });
      const refusal = await feedbackRefusal(trx, collectivityId, meeting, userId, at);
      if (refusal) return rollbackWith({ rating: { key: refusal } });
      const earlier = await trx.selectFrom('meeting_feedback').select('id').where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
      await trx
        .insertInto('meeting_feedback')
        .values({ collectivity_id: collectivityId, meeting_id: meetingId, user_id: userId, rating: input.rating, comment: input.comment, created_at: at })
        .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet({ rating: input.rating, comment: input.comment, created_at: at }))
        .execute();
      return earlier ? ('updated' as const) : ('created' as const);
    },
    // not planUnchanged: the rating feeds the satisfaction metric, which an indicator of the
    // programme may follow (Settat's project 4), and the project's card shows its latest value
  );
}
