// Reads of the tracking module; every function takes the collectivity id.
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { pickField } from '../../platform/tenancy.ts';
import { bindingKey, metricSeries } from './metrics.ts';
import './tables.ts';

type L10n = { ar: string; fr?: string; en?: string };
const l10n = (row: object, field: string): L10n | null => {
  const r = row as Record<string, string | null>;
  const ar = r[`${field}_ar`] ?? r[`${field}_fr`] ?? r[`${field}_en`];
  if (!ar) return null;
  return { ar, ...(r[`${field}_fr`] ? { fr: r[`${field}_fr`]! } : {}), ...(r[`${field}_en`] ? { en: r[`${field}_en`]! } : {}) };
};

/**
 * The indicators of a programme with their values, for pages, the API, the dashboard and the
 * yearly report. One item per indicator, in project then position order:
 *
 *   { id, projectId, kind: 'monitoring' | 'impact',
 *     statement: {ar, fr?, en?}, unit: {ar, fr?, en?} | null, baseline: number | null,
 *     targets: [{date: 'YYYY-MM-DD', value}]   — dated targets, oldest first (when none is dated,
 *                                                the card's target, dated at the programme's end),
 *     series:  [{date, value, source?}]        — measurements, or the live series of the bound
 *                                                metric (computed now, never stored), oldest first,
 *     latest:  {date, value} | null,           — the last point of the series
 *     metric:  'cocreation.proposals' | 'cocreation.proposalsByAxis:2' | null }
 *
 * `source` is the measurement's source in `locale` (or another language when missing).
 */
export async function indicatorValues(db: Db, collectivityId: number, programmeId: number, locale: Locale = 'ar') {
  const [programme, indicators, targets, measurements, bindings] = await Promise.all([
    db.selectFrom('programme').select('end_year').where('collectivity_id', '=', collectivityId).where('id', '=', programmeId).executeTakeFirst(),
    db
      .selectFrom('indicator as i')
      .innerJoin('project as p', 'p.id', 'i.project_id')
      .selectAll('i')
      .where('i.collectivity_id', '=', collectivityId)
      .where('i.programme_id', '=', programmeId)
      .orderBy('p.number')
      .orderBy('i.position')
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('indicator_target as t')
      .innerJoin('indicator as i', 'i.id', 't.indicator_id')
      .select(['t.indicator_id', 't.target_on', 't.value'])
      .where('t.collectivity_id', '=', collectivityId)
      .where('i.programme_id', '=', programmeId)
      .orderBy('t.target_on')
      .execute(),
    db
      .selectFrom('indicator_measurement as m')
      .innerJoin('indicator as i', 'i.id', 'm.indicator_id')
      .selectAll('m')
      .where('m.collectivity_id', '=', collectivityId)
      .where('i.programme_id', '=', programmeId)
      .orderBy('m.measured_on')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('indicator_metric as b')
      .innerJoin('indicator as i', 'i.id', 'b.indicator_id')
      .select(['b.indicator_id', 'b.metric', 'b.variant'])
      .where('b.collectivity_id', '=', collectivityId)
      .where('i.programme_id', '=', programmeId)
      .execute(),
  ]);
  if (!programme) return [];
  const scope = { collectivityId, programmeId };
  const bound = new Map(bindings.map((b) => [b.indicator_id, b]));
  const computed = new Map<string, Awaited<ReturnType<typeof metricSeries>>>();
  for (const b of bindings) {
    const key = bindingKey(b.metric, b.variant);
    if (!computed.has(key)) computed.set(key, await metricSeries(db, scope, b.metric, b.variant));
  }
  return indicators.map((i) => {
    const b = bound.get(i.id);
    const dated = targets.filter((t) => t.indicator_id === i.id).map((t) => ({ date: t.target_on, value: Number(t.value) }));
    const series: { date: string; value: number; source?: string }[] = b
      ? computed.get(bindingKey(b.metric, b.variant))!.map((p) => ({ date: p.date, value: p.value }))
      : measurements
          .filter((m) => m.indicator_id === i.id)
          .map((m) => {
            const source = pickField(m, 'source', locale);
            return { date: m.measured_on, value: Number(m.value), ...(source ? { source: source.text } : {}) };
          });
    const last = series.at(-1);
    return {
      id: i.id,
      projectId: i.project_id,
      kind: i.kind as 'monitoring' | 'impact',
      statement: l10n(i, 'statement')!,
      unit: l10n(i, 'unit'),
      baseline: i.baseline === null ? null : Number(i.baseline),
      targets: dated.length > 0 || i.target === null ? dated : [{ date: `${programme.end_year}-12-31`, value: Number(i.target) }],
      series,
      latest: last ? { date: last.date, value: last.value } : null,
      metric: b ? bindingKey(b.metric, b.variant) : null,
    };
  });
}

export type IndicatorValues = Awaited<ReturnType<typeof indicatorValues>>[number];

/** Measurements of one indicator (for the back office), newest first. */
export function measurementsOf(db: Db, collectivityId: number, indicatorId: number) {
  return db
    .selectFrom('indicator_measurement')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('indicator_id', '=', indicatorId)
    .orderBy('measured_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export function targetsOf(db: Db, collectivityId: number, indicatorId: number) {
  return db
    .selectFrom('indicator_target')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('indicator_id', '=', indicatorId)
    .orderBy('target_on')
    .execute();
}

export function bindingOf(db: Db, collectivityId: number, indicatorId: number) {
  return db.selectFrom('indicator_metric').selectAll().where('collectivity_id', '=', collectivityId).where('indicator_id', '=', indicatorId).executeTakeFirst();
}

/** Progress notes of an activity with their files (without the bytes), newest first. */
export async function notesOf(db: Db, collectivityId: number, activityId: number, limit = 100) {
  const notes = await db
    .selectFrom('progress_note')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('activity_id', '=', activityId)
    .orderBy('noted_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const files = notes.length
    ? await db
        .selectFrom('evidence_file')
        .select(['id', 'note_id', 'sha256', 'size', 'mime', 'original_name'])
        .where('collectivity_id', '=', collectivityId)
        .where('note_id', 'in', notes.map((n) => n.id))
        .orderBy('id')
        .execute()
    : [];
  return notes.map((n) => ({ ...n, files: files.filter((f) => f.note_id === n.id) }));
}

/** A stored file by its content hash, with its bytes. */
export function evidenceFile(db: Db, collectivityId: number, sha256: string) {
  return db
    .selectFrom('evidence_file')
    .select(['sha256', 'size', 'mime', 'original_name', 'content'])
    .where('collectivity_id', '=', collectivityId)
    .where('sha256', '=', sha256)
    .orderBy('id')
    .executeTakeFirst();
}
