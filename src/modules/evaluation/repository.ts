// Reads of the evaluation reports. Every function takes the collectivity id and filters by it.
import type { Db } from '../../platform/db/database.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import type { L10n, ReportContent } from './model.ts';
import type { ReportRow } from './tables.ts';
import './tables.ts';

export async function findDraft(db: Db, collectivityId: number, programmeId: number, year: number): Promise<ReportRow | undefined> {
  return db
    .selectFrom('evaluation_report')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programmeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function listDrafts(db: Db, collectivityId: number, programmeId: number) {
  return db
    .selectFrom('evaluation_report as r')
    .leftJoin('evaluation_version as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.collectivity_id', '=', 'r.collectivity_id'))
    .select((eb) => ['r.id', 'r.year', 'r.updated_at', eb.fn.max('v.version').as('latest'), eb.fn.max('v.published_at').as('published_at')])
    .where('r.collectivity_id', '=', collectivityId)
    .where('r.programme_id', '=', programmeId)
    .groupBy(['r.id', 'r.year', 'r.updated_at'])
    .orderBy('r.year', 'desc')
    .execute();
}

/** Reasons staff gave for late activities in a draft, by activity id. */
export async function lateReasons(db: Db, collectivityId: number, reportId: number): Promise<Map<number, L10n>> {
  const rows = await db
    .selectFrom('evaluation_late_reason')
    .select(['activity_id', 'reason_ar', 'reason_fr', 'reason_en'])
    .where('collectivity_id', '=', collectivityId)
    .where('report_id', '=', reportId)
    .execute();
  return new Map(rows.map((r) => [r.activity_id, { ar: r.reason_ar, fr: r.reason_fr, en: r.reason_en }]));
}

export interface PublishedVersion {
  version: number;
  publishedAt: string;
}

/** The published versions of a year's report, newest first: of the programme `programmeId`'s
 *  report when given, else of the later programme's (should two programmes cover the year). */
export async function versionsOf(db: Db, collectivityId: number, year: number, programmeId?: number): Promise<PublishedVersion[]> {
  const rows = await db
    .selectFrom('evaluation_version as v')
    .innerJoin('evaluation_report as r', (j) => j.onRef('r.id', '=', 'v.report_id').onRef('r.collectivity_id', '=', 'v.collectivity_id'))
    .select(['v.version', 'v.published_at', 'v.report_id'])
    .where('v.collectivity_id', '=', collectivityId)
    .where('v.year', '=', year)
    .$if(programmeId !== undefined, (q) => q.where('r.programme_id', '=', programmeId!))
    .orderBy('v.report_id', 'desc')
    .orderBy('v.version', 'desc')
    .limit(200)
    .execute();
  // should two programmes ever cover the same year, the later programme's report is the one shown
  const reportId = rows[0]?.report_id;
  return rows.filter((r) => r.report_id === reportId).map((r) => ({ version: r.version, publishedAt: r.published_at }));
}

/** A published version of a year's report (the programme's, or the later programme's), with
 *  the programme it reports on. */
export async function publishedVersion(
  db: Db,
  collectivityId: number,
  year: number,
  version: number,
  programmeId?: number,
): Promise<{ content: ReportContent; publishedAt: string; programmeId: number } | undefined> {
  const row = await db
    .selectFrom('evaluation_version as v')
    .innerJoin('evaluation_report as r', (j) => j.onRef('r.id', '=', 'v.report_id').onRef('r.collectivity_id', '=', 'v.collectivity_id'))
    .select(['v.content', 'v.published_at', 'r.programme_id'])
    .where('v.collectivity_id', '=', collectivityId)
    .where('v.year', '=', year)
    .where('v.version', '=', version)
    .$if(programmeId !== undefined, (q) => q.where('r.programme_id', '=', programmeId!))
    .orderBy('v.report_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { content: JSON.parse(row.content) as ReportContent, publishedAt: row.published_at, programmeId: row.programme_id } : undefined;
}

export interface PublishedReport {
  year: number;
  version: number;
  publishedAt: string;
}

/** The collectivity's published reports, one per year (its latest version), newest year first;
 *  only those of the programme `programmeId` when given. */
export async function publishedReports(db: Db, collectivityId: number, limit = 20, programmeId?: number): Promise<PublishedReport[]> {
  const rows = await db
    .selectFrom('evaluation_version as v')
    .innerJoin('evaluation_report as r', (j) => j.onRef('r.id', '=', 'v.report_id').onRef('r.collectivity_id', '=', 'v.collectivity_id'))
    .select((eb) => ['v.year', eb.fn.max('v.version').as('version'), eb.fn.max('v.published_at').as('published_at')])
    .where('v.collectivity_id', '=', collectivityId)
    .$if(programmeId !== undefined, (q) => q.where('r.programme_id', '=', programmeId!))
    .groupBy('v.year')
    .orderBy('v.year', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ year: r.year, version: Number(r.version), publishedAt: String(r.published_at) }));
}

/** Each activity's status and progress on `day` (Casablanca), when they changed after it: the
 *  change log's updates after that day, undone newest first. A report counts everything as of
 *  one date, and a year's report read later must not count the work done since. */
export async function activityStatesOn(db: Db, collectivityId: number, programmeId: number, day: string): Promise<Map<number, { status?: string; progress?: number }>> {
  // `at` is an instant: a UTC day before `day` is the widest Casablanca can be off; then exact
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('change_log')
    .select(['entity_id', 'at', 'changes'])
    .where('collectivity_id', '=', collectivityId)
    .where('entity_type', '=', 'activity')
    .where('programme_id', '=', programmeId)
    .where('action', '=', 'update')
    .where('at', '>=', from)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const states = new Map<number, { status?: string; progress?: number }>();
  for (const r of rows) {
    if (isoToCasablanca(r.at).slice(0, 10) <= day) continue;
    const state = states.get(r.entity_id) ?? {};
    for (const c of JSON.parse(r.changes) as { field: string; before: unknown }[]) {
      if (c.field === 'status' && typeof c.before === 'string') state.status = c.before;
      if (c.field === 'progress' && c.before !== null) state.progress = Number(c.before);
    }
    states.set(r.entity_id, state);
  }
  return states;
}
