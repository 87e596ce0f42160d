// Create, update and delete the parts of a programme (axes, projects, activities, partners,
// indicators). Each write is one transaction: tenant checks on every referenced id, the write,
// the change-log entry (public when the programme is adopted), and the content-version bump.
import type { Actor, LoggedValue } from '../../../platform/audit.ts';
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import type { Kysely } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { ProgrammeRow } from '../../../platform/db/schema.ts';
import type { FieldErrors } from '../../../platform/validation.ts';
import { blockingDependent } from '../dependents.ts';
import { isAdopted } from '../progress.ts';
import { partnerIdsOf } from '../repository.ts';
import { themeAllowed, themeLogged } from '../../network/themes.ts';
import type { ActivityInput, AxisInput, IndicatorInput, PartnerInput, ProjectInput } from '../schema.ts';

export type EntityType = 'axis' | 'project' | 'activity' | 'partner' | 'indicator';

interface Inputs {
  axis: AxisInput;
  project: ProjectInput;
  activity: ActivityInput;
  partner: PartnerInput;
  indicator: IndicatorInput;
}

type Row = Record<string, unknown> & { id: number };

/** The tables here are chosen at run time; Kysely's static typing cannot follow a union of tables. */
const dyn = (db: Db) => db as unknown as Kysely<any>;

/** Snapshot of a row for the history: `x_ar/x_fr/x_en` become one localized value `x`. */
function snapshot(row: Record<string, unknown>, partners?: LoggedValue): Record<string, LoggedValue> {
  const out: Record<string, LoggedValue> = {};
  for (const [k, v] of Object.entries(row)) {
    if (['id', 'collectivity_id', 'programme_id', 'carried_from_id'].includes(k)) continue;
    const m = /^(.*)_(ar|fr|en)$/.exec(k);
    if (m) {
      const cur = (out[m[1]] as Record<string, string | null> | undefined) ?? {};
      cur[m[2]] = (v as string | null) ?? null;
      out[m[1]] = cur;
    } else out[k] = (v as LoggedValue) ?? null;
  }
  for (const [k, v] of Object.entries(out)) {
    if (v && typeof v === 'object' && !v.ar && !v.fr && !v.en) out[k] = null;
  }
  if (partners !== undefined) out.partners = partners;
  return out;
}

/** Replaces the ids in a snapshot by what they name, so the public history reads as text. */
async function readable(db: Db, collectivityId: number, snap: Record<string, LoggedValue>): Promise<Record<string, LoggedValue>> {
  const out = { ...snap };
  delete out.position;
  const title = async (table: 'axis' | 'project', id: LoggedValue) => {
    if (typeof id !== 'number') return null;
    const r = await db.selectFrom(table).select(['title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
    return r ? { ar: r.title_ar, fr: r.title_fr, en: r.title_en } : null;
  };
  if ('axis_id' in out) out.axis = await title('axis', out.axis_id);
  if ('project_id' in out) out.project = await title('project', out.project_id);
  if ('funding_partner_id' in out) {
    out.funding_partner = typeof out.funding_partner_id === 'number' ? await partnerNames(db, collectivityId, [out.funding_partner_id]) : null;
  }
  if ('theme_id' in out) out.theme = await themeLogged(db, typeof out.theme_id === 'number' ? out.theme_id : null);
  delete out.theme_id;
  delete out.axis_id;
  delete out.project_id;
  delete out.funding_partner_id;
  return out;
}

/** Partner names of a list of ids, joined per locale: the history shows names, not ids. */
async function partnerNames(db: Db, collectivityId: number, ids: number[]): Promise<LoggedValue> {
  if (ids.length === 0) return null;
  const rows = await db.selectFrom('partner').selectAll().where('collectivity_id', '=', collectivityId).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)!).filter(Boolean);
  return {
    ar: ordered.map((p) => p.name_ar).join('، '),
    fr: ordered.map((p) => p.name_fr ?? p.name_ar).join(', '),
    en: ordered.map((p) => p.name_en ?? p.name_fr ?? p.name_ar).join(', '),
  };
}

