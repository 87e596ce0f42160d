// Registration for a meeting: seats, the waiting list, cancellation and promotion.
//
// A person takes one seat; an association registers N of its members (at most MAX_SEATS, never
// more than the meeting's capacity). A registration is confirmed while the confirmed seats plus
// its own fit the capacity (no capacity: no limit), else wait-listed. Seats are counted under a
// lock on the meeting's row (PostgreSQL: SELECT … FOR UPDATE; SQLite runs one write transaction
// at a time on its one connection), so concurrent requests for the last seat, on any number of
// instances, give it to exactly one. One registration per account and meeting is the unique
// index meeting_registration_one; a cancelled row is reused when the person registers again.
//
// Freed seats go to the waiting list in its order (created_at, then id): each registration whose
// seats fit what is free is promoted, so a large association waiting does not hold back a person
// behind it. Everything here runs in the caller's transaction with the mails it queues.
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import { type Db, isPostgres, now, isUniqueViolation } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { mayMailTo, queueMail } from '../../platform/mail/index.ts';
import { type MailPerson, type MailSettings, cancellationMail, confirmationMail, mailPlace, promotionMail } from './mails.tsx';
import { seatsTaken } from './repository.ts';
import type { MeetingRow, RegistrationStatus } from './tables.ts';
import './tables.ts';

/** The most seats one association may ask for in one registration. */
export const MAX_SEATS = 50;

export type ClosedReason = 'cancelled' | 'started' | 'notEnabled' | 'notOpenYet' | 'closed';

type WindowFields = Pick<MeetingRow, 'status' | 'starts_at' | 'registration_enabled' | 'registration_opens_at' | 'registration_closes_at'>;

/** Why a meeting takes no registration at `at` (ISO instant), or null when it does. `date` is
 *  the instant the message names (the window's opening or closing). */
export function registrationClosed(m: WindowFields, at: string): { reason: ClosedReason; date?: string } | null {
  if (m.status === 'cancelled') return { reason: 'cancelled' };
  if (m.status === 'held' || m.starts_at <= at) return { reason: 'started' };
  if (m.registration_enabled !== 1) return { reason: 'notEnabled' };
  if (m.registration_opens_at && at < m.registration_opens_at) return { reason: 'notOpenYet', date: m.registration_opens_at };
  if (m.registration_closes_at && at >= m.registration_closes_at) return { reason: 'closed', date: m.registration_closes_at };
  return null;
}

/** The status of a new registration of `seats` when `confirmedSeats` are taken. */
export function seatStatus(capacity: number | null, confirmedSeats: number, seats: number): 'confirmed' | 'waitlisted' {
  return capacity === null || confirmedSeats + seats <= capacity ? 'confirmed' : 'waitlisted';
}

/** The wait-listed registrations (in queue order) that the free seats take, each that fits. */
export function toPromote<R extends { seats: number }>(capacity: number | null, confirmedSeats: number, queue: R[]): R[] {
  let free = capacity === null ? Number.POSITIVE_INFINITY : capacity - confirmedSeats;
  const out: R[] = [];
  for (const r of queue) {
    if (r.seats <= free) {
      out.push(r);
      free -= r.seats;
    }
  }
  return out;
}

/** The meeting of this collectivity, its row locked until the transaction ends (PostgreSQL). */
export async function lockMeeting(trx: Db, collectivityId: number, meetingId: number): Promise<MeetingRow | undefined> {
  return trx
    .selectFrom('meeting')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', meetingId)
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .executeTakeFirst();
}

