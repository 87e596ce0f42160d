// Reads of the tracking module; every function takes the collectivity id.
import { type Expression, type SqlBool, sql } from 'kysely';
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
 *     series:  [{date, value, source?, demo?}] — measurements (demo: invented example data of the
 *                                                built-in demo), or the live series of the bound
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
    const series: { date: string; value: number; source?: string; demo?: true }[] = b
      ? computed.get(bindingKey(b.metric, b.variant))!.map((p) => ({ date: p.date, value: p.value }))
      : measurements
          .filter((m) => m.indicator_id === i.id)
          .map((m) => {
            const source = pickField(m, 'source', locale);
            return { date: m.measured_on, value: Number(m.value), ...(source ? { source: source.text } : {}), ...(m.is_demo === 1 ? { demo: true as const } : {}) };
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

/** Rows per page of the long lists below (the first page is as long as the old cap was). */
export const NOTES_PER_PAGE = 100;
export const MEASUREMENTS_PER_PAGE = 200;

/** One page of a list, and the id of its last row to continue from (null: no more). */
export interface Page<T> {
  items: T[];
  next: number | null;
}

const pageOf = <T extends { id: number }>(rows: T[], limit: number): Page<T> => {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1].id : null };
};

/**
 * Measurements of one indicator (for the back office), newest first, a page at a time: after
 * the measurement `before` (keyset on date then id). undefined when `before` is not one of them.
 */
export async function measurementsOf(db: Db, collectivityId: number, indicatorId: number, before?: number, limit = MEASUREMENTS_PER_PAGE) {
  const scoped = db.selectFrom('indicator_measurement').where('collectivity_id', '=', collectivityId).where('indicator_id', '=', indicatorId);
  const cursor = before === undefined ? null : await scoped.select(['measured_on', 'id']).where('id', '=', before).executeTakeFirst();
  if (cursor === undefined) return undefined;
  const rows = await scoped
    .selectAll()
    .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple('measured_on', 'id'), '<', eb.tuple(cursor!.measured_on, cursor!.id))))
    .orderBy('measured_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit);
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

/**
 * Progress notes of an activity with their files (without the bytes), newest first, a page at a
 * time: after the note `before` (keyset on date then id). undefined when `before` is not one of
 * the activity's notes.
 */
export async function notesOf(db: Db, collectivityId: number, activityId: number, before?: number, limit = NOTES_PER_PAGE) {
  const scoped = db.selectFrom('progress_note').where('collectivity_id', '=', collectivityId).where('activity_id', '=', activityId);
  const cursor = before === undefined ? null : await scoped.select(['noted_on', 'id']).where('id', '=', before).executeTakeFirst();
  if (cursor === undefined) return undefined;
  const page = pageOf(
    await scoped
      .selectAll()
      .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple('noted_on', 'id'), '<', eb.tuple(cursor!.noted_on, cursor!.id))))
      .orderBy('noted_on', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute(),
    limit,
  );
  const notes = page.items;
  const files = notes.length
    ? await db
        .selectFrom('evidence_file')
        .select(['id', 'note_id', 'sha256', 'size', 'mime', 'original_name'])
        .where('collectivity_id', '=', collectivityId)
        .where('note_id', 'in', notes.map((n) => n.id))
        .orderBy('id')
        .execute()
    : [];
  return { items: notes.map((n) => ({ ...n, files: files.filter((f) => f.note_id === n.id) })), next: page.next };
}

/** Of these programmes, those whose progress is the built-in demo's invented example (they have
 *  example notes): one query, on the partial index of the example notes. */
export async function programmesWithDemoProgress(db: Db, programmeIds: number[]): Promise<Set<number>> {
  if (programmeIds.length === 0) return new Set();
  const rows = await db.selectFrom('progress_note').select('programme_id').distinct().where('is_demo', '=', 1).where('programme_id', 'in', programmeIds).execute();
  return new Set(rows.map((r) => r.programme_id));
}

export const hasDemoProgress = async (db: Db, programmeId: number): Promise<boolean> => (await programmesWithDemoProgress(db, [programmeId])).has(programmeId);

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

/**
 * For the network's library of practices: true when the project (a reference to its id) has an
 * indicator with a target and the latest measurement of each such indicator reaches it.
 * Indicators that follow a live metric have no stored measurements and are not met this way.
 */
export const targetsMetSql = (project: Expression<number>) => sql<SqlBool>`(
  exists (select 1 from indicator i where i.project_id = ${project} and i.target is not null)
  and not exists (
    select 1 from indicator i where i.project_id = ${project} and i.target is not null and not exists (
      select 1 from indicator_measurement m where m.indicator_id = i.id and m.value >= i.target
        and not exists (select 1 from indicator_measurement n where n.indicator_id = i.id
          and (n.measured_on > m.measured_on or (n.measured_on = m.measured_on and n.id > m.id))))))`;
