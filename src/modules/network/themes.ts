// The network's shared taxonomy of themes (network_theme): read by the axis form (the themes
// offered), the library of practices and the dashboard; kept by the network administrator. A
// retired theme stays on the axes that have it but is no longer offered. Its changes go to
// network_theme_change (change_log needs a collectivity); no collectivity's page shows a theme's
// name except the library, whose cache key holds the themes' state (libraryVersion).
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { type Actor, type LoggedValue, diff, loggedColumns } from '../../platform/audit.ts';
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import { type Db, isUniqueViolation, now } from '../../platform/db/database.ts';
import type { NetworkThemeTable } from '../../platform/db/schema.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { moveInList } from '../../platform/reorder.ts';
import { pick } from '../../platform/tenancy.ts';
import { TEXT_LONG, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';

export interface NetworkThemeChangeTable {
  id: import('kysely').Generated<number>;
  at: string;
  actor_user_id: number | null;
  theme_id: number;
  action: string;
  changes: string;
}

/** the library's search text, one row per project of an adopted programme (library.ts) */
export interface PracticeSearchTable {
  project_id: number;
  collectivity_id: number;
  search_text: string;
}
export interface PracticeSearchVersionTable {
  collectivity_id: number;
  plan_version: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    network_theme_change: NetworkThemeChangeTable;
    practice_search: PracticeSearchTable;
    practice_search_version: PracticeSearchVersionTable;
  }
}

export type ThemeRow = Selectable<NetworkThemeTable>;

export const themeForm = z.object({
  key: z.string().trim().min(1, 'errors.required').max(40, 'errors.tooLong').regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, 'network.themes.errors.key'),
  name_ar: requiredText(200),
  name_fr: optionalText(200),
  name_en: optionalText(200),
  description_ar: optionalText(TEXT_LONG),
  description_fr: optionalText(TEXT_LONG),
  description_en: optionalText(TEXT_LONG),
  position: requiredInt(1, 999, 'network.themes.errors.position'),
});
export type ThemeInput = z.output<typeof themeForm>;

export const themeName = (t: Pick<ThemeRow, 'name_ar' | 'name_fr' | 'name_en'>, locale: Locale) => pick({ ar: t.name_ar, fr: t.name_fr, en: t.name_en }, locale);

/** Every theme in the network's order; `all: false` leaves out the retired ones. */
export function listThemes(db: Db, opts: { all?: boolean } = {}): Promise<ThemeRow[]> {
  return db
    .selectFrom('network_theme')
    .selectAll()
    .$if(!opts.all, (q) => q.where('retired', '=', 0))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Moves when a theme is added or changed (names included): keys what shows theme names. */
export async function themesVersion(db: Db): Promise<string> {
  const r = await db.selectFrom('network_theme').select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('updated_at').as('at')]).executeTakeFirstOrThrow();
  return `${r.n}.${r.at ?? ''}`;
}

export const findTheme = (db: Db, id: number) => db.selectFrom('network_theme').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * The themes an axis form offers: those not retired, and the axis's own theme even when retired
 * (saving the form unchanged must not refuse it). Exported for the programme module.
 */
export async function themeChoices(db: Db, locale: Locale, current: number | null = null): Promise<[string, string][]> {
  const rows = await listThemes(db, { all: true });
  return rows.filter((r) => r.retired === 0 || r.id === current).map((r) => [String(r.id), themeName(r, locale).text]);
}

/** Whether an axis may take this theme: it exists and is offered, or is the axis's theme already. */
export async function themeAllowed(db: Db, id: number, current: number | null): Promise<boolean> {
  const row = await db.selectFrom('network_theme').select(['id', 'retired']).where('id', '=', id).executeTakeFirst();
  return row !== undefined && (row.retired === 0 || row.id === current);
}

/** The theme's names as the programme's history shows them. */
export async function themeLogged(db: Db, id: number | null): Promise<LoggedValue> {
  if (id === null) return null;
  const r = await db.selectFrom('network_theme').select(['name_ar', 'name_fr', 'name_en']).where('id', '=', id).executeTakeFirst();
  return r ? { ar: r.name_ar, fr: r.name_fr, en: r.name_en } : null;
}