const linkTable = { project: 'project_partner', activity: 'activity_partner' } as const;

async function setPartners(db: Db, collectivityId: number, type: 'project' | 'activity', id: number, partnerIds: number[]) {
  const table = linkTable[type];
  const owner = type === 'project' ? 'project_id' : 'activity_id';
  await db.deleteFrom(table).where('collectivity_id', '=', collectivityId).where(owner as 'project_id', '=', id).execute();
  if (partnerIds.length > 0) {
    await db
      .insertInto(table)
      .values(partnerIds.map((partner_id, position) => ({ collectivity_id: collectivityId, [owner]: id, partner_id, position }) as never))
      .execute();
  }
}

/** Every id an input refers to must belong to this collectivity (and programme); numbers are unique. */
async function check<T extends EntityType>(db: Db, collectivityId: number, programmeId: number, type: T, input: Inputs[T], id?: number) {
  const errors: FieldErrors = {};
  const owned = async (table: 'axis' | 'project' | 'partner', value: number, byProgramme = true) => {
    let q = db.selectFrom(table).select('id').where('collectivity_id', '=', collectivityId).where('id', '=', value);
    if (byProgramme && table !== 'partner') q = q.where('programme_id', '=', programmeId);
    return (await q.executeTakeFirst()) !== undefined;
  };
  const values = input as Record<string, unknown>;
  if ('axis_id' in values && !(await owned('axis', values.axis_id as number))) errors.axis_id = { key: 'errors.invalidChoice' };
  if ('project_id' in values && !(await owned('project', values.project_id as number))) errors.project_id = { key: 'errors.invalidChoice' };
  if (typeof values.funding_partner_id === 'number' && !(await owned('partner', values.funding_partner_id)))
    errors.funding_partner_id = { key: 'errors.invalidChoice' };
  for (const p of (values.partners as number[] | undefined) ?? []) {
    if (!(await owned('partner', p))) errors.partners = { key: 'errors.invalidChoice' };
  }
  if (type === 'axis' && typeof values.theme_id === 'number') {
    // a retired theme is no longer offered, but an axis that has it keeps it
    const current = id === undefined ? null : ((await db.selectFrom('axis').select('theme_id').where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst())?.theme_id ?? null);
    if (!(await themeAllowed(db, values.theme_id, current))) errors.theme_id = { key: 'errors.invalidChoice' };
  }
  if ((type === 'axis' || type === 'project') && typeof values.number === 'number') {
    const clash = await dyn(db)
      .selectFrom(type as string)
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', programmeId)
      .where('number', '=', values.number)
      .$if(id !== undefined, (q: any) => q.where('id', '!=', id!))
      .executeTakeFirst();
    if (clash) errors.number = { key: 'errors.numberTaken' };
  }
  if (type === 'activity' && typeof values.number === 'number' && !errors.project_id) {
    const clash = await db
      .selectFrom('activity')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('project_id', '=', values.project_id as number)
      .where('number', '=', values.number)
      .$if(id !== undefined, (q: any) => q.where('id', '!=', id!))
      .executeTakeFirst();
    if (clash) errors.number = { key: 'errors.numberTaken' };
  }
  if (Object.keys(errors).length > 0) rollbackWith(errors);
}

/** The input minus what is not a column of the entity's table (partner links). */
function columns(input: Record<string, unknown>): Record<string, unknown> {
  const { partners: _partners, ...cols } = input;
  return cols;
}

export interface Scope {
  actor: Actor;
  collectivityId: number;
  programme: ProgrammeRow;
  /** why, in staff's words: shown with the change in the public history */
  reason?: string | null;
}

