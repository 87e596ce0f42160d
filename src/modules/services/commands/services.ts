// Writes of the digital services module: the network's platforms (network administrator), and a
// collectivity's memberships, services, monthly figures (form and import) and awareness campaigns.
// One transaction each; every id a form names is looked up with the collectivity inside it; one
// audit entry per row written (the network's platform list has no collectivity: its changes move
// every collectivity's pages instead).
import { type Actor, type LoggedValue, diff, loggedColumns, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, isUniqueViolation, now } from '../../../platform/db/database.ts';
import type { CampaignInput, MembershipInput, MonthInput, PlatformInput, ServiceInput } from '../schema.ts';
import '../tables.ts';
import { moveInList } from '../../../platform/reorder.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

const audit = (trx: Db, scope: Scope, entityType: string, entityId: number, action: 'create' | 'update' | 'delete', before: Record<string, LoggedValue>, after: Record<string, LoggedValue>) =>
  recordChange(trx, { collectivityId: scope.collectivityId, programmeId: null, entityType, entityId, action, actor: scope.actor, changes: diff(before, after), public: false });

// ---- the network's platforms ---------------------------------------------------------------

/** Every collectivity's services page names the platforms, and project 3's indicator counts them. */
async function bumpEveryone(trx: Db) {
  await trx.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', 1) })).execute();
}

async function networkWrite<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<CommandResult<T>> {
  // tenantTransaction's collectivity 0 matches no row: bumpEveryone moves them all
  return tenantTransaction(db, 0, async (trx) => {
    const value = await work(trx);
    await bumpEveryone(trx);
    return value;
  });
}

export async function savePlatform(db: Db, id: number | null, input: PlatformInput): Promise<CommandResult<number>> {
  try {
    return await writePlatform(db, id, input);
  } catch (e) {
    // the key is unique: of two saves with the same new key at once, the second is told so here
    if (isUniqueViolation(e)) return invalid({ key: { key: 'services.errors.keyTaken' } });
    throw e;
  }
}

