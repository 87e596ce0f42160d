// The change log: every write records what changed, field by field, before → after, and under
// which role. Entries made while the programme is adopted are public (the public history);
// the actor's account id is kept for staff, never shown publicly.
import type { Db } from './db/database.ts';
import { now } from './db/database.ts';
import type { Role } from './auth/roles.ts';

/** A value as the history shows it: a plain value, or a text in several locales. */
export type LoggedValue = string | number | null | { ar?: string | null; fr?: string | null; en?: string | null };

export interface Change {
  field: string;
  before: LoggedValue;
  after: LoggedValue;
}

export interface Actor {
  /** null: no account, the system itself (the built-in demo loading) */
  userId: number | null;
  role: Role;
}

const same = (a: LoggedValue, b: LoggedValue) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Field-by-field difference between two snapshots of an entity. */
/** A row's columns as the change log reads them: plain columns as they are, and the three
 *  languages of each text (`name_ar`, `name_fr`, `name_en`) as one value. */
export function loggedColumns(row: Record<string, unknown>, plain: readonly string[], texts: readonly string[]): Record<string, LoggedValue> {
  const out: Record<string, LoggedValue> = {};
  for (const f of plain) out[f] = (row[f] as string | number | null | undefined) ?? null;
  for (const f of texts) out[f] = { ar: (row[`${f}_ar`] as string | null) ?? null, fr: (row[`${f}_fr`] as string | null) ?? null, en: (row[`${f}_en`] as string | null) ?? null };
  return out;
}

export function diff(before: Record<string, LoggedValue>, after: Record<string, LoggedValue>): Change[] {
  const changes: Change[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[field] ?? null, after[field] ?? null)) {
      changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
    }
  }
  return changes;
}

export interface ChangeEntry {
  collectivityId: number;
  programmeId: number | null;
  entityType: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  actor: Actor | null;
  changes: Change[];
  public: boolean;
  /** why, as staff gave it (shown with a public change) */
  reason?: string | null;
}

export async function recordChange(db: Db, entry: ChangeEntry): Promise<void> {
  if (entry.action === 'update' && entry.changes.length === 0) return;
  await db
    .insertInto('change_log')
    .values({
      collectivity_id: entry.collectivityId,
      programme_id: entry.programmeId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      at: now(),
      actor_user_id: entry.actor?.userId ?? null,
      actor_role: entry.actor?.role ?? null,
      changes: JSON.stringify(entry.changes),
      public: entry.public ? 1 : 0,
      reason: entry.reason?.trim() || null,
    })
    .execute();
}

export interface HistoryEntry {
  entityType: string;
  entityId: number;
  at: string;
  action: 'create' | 'update' | 'delete';
  role: Role | null;
  changes: Change[];
  reason: string | null;
}

/**
 * The public history of some entities of one collectivity, newest first, a page at a time: after
 * the entry `before` (keyset on time then id); `next` is the entry to continue from. undefined
 * when `before` is not an entry of this history. With `programme`, every public change of those
 * entity types in that programme instead (a matrix's history).
 */
export async function publicHistory(
  db: Db,
  collectivityId: number,
  entities: { type: string; id: number }[],
  options: { limit?: number; before?: number; programme?: { programmeId: number; types: string[] } } = {},
): Promise<{ items: HistoryEntry[]; next: number | null } | undefined> {
  const limit = options.limit ?? 50;
  const programme = options.programme;
  if (entities.length === 0 && !programme) return options.before === undefined ? { items: [], next: null } : undefined;
  const scoped = db
    .selectFrom('change_log')
    .where('collectivity_id', '=', collectivityId)
    .where('public', '=', 1)
    .$if(programme !== undefined, (q) => q.where('programme_id', '=', programme!.programmeId).where('entity_type', 'in', programme!.types))
    .$if(programme === undefined, (q) =>
      q.where((eb) => eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.type), eb('entity_id', '=', e.id)])))),
    );
  const cursor = options.before === undefined ? null : await scoped.select(['at', 'id']).where('id', '=', options.before).executeTakeFirst();
  if (cursor === undefined) return undefined;
  const rows = await scoped
    .select(['id', 'entity_type', 'entity_id', 'at', 'action', 'actor_role', 'changes', 'reason'])
    .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(cursor!.at, cursor!.id))))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      entityType: r.entity_type,
      entityId: r.entity_id,
      at: r.at,
      action: r.action as HistoryEntry['action'],
      role: r.actor_role as Role | null,
      changes: JSON.parse(r.changes) as Change[],
      reason: r.reason,
    })),
    next: rows.length > limit ? page[page.length - 1].id : null,
  };
}
