// The network's rules and calendar for access to information: the forms' schemas and the writes.
// They belong to no collectivity: each write runs in one transaction, is logged field by field in
// information_rules_change (change_log needs a collectivity), and moves every collectivity's
// content version, since public pages state the rules. Deadlines already computed stay as they are
// (stored in each request): a change applies to deadlines computed after it.
import { z } from 'zod';
import type { Actor, LoggedValue } from '../../platform/audit.ts';
import { diff, loggedColumns } from '../../platform/audit.ts';
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import { type Db, isUniqueViolation, now } from '../../platform/db/database.ts';
import { type FieldErrors, choice, isoDate, optionalInt, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';
import type { InformationRulesRow, PublicHolidayRow } from './tables.ts';
import './tables.ts';

/** The law's defaults (law 31.13), shown beside each field with the article. */
export const lawDefaults = {
  answer_days: { value: 20, article: 16 },
  extension_days: { value: 20, article: 16 },
  urgent_days: { value: 3, article: 17 },
  complaint_window_days: { value: 20, article: 19 },
  complaint_answer_days: { value: 15, article: 19 },
  cdai_window_days: { value: 30, article: 20 },
} as const;
export type DayCount = keyof typeof lawDefaults;
export const dayCounts = Object.keys(lawDefaults) as DayCount[];

const days = () => requiredInt(1, 365, 'information.rules.errors.days');

/** The weekend as checkboxes: ISO weekdays, never all seven. */
const weekend = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[1-7]$/, 'errors.invalidChoice')))
    .transform((v) => [...new Set(v.map(Number))].sort())
    .refine((v) => v.length < 7, 'information.rules.errors.weekendAll');

/** "5,1": one or two different numbers of working days, kept largest first. */
const reminderDays = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .transform((v) => v.split(/[,،;\s]+/).filter(Boolean))
    .refine((parts) => parts.length <= 2 && parts.every((p) => /^\d{1,2}$/.test(p) && Number(p) >= 1 && Number(p) <= 30), 'information.rules.errors.reminders')
    .transform((parts) => [...new Set(parts.map(Number))].sort((a, b) => b - a))
    .refine((v) => v.length > 0, 'information.rules.errors.reminders');

export const rulesForm = z.object({
  answer_days: days(),
  extension_days: days(),
  urgent_days: days(),
  complaint_window_days: days(),
  complaint_answer_days: days(),
  cdai_window_days: days(),
  weekend: weekend(),
  reminder_days: reminderDays(),
  daily_limit: requiredInt(1, 1000, 'information.rules.errors.dailyLimit'),
});
export type RulesInput = z.infer<typeof rulesForm>;

/** A fixed holiday recurs every year on MM-DD (from a year on, if set); a dated one is one day
 *  (the Islamic holidays, entered each year). The fields the other kind does not use are ignored. */
export const holidayForm = z
  .object({
    kind: choice(['fixed', 'dated'] as const),
    month_day: z.string().trim().optional(),
    from_year: optionalInt(1956, 2100, 'information.rules.errors.year'),
    on_date: z.string().trim().optional(),
    name_ar: requiredText(200),
    name_fr: optionalText(200),
    name_en: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'fixed') {
      // 02-29 is a real month-day (it recurs in leap years)
      const ok = /^\d{2}-\d{2}$/.test(v.month_day ?? '') && isoDate().safeParse(`2024-${v.month_day}`).success;
      if (!ok) ctx.addIssue({ code: 'custom', path: ['month_day'], message: v.month_day ? 'information.rules.errors.monthDay' : 'errors.required' });
    } else if (!isoDate().safeParse(v.on_date ?? '').success) {
      ctx.addIssue({ code: 'custom', path: ['on_date'], message: v.on_date ? 'errors.invalidDate' : 'errors.required' });
    }
  })
  .transform((v) => ({
    kind: v.kind,
    month_day: v.kind === 'fixed' ? v.month_day! : null,
    from_year: v.kind === 'fixed' ? v.from_year : null,
    on_date: v.kind === 'dated' ? v.on_date! : null,
    name_ar: v.name_ar,
    name_fr: v.name_fr,
    name_en: v.name_en,
  }));
export type HolidayInput = z.infer<typeof holidayForm>;

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

// ---- the log --------------------------------------------------------------------------------

async function log(trx: Db, actor: Actor, entity: { type: 'rules' | 'holiday'; id: number }, action: 'create' | 'update' | 'delete', before: Record<string, LoggedValue>, after: Record<string, LoggedValue>) {
  const changes = diff(before, after);
  if (action === 'update' && changes.length === 0) return;
  await trx
    .insertInto('information_rules_change')
    .values({ at: now(), actor_user_id: actor.userId, actor_role: actor.role, entity_type: entity.type, entity_id: entity.id, action, changes: JSON.stringify(changes) })
    .execute();
}

/** One transaction for a network write; pages of every collectivity state the rules. */
function networkWrite<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<CommandResult<T>> {
  // collectivity 0 matches no row: the bump below moves every collectivity's content version
  return tenantTransaction(
    db,
    0,
    async (trx) => {
      const value = await work(trx);
      await trx.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).execute();
      return value;
    },
    { changesPages: false },
  );
}

const rulesPlain = ['answer_days', 'extension_days', 'urgent_days', 'complaint_window_days', 'complaint_answer_days', 'cdai_window_days', 'weekend', 'reminder_days', 'daily_limit'] as const;
const holidayPlain = ['kind', 'month_day', 'from_year', 'on_date'] as const;
const logged = (row: object, plain: readonly string[], texts: readonly string[] = []) => loggedColumns(row as Record<string, unknown>, plain, texts);

