// Deadline reminders to the person in charge (law 31.13, art. 12). Each instance sweeps every few
// minutes; a request is claimed by a guarded UPDATE on the deadline it is reminded for
// (`reminded_first_for` / `reminded_last_for` = that deadline), so that across instances each
// reminder goes once, queued in the claim's transaction (a claim rolled back queues nothing). A
// sweep sends one mail per recipient and collectivity, listing its requests: a busy day does not
// run into the hourly limit of mails to one address.
//
// The rule: the network's reminder days, e.g. "5,1": the largest is the first reminder, the
// smallest the last. A request is reminded when its running deadline (the answer's, or the
// complaint decision's: model.runningDeadline) is that many working days ahead or fewer — so a
// missed sweep (a stopped server) still reminds, with the fewer days left — and never after the
// deadline. A new deadline (an extension, a complaint) differs from the one claimed, which re-arms
// both reminders. Example requests (the demo) are not reminded: nobody has to answer them.
import type { FastifyInstance } from 'fastify';
import { rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { deliverSoon, mayMailTo, queueMail } from '../../platform/mail/index.ts';
import { addWorkingDays, loadRules, workingDaysBetween } from './calendar.ts';
import { type Status, awaitingAnswer, runningDeadline } from './model.ts';
import { type RemindedRequest, type ReminderMailSettings, reminderMail } from './reminder-mail.tsx';
import './tables.ts';

export const INFORMATION_REMINDER_SWEEP_MS = 5 * 60_000;

type Column = 'reminded_first_for' | 'reminded_last_for';

/** The reminder due for a request `left` working days before its deadline, if any: the most
 *  urgent level reached, and the columns its claim sets (it also stands for the earlier ones). */
export function reminderLevel(reminderDays: number[], left: number): { column: Column; claims: Column[] } | null {
  const [first, last] = reminderDays; // largest first (calendar.loadRules)
  if (last !== undefined && left <= last) return { column: 'reminded_last_for', claims: ['reminded_first_for', 'reminded_last_for'] };
  if (first !== undefined && left <= first) return { column: 'reminded_first_for', claims: ['reminded_first_for'] };
  return null;
}

/** Claims the requests due for a reminder and queues their mails: one per recipient and
 *  collectivity, listing its requests. Returns how many mails this call queued (0 when another
 *  instance claimed them first). */
export async function sendInformationReminders(db: Db, mail: ReminderMailSettings, at: Date = new Date()): Promise<number> {
  const rules = await loadRules(db);
  if (rules.reminderDays.length === 0) return 0;
  const today = todayInCasablanca(at);
  // no deadline later than this one is within the first reminder's reach
  const horizon = addWorkingDays(rules.calendar, today, rules.reminderDays[0]!);
  const candidates = await db
    .selectFrom('information_request')
    .select(['id', 'collectivity_id', 'status', 'due_on', 'complaint_due_on', 'reminded_first_for', 'reminded_last_for'])
    .where('is_example', '=', 0)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', [...awaitingAnswer]), eb('due_on', '>=', today), eb('due_on', '<=', horizon)]),
        eb.and([eb('status', '=', 'complaint'), eb('complaint_due_on', '>=', today), eb('complaint_due_on', '<=', horizon)]),
      ]),
    )
    .orderBy('id')
    .limit(1000)
    .execute();

  // what each request is due for now, grouped by collectivity: one mail per recipient and sweep
  const due = new Map<number, { r: (typeof candidates)[number]; dueOn: string; left: number; level: NonNullable<ReturnType<typeof reminderLevel>> }[]>();
  for (const r of candidates) {
    const dueOn = runningDeadline({ ...r, status: r.status as Status });
    if (!dueOn || dueOn < today) continue;
    const left = workingDaysBetween(rules.calendar, today, dueOn);
    const level = reminderLevel(rules.reminderDays, left);
    if (!level || r[level.column] === dueOn) continue;
    due.set(r.collectivity_id, [...(due.get(r.collectivity_id) ?? []), { r, dueOn, left, level }]);
  }

  let queued = 0;
  for (const [collectivityId, items] of due) {
    const result = await tenantTransaction(
      db,
      collectivityId,
      async (trx) => {
        const claimed: RemindedRequest[] = [];
        // claimed in id order on every instance, so two sweeps never wait on each other in a cycle
        for (const { r, dueOn, left, level } of items) {
          const claim = await trx
            .updateTable('information_request')
            .set(Object.fromEntries(level.claims.map((c) => [c, dueOn])))
            .where('id', '=', r.id)
            .where('collectivity_id', '=', collectivityId)
            // the state it was read in: a request answered or extended meanwhile is not reminded
            .where('status', '=', r.status)
            .where((eb) => eb.or([eb(level.column, 'is', null), eb(level.column, '<>', dueOn)]))
            .executeTakeFirst();
          if (Number(claim.numUpdatedRows) !== 1) continue; // another instance has it
          const { subject } = await trx.selectFrom('information_request').select('subject').where('id', '=', r.id).where('collectivity_id', '=', collectivityId).executeTakeFirstOrThrow();
          claimed.push({ id: r.id, subject, deadline: r.status === 'complaint' ? 'complaint' : 'answer', dueOn, workingDaysLeft: left });
        }
        if (claimed.length === 0) return 0;
        const c = await trx.selectFrom('collectivity').select(['id', 'slug', 'name_ar', 'name_fr', 'name_en']).where('id', '=', collectivityId).executeTakeFirstOrThrow();
        const { people, toFocalPoints } = await recipients(trx, collectivityId);
        let n = 0;
        for (const p of people) {
          // over the hourly limit of mails to one address: everything rolls back, and the next
          // sweep tries again (the claims too), rather than a claim without its mail
          if (!(await mayMailTo(trx, p.email))) rollbackWith({});
          const reminder = { collectivity: { id: c.id, slug: c.slug, name: { ar: c.name_ar, fr: c.name_fr, en: c.name_en } }, requests: claimed, toFocalPoints };
          await queueMail(trx, reminderMail(mail, reminder, p));
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

/** The person in charge named by the collectivity's office, else its focal points. */
async function recipients(trx: Db, collectivityId: number): Promise<{ people: { email: string; locale: string }[]; toFocalPoints: boolean }> {
  const officer = await trx
    .selectFrom('information_office as o')
    .innerJoin('app_user as u', 'u.id', 'o.officer_user_id')
    .select(['u.email', 'u.locale'])
    .where('o.collectivity_id', '=', collectivityId)
    .where('u.deleted_at', 'is', null)
    .executeTakeFirst();
  if (officer) return { people: [officer], toFocalPoints: false };
  const focal = await trx
    .selectFrom('role_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['u.email', 'u.locale'])
    .where('a.collectivity_id', '=', collectivityId)
    .where('a.role', '=', 'focal_point')
    .where('u.deleted_at', 'is', null)
    .orderBy('u.id')
    .execute();
  const seen = new Set<string>();
  return { people: focal.filter((p) => !seen.has(p.email) && seen.add(p.email)), toFocalPoints: true };
}

/** Starts the sweep on each instance (claimed once across instances, see above). */
export async function informationReminders(app: FastifyInstance): Promise<void> {
  const mail: ReminderMailSettings = { baseUrl: app.config.baseUrl };
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    sendInformationReminders(app.db, mail)
      .then((n) => n > 0 && deliverSoon(app))
      .catch((err) => app.log.error({ err }, 'information reminders failed'));
  app.addHook('onReady', async () => {
    timer = setInterval(sweep, INFORMATION_REMINDER_SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
