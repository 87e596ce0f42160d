// The reminder the day before: each instance sweeps every few minutes; a meeting is claimed by a
// guarded update (reminder_claimed_at is null), so that across instances its registrants get one
// reminder each, queued in the claim's transaction (a claim rolled back queues nothing).
//
// The rule: a meeting is reminded once it starts within the next 30 hours, if it is still more
// than an hour away. Claimed as soon as it enters that window (the sweep runs every 5 minutes),
// the reminder leaves about 30 hours ahead: on the day before for any meeting from 06:00 on
// (Casablanca time). A meeting announced less than an hour before it starts, or cancelled, gets
// none; someone who registers after the claim has the confirmation mail, sent at once. Only
// meetings that take registrations have anyone to remind.
import type { Db } from '../../platform/db/database.ts';
import { tenantTransaction } from '../../platform/commands.ts';
import { mayMailTo, queueMail } from '../../platform/mail/index.ts';
import { type MailSettings, mailPlace, reminderMail } from './mails.tsx';
import { lockMeeting } from './registration.ts';
import './tables.ts';

export const REMINDER_SWEEP_MS = 5 * 60_000;
const HOUR = 3_600_000;
export const REMIND_WITHIN_MS = 30 * HOUR;
export const REMIND_AT_LEAST_MS = HOUR;

/** Claims the meetings due for their reminder and queues one per confirmed registration. Returns
 *  how many reminders this call queued (0 when another instance claimed them first). */
export async function sendMeetingReminders(db: Db, mail: MailSettings, at: Date = new Date()): Promise<number> {
  const from = new Date(at.getTime() + REMIND_AT_LEAST_MS).toISOString();
  const to = new Date(at.getTime() + REMIND_WITHIN_MS).toISOString();
  const due = await db
    .selectFrom('meeting')
    .select(['id', 'collectivity_id'])
    .where('status', 'in', ['planned', 'postponed'])
    .where('starts_at', '>', from)
    .where('starts_at', '<=', to)
    .where('reminder_claimed_at', 'is', null)
    .where('registration_enabled', '=', 1)
    .orderBy('starts_at')
    .limit(500)
    .execute();
  let queued = 0;
  for (const m of due) {
    const result = await tenantTransaction(
      db,
      m.collectivity_id,
      async (trx) => {
        const claim = await trx
          .updateTable('meeting')
          .set({ reminder_claimed_at: at.toISOString() })
          .where('id', '=', m.id)
          .where('collectivity_id', '=', m.collectivity_id)
          .where('reminder_claimed_at', 'is', null)
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) return 0; // another instance has it
        // the registrations are read under the meeting's lock: none is cancelled meanwhile
        const meeting = (await lockMeeting(trx, m.collectivity_id, m.id))!;
        const people = await trx
          .selectFrom('meeting_registration as r')
          .innerJoin('app_user as u', 'u.id', 'r.user_id')
          .select(['r.user_id', 'r.seats', 'u.email', 'u.locale'])
          .where('r.collectivity_id', '=', m.collectivity_id)
          .where('r.meeting_id', '=', m.id)
          .where('r.status', '=', 'confirmed')
          .where('u.deleted_at', 'is', null)
          .orderBy('r.id')
          .execute();
        const place = await mailPlace(trx, m.collectivity_id, mail);
        let n = 0;
        for (const p of people) {
          if (!(await mayMailTo(trx, p.email))) continue;
          await queueMail(trx, await reminderMail(place, meeting, { id: p.user_id, email: p.email, locale: p.locale }, p.seats));
          n++;
        }
        return n;
      },
      // no page shows that a reminder went
      { changesPages: false },
    );
    if (result.ok) queued += result.value;
  }
  return queued;
}
