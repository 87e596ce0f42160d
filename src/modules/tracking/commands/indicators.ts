// Writes on an indicator's values: dated targets, measurements, and its binding to a live metric.
// Each is one transaction: the indicator must belong to the collectivity's programme; audited.
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import type { Kysely } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { isAdopted } from '../../programme/progress.ts';
import { metricChoices, parseBinding } from '../metrics.ts';
import type { MeasurementInput, TargetInput } from '../schema.ts';
import type { Scope } from './progress-note.ts';
import '../tables.ts';

async function indicatorOf(db: Db, scope: Scope, indicatorId: number) {
  return db
    .selectFrom('indicator')
    .select(['id', 'statement_ar', 'statement_fr', 'statement_en'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('programme_id', '=', scope.programme.id)
    .where('id', '=', indicatorId)
    .executeTakeFirst();
}

type Entity = 'indicator_target' | 'indicator_measurement' | 'indicator_metric';

/** Runs a write on one indicator of the programme; null when the indicator is not one of them. */
async function onIndicator<T>(
  db: Db,
  scope: Scope,
  indicatorId: number,
  entity: Entity,
  work: (trx: Db) => Promise<{ id: number; action: 'create' | 'update' | 'delete'; before: Record<string, any>; after: Record<string, any>; value: T }>,
): Promise<CommandResult<T> | null> {
  const indicator = await indicatorOf(db, scope, indicatorId);
  if (!indicator) return null;
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const r = await work(trx);
    const named = { indicator: { ar: indicator.statement_ar, fr: indicator.statement_fr, en: indicator.statement_en } };
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: scope.programme.id,
      entityType: entity,
      entityId: r.id,
      action: r.action,
      actor: scope.actor,
      // the indicator is named on the side where the item exists (diff drops equal fields)
      changes: r.action === 'update'
        ? [{ field: 'indicator', before: named.indicator, after: named.indicator }, ...diff(r.before, r.after)]
        : diff(r.action === 'delete' ? { ...named, ...r.before } : {}, r.action === 'create' ? { ...named, ...r.after } : {}),
      public: isAdopted(scope.programme.status),
    });
    return r.value;
  });
}

export function addMeasurement(db: Db, scope: Scope, indicatorId: number, input: MeasurementInput) {
  return onIndicator(db, scope, indicatorId, 'indicator_measurement', async (trx) => {
    const bound = await trx.selectFrom('indicator_metric').select('metric').where('collectivity_id', '=', scope.collectivityId).where('indicator_id', '=', indicatorId).executeTakeFirst();
    // a bound indicator follows its metric: a typed-in value would be hidden by it
    if (bound) rollbackWith({ value: { key: 'tracking.errors.boundIndicator' } });
    const row = await trx
      .insertInto('indicator_measurement')
      .values({ collectivity_id: scope.collectivityId, indicator_id: indicatorId, ...input })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = { measured_on: input.measured_on, value: input.value, source: { ar: input.source_ar, fr: input.source_fr, en: input.source_en }, note: { ar: input.note_ar, fr: input.note_fr, en: input.note_en } };
    return { id: row.id, action: 'create' as const, before: {}, after, value: row.id };
  });
}

/** Deletes one dated value (a measurement or a target) of the indicator. */
function deleteDated(table: 'indicator_measurement' | 'indicator_target', dateColumn: 'measured_on' | 'target_on', unknownKey: string) {
  return (db: Db, scope: Scope, indicatorId: number, id: number) =>
    onIndicator(db, scope, indicatorId, table, async (trx) => {
      const row = await (trx as Kysely<any>)
        .selectFrom(table)
        .select([dateColumn, 'value'])
        .where('collectivity_id', '=', scope.collectivityId)
        .where('indicator_id', '=', indicatorId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) rollbackWith({ _: { key: unknownKey } });
      await trx.deleteFrom(table).where('collectivity_id', '=', scope.collectivityId).where('id', '=', id).execute();
      return { id, action: 'delete' as const, before: { [dateColumn]: row![dateColumn], value: Number(row!.value) }, after: {}, value: id };
    });
}

export const deleteMeasurement = deleteDated('indicator_measurement', 'measured_on', 'tracking.errors.unknownMeasurement');
export const deleteTarget = deleteDated('indicator_target', 'target_on', 'tracking.errors.unknownTarget');

/** Sets the target of a date (replacing the one already set for that date). */
export function setTarget(db: Db, scope: Scope, indicatorId: number, input: TargetInput) {
  return onIndicator(db, scope, indicatorId, 'indicator_target', async (trx) => {
    const existing = await trx
      .selectFrom('indicator_target')
      .selectAll()
      .where('collectivity_id', '=', scope.collectivityId)
      .where('indicator_id', '=', indicatorId)
      .where('target_on', '=', input.target_on)
      .executeTakeFirst();
    if (existing) {
      await trx.updateTable('indicator_target').set({ value: input.target_value }).where('id', '=', existing.id).execute();
      return { id: existing.id, action: 'update' as const, before: { target_on: input.target_on, value: Number(existing.value) }, after: { target_on: input.target_on, value: input.target_value }, value: existing.id };
    }
    const row = await trx
      .insertInto('indicator_target')
      .values({ collectivity_id: scope.collectivityId, indicator_id: indicatorId, target_on: input.target_on, value: input.target_value })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, action: 'create' as const, before: {}, after: { target_on: input.target_on, value: input.target_value }, value: row.id };
  });
}

/** Binds the indicator to a metric of this programme (a key from metricChoices), or unbinds it (''). */
export function bindMetric(db: Db, scope: Scope, indicatorId: number, key: string) {
  return onIndicator(db, scope, indicatorId, 'indicator_metric', async (trx) => {
    const before = await trx.selectFrom('indicator_metric').selectAll().where('collectivity_id', '=', scope.collectivityId).where('indicator_id', '=', indicatorId).executeTakeFirst();
    const was = before ? (before.variant === null ? before.metric : `${before.metric}:${before.variant}`) : null;
    if (key !== '') {
      const choices = await metricChoices(trx, { collectivityId: scope.collectivityId, programmeId: scope.programme.id });
      if (!choices.some((c) => c.key === key)) rollbackWith({ metric: { key: 'errors.invalidChoice' } });
    }
    await trx.deleteFrom('indicator_metric').where('collectivity_id', '=', scope.collectivityId).where('indicator_id', '=', indicatorId).execute();
    if (key !== '') {
      const { metric, variant } = parseBinding(key);
      await trx.insertInto('indicator_metric').values({ collectivity_id: scope.collectivityId, indicator_id: indicatorId, metric, variant }).execute();
    }
    return { id: indicatorId, action: 'update' as const, before: { metric: was }, after: { metric: key || null }, value: indicatorId };
  });
}