function writePlatform(db: Db, id: number | null, input: PlatformInput): Promise<CommandResult<number>> {
  return networkWrite(db, async (trx) => {
    const taken = await trx.selectFrom('digital_platform').select('id').where('key', '=', input.key).$if(id !== null, (q) => q.where('id', '<>', id!)).executeTakeFirst();
    if (taken) rollbackWith({ key: { key: 'services.errors.keyTaken' } });
    const at = now();
    if (id !== null) {
      const r = await trx.updateTable('digital_platform').set({ ...input, updated_at: at }).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) rollbackWith({ key: { key: 'services.errors.platformGone' } });
      return id;
    }
    const row = await trx.insertInto('digital_platform').values({ ...input, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Retires a platform (kept in the memberships' history, no longer offered) or offers it again. */
export async function setPlatformRetired(db: Db, id: number, retired: boolean): Promise<boolean> {
  const result = await networkWrite(db, async (trx) => {
    const r = await trx.updateTable('digital_platform').set({ retired: retired ? 1 : 0, updated_at: now() }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  });
  return result.ok && result.value;
}

// ---- memberships ---------------------------------------------------------------------------

const membershipPlain = ['joined', 'joined_on'] as const;
const membershipTexts = ['services', 'desk'] as const;

/** Records whether the collectivity joined a platform that is still offered, when, and how. */
export async function saveMembership(db: Db, scope: Scope, platformId: number, input: MembershipInput): Promise<CommandResult<void>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const platform = await trx.selectFrom('digital_platform').select(['id', 'retired']).where('id', '=', platformId).executeTakeFirst();
    if (!platform || platform.retired === 1) rollbackWith({ joined: { key: 'services.errors.platformRetired' } });
    const before = await trx.selectFrom('platform_membership').selectAll().where('collectivity_id', '=', scope.collectivityId).where('platform_id', '=', platformId).executeTakeFirst();
    const values = {
      joined: input.joined ? 1 : 0,
      // a date only for a platform joined
      joined_on: input.joined ? input.joined_on : null,
      services_ar: input.services_ar,
      services_fr: input.services_fr,
      services_en: input.services_en,
      desk_ar: input.desk_ar,
      desk_fr: input.desk_fr,
      desk_en: input.desk_en,
    };
    const at = now();
    // an upsert on the primary key: two first saves at once do not both insert
    await trx
      .insertInto('platform_membership')
      .values({ collectivity_id: scope.collectivityId, platform_id: platformId, ...values, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['collectivity_id', 'platform_id']).doUpdateSet({ ...values, is_example: 0, updated_at: at }))
      .execute();
    await audit(trx, scope, 'platform_membership', platformId, before ? 'update' : 'create', before ? loggedColumns(before, membershipPlain, membershipTexts) : {}, loggedColumns(values, membershipPlain, membershipTexts));
  });
}

// ---- services ------------------------------------------------------------------------------

const servicePlain = ['platform_id', 'online_url', 'legal_days', 'position'] as const;
const serviceTexts = ['name', 'how_to_apply', 'documents_needed', 'desk'] as const;

/** A collectivity's services stay a short list that citizens scan on a phone. */
export const MAX_SERVICES = 100;

export async function saveService(db: Db, scope: Scope, id: number | null, input: ServiceInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const services = trx.selectFrom('public_service').where('collectivity_id', '=', scope.collectivityId);
    const before = id === null ? undefined : await services.selectAll().where('id', '=', id).executeTakeFirst();
    if (id !== null && !before) rollbackWith({ name_ar: { key: 'services.errors.serviceGone' } });
    if (input.platform_id !== null) {
      const platform = await trx.selectFrom('digital_platform').select('retired').where('id', '=', input.platform_id).executeTakeFirst();
      if (!platform || platform.retired === 1) rollbackWith({ platform_id: { key: 'services.errors.platformRetired' } });
    }
    const at = now();
    if (before) {
      await trx.updateTable('public_service').set({ ...input, is_example: 0, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', before.id).execute();
      await audit(trx, scope, 'public_service', before.id, 'update', loggedColumns(before, servicePlain, serviceTexts), loggedColumns({ ...input, position: before.position }, servicePlain, serviceTexts));
      return before.id;
    }
    const last = await services.select((eb) => [eb.fn.max('position').as('p'), eb.fn.countAll<number | string>().as('n')]).executeTakeFirstOrThrow();
    if (Number(last.n) >= MAX_SERVICES) rollbackWith({ name_ar: { key: 'services.errors.tooMany', values: { max: MAX_SERVICES } } });
    const position = Number(last.p ?? 0) + 1;
    const row = await trx.insertInto('public_service').values({ collectivity_id: scope.collectivityId, ...input, position, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, scope, 'public_service', row.id, 'create', {}, loggedColumns({ ...input, position }, servicePlain, serviceTexts));
    return row.id;
    // the next position is read then written: two services added at once must not share it
  }, { serialize: true });
}

/** Removes a service with its monthly figures; false when the collectivity has no such service. */
export async function deleteService(db: Db, scope: Scope, id: number): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('public_service').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('service_month').where('collectivity_id', '=', scope.collectivityId).where('service_id', '=', id).execute();
    await trx.deleteFrom('public_service').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'public_service', id, 'delete', loggedColumns(before, servicePlain, serviceTexts), {});
    return true;
  });
  return result.ok && result.value;
}

/** Moves a service one place up or down (positions renumbered 1…n). */
export async function moveService(db: Db, scope: Scope, id: number, direction: 'up' | 'down'): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const rows = await trx.selectFrom('public_service').select(['id', 'position']).where('collectivity_id', '=', scope.collectivityId).orderBy('position').orderBy('id').execute();
    const moved = moveInList(rows, id, direction);
    if (!moved) return false;
    if (moved.changes.length === 0) return true;
    for (const c of moved.changes) {
      await trx.updateTable('public_service').set({ position: c.position }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', c.id).execute();
    }
    await recordChange(trx, { collectivityId: scope.collectivityId, programmeId: null, entityType: 'public_service', entityId: id, action: 'update', actor: scope.actor, changes: [{ field: 'position', before: moved.from, after: moved.to }], public: false });
    return true;
  }, { serialize: true });
  return result.ok && result.value;
}