/** The stored form of the rules' inputs. */
export const rulesColumns = (input: RulesInput) => ({ ...input, weekend: input.weekend.join(','), reminder_days: input.reminder_days.join(',') });

export async function saveRules(db: Db, actor: Actor, input: RulesInput): Promise<CommandResult<void>> {
  return networkWrite(db, async (trx) => {
    const before = await trx.selectFrom('information_rules').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const values = rulesColumns(input);
    await trx.updateTable('information_rules').set({ ...values, updated_at: now() }).where('id', '=', 1).execute();
    await log(trx, actor, { type: 'rules', id: 1 }, 'update', logged(before, rulesPlain), logged(values, rulesPlain));
  });
}

/** Adds (id null) or edits a holiday; one per month-day or date. */
export async function saveHoliday(db: Db, actor: Actor, id: number | null, input: HolidayInput): Promise<CommandResult<number>> {
  const taken: FieldErrors = input.kind === 'fixed' ? { month_day: { key: 'information.rules.errors.fixedTaken' } } : { on_date: { key: 'information.rules.errors.datedTaken' } };
  try {
    return await networkWrite(db, async (trx) => {
      const same = await trx
        .selectFrom('public_holiday')
        .select('id')
        .$if(input.kind === 'fixed', (q) => q.where('month_day', '=', input.month_day))
        .$if(input.kind === 'dated', (q) => q.where('on_date', '=', input.on_date))
        .$if(id !== null, (q) => q.where('id', '<>', id!))
        .executeTakeFirst();
      if (same) rollbackWith(taken);
      const at = now();
      if (id === null) {
        const row = await trx.insertInto('public_holiday').values({ ...input, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
        await log(trx, actor, { type: 'holiday', id: row.id }, 'create', {}, logged(input, holidayPlain, ['name']));
        return row.id;
      }
      const before = await trx.selectFrom('public_holiday').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) return rollbackWith({ name_ar: { key: 'information.rules.errors.holidayGone' } });
      await trx.updateTable('public_holiday').set({ ...input, updated_at: at }).where('id', '=', id).execute();
      await log(trx, actor, { type: 'holiday', id }, 'update', logged(before, holidayPlain, ['name']), logged(input, holidayPlain, ['name']));
      return id;
    });
  } catch (e) {
    // two saves of the same day at once: the unique index refuses the second
    if (isUniqueViolation(e)) return invalid(taken);
    throw e;
  }
}

export async function deleteHoliday(db: Db, actor: Actor, id: number): Promise<boolean> {
  const result = await networkWrite(db, async (trx) => {
    const before = await trx.selectFrom('public_holiday').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('public_holiday').where('id', '=', id).execute();
    await log(trx, actor, { type: 'holiday', id }, 'delete', logged(before, holidayPlain, ['name']), {});
    return true;
  });
  return result.ok && result.value;
}

// ---- reads ----------------------------------------------------------------------------------

export const findHoliday = (db: Db, id: number) => db.selectFrom('public_holiday').selectAll().where('id', '=', id).executeTakeFirst();

/** The holidays of a year, by date: the fixed ones that apply that year and the dated ones. */
export async function holidaysOf(db: Db, year: number): Promise<{ date: string; row: PublicHolidayRow }[]> {
  const rows = await db
    .selectFrom('public_holiday')
    .selectAll()
    .where((eb) => eb.or([eb('kind', '=', 'fixed'), eb.and([eb('on_date', '>=', `${year}-01-01`), eb('on_date', '<=', `${year}-12-31`)])]))
    .execute();
  return rows
    .filter((r) => r.kind === 'dated' || r.from_year === null || r.from_year <= year)
    .map((row) => ({ date: row.kind === 'fixed' ? `${year}-${row.month_day}` : row.on_date!, row }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row.id - b.row.id));
}

/** Which of these years have no dated holiday yet (the Islamic ones, entered each year). */
export async function yearsWithoutDated(db: Db, years: number[]): Promise<number[]> {
  const missing: number[] = [];
  for (const year of years) {
    const one = await db.selectFrom('public_holiday').select('id').where('kind', '=', 'dated').where('on_date', '>=', `${year}-01-01`).where('on_date', '<=', `${year}-12-31`).executeTakeFirst();
    if (!one) missing.push(year);
  }
  return missing;
}

export interface RulesChange {
  at: string;
  actorName: string | null;
  actorRole: string | null;
  entityType: 'rules' | 'holiday';
  action: 'create' | 'update' | 'delete';
  changes: { field: string; before: LoggedValue; after: LoggedValue }[];
}

/** The latest changes to the rules and holidays, newest first. */
export async function latestChanges(db: Db, limit = 20): Promise<RulesChange[]> {
  const rows = await db
    .selectFrom('information_rules_change as c')
    .leftJoin('app_user as u', 'u.id', 'c.actor_user_id')
    .select(['c.at', 'c.actor_role', 'c.entity_type', 'c.action', 'c.changes', 'u.display_name'])
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, actorName: r.display_name, actorRole: r.actor_role, entityType: r.entity_type, action: r.action, changes: JSON.parse(r.changes) }));
}

/** The rules row as the form shows it. */
export function rulesFormValues(row: InformationRulesRow): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of [...dayCounts, 'daily_limit', 'reminder_days'] as const) out[f] = String(row[f]);
  out.weekend = row.weekend.split(',').map((d) => d.trim()).filter(Boolean);
  return out;
}