export async function createEntity<T extends EntityType>(db: Db, scope: Scope, type: T, input: Inputs[T]): Promise<CommandResult<number>> {
  const { collectivityId, programme } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    await check(trx, collectivityId, programme.id, type, input);
    const cols = columns(input as Record<string, unknown>);
    if (type === 'indicator') {
      const last = await trx
        .selectFrom('indicator')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('collectivity_id', '=', collectivityId)
        .where('project_id', '=', (input as IndicatorInput).project_id)
        .executeTakeFirst();
      cols.position = Number(last?.p ?? -1) + 1;
    }
    const base = type === 'partner' ? { collectivity_id: collectivityId } : { collectivity_id: collectivityId, programme_id: programme.id };
    const row = await trx
      .insertInto(type)
      .values({ ...base, ...cols } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const partners = (input as { partners?: number[] }).partners;
    if (partners && (type === 'project' || type === 'activity')) await setPartners(trx, collectivityId, type, row.id, partners);
    const after = await dyn(trx).selectFrom(type as string).selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId,
      programmeId: type === 'partner' ? null : programme.id,
      entityType: type,
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, await readable(trx, collectivityId, snapshot(after, partners ? await partnerNames(trx, collectivityId, partners) : undefined))),
      public: isAdopted(programme.status),
      reason: scope.reason,
    });
    return row.id;
  });
}

export async function updateEntity<T extends EntityType>(
  db: Db,
  scope: Scope,
  type: T,
  id: number,
  input: Inputs[T],
): Promise<CommandResult<number> | null> {
  const { collectivityId, programme } = scope;
  const before = (await dyn(db).selectFrom(type as string).selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!before) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    await check(trx, collectivityId, programme.id, type, input, id);
    const beforePartners = type === 'project' || type === 'activity' ? await partnerIdsOf(trx, collectivityId, type, id) : undefined;
    await dyn(trx)
      .updateTable(type as string)
      .set(columns(input as Record<string, unknown>) as never)
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', id)
      .execute();
    const partners = (input as { partners?: number[] }).partners;
    if (partners && (type === 'project' || type === 'activity')) await setPartners(trx, collectivityId, type, id, partners);
    const after = await dyn(trx).selectFrom(type as string).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId,
      programmeId: type === 'partner' ? null : programme.id,
      entityType: type,
      entityId: id,
      action: 'update',
      actor: scope.actor,
      changes: diff(
        await readable(trx, collectivityId, snapshot(before, beforePartners ? await partnerNames(trx, collectivityId, beforePartners) : undefined)),
        await readable(trx, collectivityId, snapshot(after, partners ? await partnerNames(trx, collectivityId, partners) : undefined)),
      ),
      public: isAdopted(programme.status),
      reason: scope.reason,
    });
    return id;
  });
}

export async function deleteEntity(db: Db, scope: Scope, type: EntityType, id: number): Promise<CommandResult<number> | null> {
  const { collectivityId, programme } = scope;
  const before = (await dyn(db).selectFrom(type as string).selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!before) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    if (type === 'partner') {
      // A partner still named on a card or an activity, or funding one, is not deleted silently.
      const uses = await Promise.all([
        trx.selectFrom('project_partner').select('partner_id').where('collectivity_id', '=', collectivityId).where('partner_id', '=', id).executeTakeFirst(),
        trx.selectFrom('activity_partner').select('partner_id').where('collectivity_id', '=', collectivityId).where('partner_id', '=', id).executeTakeFirst(),
        trx.selectFrom('activity').select('id').where('collectivity_id', '=', collectivityId).where('funding_partner_id', '=', id).executeTakeFirst(),
      ]);
      if (uses.some(Boolean)) rollbackWith({ _: { key: 'programme.admin.partnerInUse' } });
    }
    if (type === 'axis' || type === 'project' || type === 'activity') {
      const reason = await blockingDependent(trx, collectivityId, { type, id });
      if (reason) rollbackWith({ _: reason });
    }
    await dyn(trx).deleteFrom(type as string).where('collectivity_id', '=', collectivityId).where('id', '=', id).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: type === 'partner' ? null : programme.id,
      entityType: type,
      entityId: id,
      action: 'delete',
      actor: scope.actor,
      changes: diff(await readable(trx, collectivityId, snapshot(before)), {}),
      public: isAdopted(programme.status),
      reason: scope.reason,
    });
    return id;
  });
}