const logged = (row: object) => loggedColumns(row as Record<string, unknown>, ['key', 'position', 'retired'], ['name', 'description']);

async function log(trx: Db, actor: Actor, themeId: number, action: 'create' | 'update', before: object | null, after: object) {
  const changes = diff(before ? logged(before) : {}, logged(after));
  if (action === 'update' && changes.length === 0) return;
  await trx.insertInto('network_theme_change').values({ at: now(), actor_user_id: actor.userId, theme_id: themeId, action, changes: JSON.stringify(changes) }).execute();
}

// tenantTransaction for its one transaction and typed result, with no collectivity (0) and no
// version bump: none of their pages names a theme (the network's own pages follow the themes).
const networkWrite = <T>(db: Db, work: (trx: Db) => Promise<T>) => tenantTransaction(db, 0, work, { changesPages: false });

export async function saveTheme(db: Db, actor: Actor, id: number | null, input: ThemeInput): Promise<CommandResult<number>> {
  try {
    return await networkWrite(db, async (trx) => {
      const taken = await trx.selectFrom('network_theme').select('id').where('key', '=', input.key).$if(id !== null, (q) => q.where('id', '<>', id!)).executeTakeFirst();
      if (taken) rollbackWith({ key: { key: 'network.themes.errors.keyTaken' } });
      const at = now();
      if (id !== null) {
        const before = await trx.selectFrom('network_theme').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) return rollbackWith({ key: { key: 'network.themes.errors.gone' } });
        await trx.updateTable('network_theme').set({ ...input, updated_at: at }).where('id', '=', id).execute();
        await log(trx, actor, id, 'update', before, { ...before, ...input });
        return id;
      }
      const row = await trx.insertInto('network_theme').values({ ...input, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await log(trx, actor, row.id, 'create', null, { ...input, retired: 0 });
      return row.id;
    });
  } catch (e) {
    // two saves with the same new key at once: the unique index tells the second
    if (isUniqueViolation(e)) return invalid({ key: { key: 'network.themes.errors.keyTaken' } });
    throw e;
  }
}

/** Retires a theme (kept on its axes, no longer offered) or offers it again; false when unknown. */
export async function setThemeRetired(db: Db, actor: Actor, id: number, retired: boolean): Promise<boolean> {
  const result = await networkWrite(db, async (trx) => {
    const before = await trx.selectFrom('network_theme').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.updateTable('network_theme').set({ retired: retired ? 1 : 0, updated_at: now() }).where('id', '=', id).execute();
    await log(trx, actor, id, 'update', before, { ...before, retired: retired ? 1 : 0 });
    return true;
  });
  return result.ok && result.value;
}

/** Moves a theme one place up or down in the list; false when unknown. */
export async function moveTheme(db: Db, actor: Actor, id: number, direction: 'up' | 'down'): Promise<boolean> {
  const result = await networkWrite(db, async (trx) => {
    const rows = await trx.selectFrom('network_theme').select(['id', 'position']).orderBy('position').orderBy('id').execute();
    const moved = moveInList(rows, id, direction);
    if (!moved) return false;
    const at = now();
    for (const c of moved.changes) await trx.updateTable('network_theme').set({ position: c.position, updated_at: at }).where('id', '=', c.id).execute();
    if (moved.changes.length > 0) {
      await trx.insertInto('network_theme_change').values({ at, actor_user_id: actor.userId, theme_id: id, action: 'update', changes: JSON.stringify([{ field: 'position', before: moved.from, after: moved.to }]) }).execute();
    }
    return true;
  });
  return result.ok && result.value;
}

/** The last changes of the themes, newest first, for the admin page. */
export function themeChanges(db: Db, limit = 20) {
  return db
    .selectFrom('network_theme_change as c')
    .innerJoin('network_theme as t', 't.id', 'c.theme_id')
    .leftJoin('app_user as u', 'u.id', 'c.actor_user_id')
    .select(['c.id', 'c.at', 'c.action', 'c.changes', 't.key', 'u.email'])
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}