// ---- monthly figures -----------------------------------------------------------------------

/** Writes one service's month (a month entered again replaces it: unique service + month). */
async function upsertMonth(trx: Db, scope: Scope, serviceId: number, input: MonthInput) {
  const before = await trx.selectFrom('service_month').selectAll().where('collectivity_id', '=', scope.collectivityId).where('service_id', '=', serviceId).where('month', '=', input.month).executeTakeFirst();
  const at = now();
  const values = { received: input.received, online: input.online, paper: input.paper, median_days: input.median_days };
  const row = await trx
    .insertInto('service_month')
    .values({ collectivity_id: scope.collectivityId, service_id: serviceId, month: input.month, ...values, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['service_id', 'month']).doUpdateSet({ ...values, is_example: 0, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const plain = ['month', 'received', 'online', 'paper', 'median_days'] as const;
  await audit(trx, scope, 'service_month', row.id, before ? 'update' : 'create', before ? loggedColumns(before, plain, []) : {}, loggedColumns({ ...values, month: input.month }, plain, []));
}

export async function saveMonth(db: Db, scope: Scope, serviceId: number, input: MonthInput): Promise<CommandResult<void>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const service = await trx.selectFrom('public_service').select('id').where('collectivity_id', '=', scope.collectivityId).where('id', '=', serviceId).executeTakeFirst();
    if (!service) rollbackWith({ month: { key: 'services.errors.serviceGone' } });
    await upsertMonth(trx, scope, serviceId, input);
  });
}

/** An import's checked rows, all or nothing; the services named are checked again inside. */
export async function importMonths(db: Db, scope: Scope, rows: { serviceId: number; input: MonthInput }[]): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const ids = [...new Set(rows.map((r) => r.serviceId))];
    const found = ids.length === 0 ? [] : await trx.selectFrom('public_service').select('id').where('collectivity_id', '=', scope.collectivityId).where('id', 'in', ids).execute();
    if (found.length !== ids.length) rollbackWith({ file: { key: 'services.errors.serviceGone' } });
    for (const r of rows) await upsertMonth(trx, scope, r.serviceId, r.input);
    return rows.length;
  });
}

export async function deleteMonth(db: Db, scope: Scope, serviceId: number, month: string): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('service_month').selectAll().where('collectivity_id', '=', scope.collectivityId).where('service_id', '=', serviceId).where('month', '=', month).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('service_month').where('collectivity_id', '=', scope.collectivityId).where('id', '=', before.id).execute();
    await audit(trx, scope, 'service_month', before.id, 'delete', loggedColumns(before, ['month', 'received', 'online', 'paper', 'median_days'], []), {});
    return true;
  });
  return result.ok && result.value;
}

// ---- awareness campaigns -------------------------------------------------------------------

const campaignPlain = ['held_on', 'channel', 'reached', 'women', 'materials_url'] as const;
const campaignTexts = ['title', 'description'] as const;

export async function saveCampaign(db: Db, scope: Scope, id: number | null, input: CampaignInput): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const at = now();
    if (id !== null) {
      const before = await trx.selectFrom('awareness_campaign').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
      if (!before) rollbackWith({ title_ar: { key: 'services.errors.campaignGone' } });
      await trx.updateTable('awareness_campaign').set({ ...input, is_example: 0, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
      await audit(trx, scope, 'awareness_campaign', id, 'update', loggedColumns(before!, campaignPlain, campaignTexts), loggedColumns(input, campaignPlain, campaignTexts));
      return id;
    }
    const row = await trx.insertInto('awareness_campaign').values({ collectivity_id: scope.collectivityId, ...input, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, scope, 'awareness_campaign', row.id, 'create', {}, loggedColumns(input, campaignPlain, campaignTexts));
    return row.id;
  });
}

export async function deleteCampaign(db: Db, scope: Scope, id: number): Promise<boolean> {
  const result = await tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await trx.selectFrom('awareness_campaign').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('awareness_campaign').where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
    await audit(trx, scope, 'awareness_campaign', id, 'delete', loggedColumns(before, campaignPlain, campaignTexts), {});
    return true;
  });
  return result.ok && result.value;
}