/** 1 for the first wait-listed registration, and so on (null: not wait-listed). */
export async function waitlistPosition(db: Db, r: { id: number; collectivity_id: number; meeting_id: number; status: string; created_at: string }): Promise<number | null> {
  if (r.status !== 'waitlisted') return null;
  const row = await db
    .selectFrom('meeting_registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collectivity_id', '=', r.collectivity_id)
    .where('meeting_id', '=', r.meeting_id)
    .where('status', '=', 'waitlisted')
    .where((eb) => eb.or([eb('created_at', '<', r.created_at), eb.and([eb('created_at', '=', r.created_at), eb('id', '<', r.id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** The person's registration for a meeting (any status), with its place in the queue. */
export async function registrationOf(db: Db, collectivityId: number, meetingId: number, userId: number) {
  const r = await db
    .selectFrom('meeting_registration')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!r) return null;
  return { ...r, status: r.status as RegistrationStatus, position: await waitlistPosition(db, r) };
}

export interface Registrant {
  id: number;
  email: string;
  kind: 'person' | 'association';
  locale: Locale;
}

export interface Registered {
  registrationId: number;
  status: 'confirmed' | 'waitlisted';
  seats: number;
  position: number | null;
}

const refuse = (key: string, values?: Record<string, string | number>) => rollbackWith({ form: { key: `dialogue.registration.refused.${key}`, values } });

/**
 * Registers the person (or association) for a meeting of the collectivity: confirmed or
 * wait-listed, with the confirmation mail and its .ics. Throws 404 for a meeting of another
 * collectivity; refusals come back as errors (`form`, or `seats`), with nothing written.
 */
export async function registerForMeeting(
  db: Db,
  scope: { collectivityId: number; meetingId: number; person: Registrant },
  seatsAsked: number,
  mail: MailSettings,
): Promise<CommandResult<Registered>> {
  const { collectivityId, meetingId, person } = scope;
  try {
    return await tenantTransaction(
      db,
      collectivityId,
      async (trx) => {
        const at = now();
        const meeting = await lockMeeting(trx, collectivityId, meetingId);
        if (!meeting) throw notFound('meeting_not_found');
        const closed = registrationClosed(meeting, at);
        if (closed) refuse(closed.reason, closed.date ? { date: closed.date } : undefined);
        const seats = person.kind === 'association' ? seatsAsked : 1;
        if (meeting.capacity !== null && seats > meeting.capacity) {
          rollbackWith({ seats: { key: 'dialogue.registration.errors.moreThanCapacity', values: { max: meeting.capacity } } });
        }
        const existing = await trx
          .selectFrom('meeting_registration')
          .select(['id', 'status'])
          .where('collectivity_id', '=', collectivityId)
          .where('meeting_id', '=', meetingId)
          .where('user_id', '=', person.id)
          .executeTakeFirst();
        if (existing && existing.status !== 'cancelled') refuse('already');
        const status = seatStatus(meeting.capacity, await seatsTaken(trx, collectivityId, meetingId), seats);
        let id: number;
        if (existing) {
          // registering again after cancelling: at the end of the queue, like anyone new
          await trx.updateTable('meeting_registration').set({ seats, status, created_at: at, updated_at: at }).where('id', '=', existing.id).execute();
          id = existing.id;
        } else {
          id = (
            await trx
              .insertInto('meeting_registration')
              .values({ collectivity_id: collectivityId, meeting_id: meetingId, user_id: person.id, seats, status, created_at: at, updated_at: at })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        const position = await waitlistPosition(trx, { id, collectivity_id: collectivityId, meeting_id: meetingId, status, created_at: at });
        if (await mayMailTo(trx, person.email)) {
          const place = await mailPlace(trx, collectivityId, mail);
          await queueMail(trx, await confirmationMail(place, meeting, { id: person.id, email: person.email, locale: person.locale }, { status, seats, position }));
        }
        return { registrationId: id, status, seats, position };
      },
      { planUnchanged: true },
    );
  } catch (e) {
    if (isUniqueViolation(e)) return invalid({ form: { key: 'dialogue.registration.refused.already' } });
    throw e;
  }
}

export interface Promoted {
  registrationId: number;
  userId: number;
  seats: number;
}

/**
 * Gives the free seats of a meeting to its waiting list (in order, each registration whose seats
 * fit) and mails each person promoted. Call it in the transaction that freed seats or raised the
 * capacity (a cancellation, the meeting's editor). A meeting cancelled or already started
 * promotes nobody. Returns who was promoted.
 */
export async function fillFreedSeats(trx: Db, collectivityId: number, meetingId: number, mail: MailSettings | null = defaultMailSettings): Promise<Promoted[]> {
  const at = now();
  const meeting = await lockMeeting(trx, collectivityId, meetingId);
  if (!meeting || meeting.status === 'cancelled' || meeting.status === 'held' || meeting.starts_at <= at) return [];
  const queue = await trx
    .selectFrom('meeting_registration as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id', 'r.seats', 'u.email', 'u.locale', 'u.deleted_at'])
    .where('r.collectivity_id', '=', collectivityId)
    .where('r.meeting_id', '=', meetingId)
    .where('r.status', '=', 'waitlisted')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const chosen = toPromote(meeting.capacity, await seatsTaken(trx, collectivityId, meetingId), queue);
  if (chosen.length === 0) return [];
  await trx
    .updateTable('meeting_registration')
    .set({ status: 'confirmed', updated_at: at })
    .where('collectivity_id', '=', collectivityId)
    .where('id', 'in', chosen.map((r) => r.id))
    .execute();
  if (mail) {
    const place = await mailPlace(trx, collectivityId, mail);
    for (const r of chosen) {
      if (r.deleted_at !== null || !(await mayMailTo(trx, r.email))) continue;
      await queueMail(trx, await promotionMail(place, meeting, { id: r.user_id, email: r.email, locale: r.locale } satisfies MailPerson, r.seats));
    }
  }
  return chosen.map((r) => ({ registrationId: r.id, userId: r.user_id, seats: r.seats }));
}

/**
 * The person cancels their registration (from their space or the mail's link): the seats are
 * freed and go to the waiting list, in the same transaction. Throws 404 for a meeting of another
 * collectivity; refused when there is nothing to cancel or the meeting has started.
 */
export async function cancelRegistration(
  db: Db,
  scope: { collectivityId: number; meetingId: number; userId: number },
  mail: MailSettings,
): Promise<CommandResult<{ promoted: Promoted[] }>> {
  const { collectivityId, meetingId, userId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const at = now();
      const meeting = await lockMeeting(trx, collectivityId, meetingId);
      if (!meeting) throw notFound('meeting_not_found');
      const r = await trx
        .selectFrom('meeting_registration')
        .select(['id', 'status'])
        .where('collectivity_id', '=', collectivityId)
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', userId)
        .where('status', '!=', 'cancelled')
        .executeTakeFirst();
      if (!r) refuse('notRegistered');
      if (meeting.status !== 'cancelled' && meeting.starts_at <= at) refuse('started');
      await trx.updateTable('meeting_registration').set({ status: 'cancelled', updated_at: at }).where('id', '=', r!.id).execute();
      const promoted = r!.status === 'confirmed' ? await fillFreedSeats(trx, collectivityId, meetingId, mail) : [];
      return { promoted };
    },
    { planUnchanged: true },
  );
}

/**
 * The meeting is cancelled: each person registered (confirmed or waiting) is told by mail, with
 * the reason and an .ics that removes the event. For the meeting's cancel command, in its
 * transaction, after the row says 'cancelled' (and its sequence moved on). Returns how many
 * mails were queued. Registrations stay as they are (my space shows the meeting cancelled).
 */
export async function mailMeetingCancelled(trx: Db, collectivityId: number, meetingId: number, mail: MailSettings | null = defaultMailSettings): Promise<number> {
  const meeting = await lockMeeting(trx, collectivityId, meetingId);
  if (!meeting || !mail) return 0;
  const people = await trx
    .selectFrom('meeting_registration as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.email', 'u.locale'])
    .where('r.collectivity_id', '=', collectivityId)
    .where('r.meeting_id', '=', meetingId)
    .where('r.status', 'in', ['confirmed', 'waitlisted'])
    .where('u.deleted_at', 'is', null)
    .orderBy('r.id')
    .execute();
  const place = await mailPlace(trx, collectivityId, mail);
  let queued = 0;
  for (const p of people) {
    if (!(await mayMailTo(trx, p.email))) continue;
    await queueMail(trx, await cancellationMail(place, meeting, { id: p.user_id, email: p.email, locale: p.locale }));
    queued++;
  }
  return queued;
}

/**
 * An account being deleted: its registrations go, and the seats it held in upcoming meetings go
 * to their waiting lists (in the deletion's transaction). Its feedback keeps its rating without
 * the comment (outcome-routes.tsx): the meeting's mean stays what attendees said.
 */
export async function deleteRegistrationsOf(trx: Db, userId: number): Promise<void> {
  const held = await trx
    .selectFrom('meeting_registration')
    .select(['collectivity_id', 'meeting_id'])
    .where('user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .execute();
  await trx.deleteFrom('meeting_registration').where('user_id', '=', userId).execute();
  for (const r of held) await fillFreedSeats(trx, r.collectivity_id, r.meeting_id);
  // the meetings' pages show the seats taken: their collectivities' cached pages are rebuilt
  const places = [...new Set(held.map((r) => r.collectivity_id))];
  if (places.length > 0) await trx.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', 'in', places).execute();
}

// The base URL and secret of the mails' links are the app's configuration, the same on every
// instance of a deployment. Code that runs without the app at hand (account deletion, another
// part's command calling fillFreedSeats) uses the ones the plugin set when it was registered.
let defaultMailSettings: MailSettings | null = null;
export function setDefaultMailSettings(settings: MailSettings): void {
  defaultMailSettings = settings;
}
