// Reads of the programme model. Every function takes the collectivity id and filters by it.
import type { Db } from '../../platform/db/database.ts';
import type {
  ActivityRow,
  AxisRow,
  IndicatorRow,
  PartnerRow,
  ProgrammeRow,
  ProjectRow,
} from '../../platform/db/schema.ts';
import { isPublic, publicStatuses } from './progress.ts';
import { programmesWithExampleProgress } from './origins.ts';

export interface ProgrammeTree {
  programme: ProgrammeRow;
  axes: AxisRow[];
  projects: ProjectRow[];
  activities: ActivityRow[];
  indicators: IndicatorRow[];
  partners: Map<number, PartnerRow>;
  projectPartners: Map<number, number[]>;
  activityPartners: Map<number, number[]>;
}

/** The collectivity's current programme: the one row with `is_current = 1` (a unique partial
 *  index keeps it to one). /programme, the API and the other modules' pages follow it. */
export async function currentProgramme(db: Db, collectivityId: number): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('is_current', '=', 1)
    .executeTakeFirst();
}

/** A programme of the collectivity by id, whatever its status (back office). */
export async function findProgramme(db: Db, collectivityId: number, id: number): Promise<ProgrammeRow | undefined> {
  return db.selectFrom('programme').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

/** The public programme of a period ("2024-2025" in URLs); the newest when two share it. */
export async function publicProgrammeOfPeriod(db: Db, collectivityId: number, startYear: number, endYear: number): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('start_year', '=', startYear)
    .where('end_year', '=', endYear)
    .where('status', 'in', [...publicStatuses])
    .orderBy('is_current', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The public pages of every public programme, for the sitemap: the matrix, its history, its
 *  projects and activities; the current one's at /programme, the others' under /programmes/{period}. */
export async function programmePages(db: Db, place: { id: number; slug: string }, limit: number): Promise<string[]> {
  const pages: string[] = [];
  for (const programme of await listProgrammes(db, place.id)) {
    const room = limit - pages.length;
    if (room <= 0) break;
    const base = `/c/${place.slug}${Number(programme.is_current) === 1 ? '/programme' : `/programmes/${programme.start_year}-${programme.end_year}`}`;
    const [projects, activities] = await Promise.all([
      db.selectFrom('project').select('number').where('collectivity_id', '=', place.id).where('programme_id', '=', programme.id).orderBy('number').limit(room).execute(),
      db.selectFrom('activity').select('id').where('collectivity_id', '=', place.id).where('programme_id', '=', programme.id).orderBy('id').limit(room).execute(),
    ]);
    pages.push(...[base, `${base}/history`, ...projects.map((p) => `${base}/projects/${p.number}`), ...activities.map((a) => `${base}/activities/${a.id}`)].slice(0, room));
  }
  return pages;
}

/** Every programme of the collectivity, newest period first; only the public ones unless `all`.
 *  A collectivity has one every two years: a page of 100 covers two centuries. */
export async function listProgrammes(db: Db, collectivityId: number, options: { all?: boolean } = {}): Promise<ProgrammeRow[]> {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .$if(!options.all, (q) => q.where('status', 'in', [...publicStatuses]))
    .orderBy('start_year', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

/** The public programme holding an activity (old /programme/activities/{id} links), with the
 *  activity's project number. */
export async function programmeOfActivity(db: Db, collectivityId: number, activityId: number) {
  return db
    .selectFrom('activity as a')
    .innerJoin('programme as p', 'p.id', 'a.programme_id')
    .select(['p.id', 'p.start_year', 'p.end_year', 'p.is_current', 'p.status'])
    .where('a.collectivity_id', '=', collectivityId)
    .where('a.id', '=', activityId)
    .where('p.status', 'in', [...publicStatuses])
    .executeTakeFirst();
}

/** The newest public programme, other than the current one, that has a project with this number. */
export async function earlierProgrammeWithProject(db: Db, collectivityId: number, projectNumber: number) {
  return db
    .selectFrom('project as x')
    .innerJoin('programme as p', 'p.id', 'x.programme_id')
    .select(['p.start_year', 'p.end_year'])
    .where('x.collectivity_id', '=', collectivityId)
    .where('x.number', '=', projectNumber)
    .where('p.is_current', '=', 0)
    .where('p.status', 'in', [...publicStatuses])
    .orderBy('p.start_year', 'desc')
    .orderBy('p.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Carry-over links of some activities, both ways: where each came from, where each went. */
export async function carryLinks(db: Db, collectivityId: number, activityIds: number[]) {
  if (activityIds.length === 0) return { from: [], to: [] };
  const link = (side: 'from' | 'to') =>
    db
      .selectFrom('activity as a')
      .innerJoin('activity as o', side === 'from' ? 'o.id' : 'o.carried_from_id', side === 'from' ? 'a.carried_from_id' : 'a.id')
      .innerJoin('programme as p', 'p.id', 'o.programme_id')
      .select(['a.id as activityId', 'o.id as otherId', 'p.start_year', 'p.end_year', 'p.status'])
      .where('a.collectivity_id', '=', collectivityId)
      .where('o.collectivity_id', '=', collectivityId)
      .where('a.id', 'in', activityIds)
      .execute();
  const [from, to] = await Promise.all([link('from'), link('to')]);
  return { from, to };
}

function groupLinks(rows: { owner: number; partner_id: number }[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const r of rows) {
    const list = map.get(r.owner);
    if (list) list.push(r.partner_id);
    else map.set(r.owner, [r.partner_id]);
  }
  return map;
}

export async function loadProgrammeTree(db: Db, collectivityId: number, programme: ProgrammeRow): Promise<ProgrammeTree> {
  const scope = { c: collectivityId, p: programme.id };
  const [axes, projects, activities, indicators, partners, projectPartners, activityPartners] = await Promise.all([
    db.selectFrom('axis').selectAll().where('collectivity_id', '=', scope.c).where('programme_id', '=', scope.p).orderBy('number').execute(),
    db.selectFrom('project').selectAll().where('collectivity_id', '=', scope.c).where('programme_id', '=', scope.p).orderBy('number').execute(),
    db
      .selectFrom('activity')
      .selectAll()
      .where('collectivity_id', '=', scope.c)
      .where('programme_id', '=', scope.p)
      .orderBy('project_id')
      .orderBy('number')
      .execute(),
    db
      .selectFrom('indicator')
      .selectAll()
      .where('collectivity_id', '=', scope.c)
      .where('programme_id', '=', scope.p)
      .orderBy('project_id')
      .orderBy('position')
      .execute(),
    db.selectFrom('partner').selectAll().where('collectivity_id', '=', scope.c).execute(),
    db
      .selectFrom('project_partner as l')
      .innerJoin('project as p', 'p.id', 'l.project_id')
      .select(['l.project_id as owner', 'l.partner_id'])
      .where('l.collectivity_id', '=', scope.c)
      .where('p.programme_id', '=', scope.p)
      .orderBy('l.project_id')
      .orderBy('l.position')
      .execute(),
    db
      .selectFrom('activity_partner as l')
      .innerJoin('activity as a', 'a.id', 'l.activity_id')
      .select(['l.activity_id as owner', 'l.partner_id'])
      .where('l.collectivity_id', '=', scope.c)
      .where('a.programme_id', '=', scope.p)
      .orderBy('l.activity_id')
      .orderBy('l.position')
      .execute(),
  ]);
  return {
    programme,
    axes,
    projects,
    activities,
    indicators,
    partners: new Map(partners.map((p) => [p.id, p])),
    projectPartners: groupLinks(projectPartners),
    activityPartners: groupLinks(activityPartners),
  };
}

export async function listPartners(db: Db, collectivityId: number): Promise<PartnerRow[]> {
  return db.selectFrom('partner').selectAll().where('collectivity_id', '=', collectivityId).orderBy('name_ar').execute();
}

export async function partnerIdsOf(db: Db, collectivityId: number, owner: 'project' | 'activity', id: number): Promise<number[]> {
  const rows =
    owner === 'project'
      ? await db.selectFrom('project_partner').select('partner_id').where('collectivity_id', '=', collectivityId).where('project_id', '=', id).orderBy('position').execute()
      : await db.selectFrom('activity_partner').select('partner_id').where('collectivity_id', '=', collectivityId).where('activity_id', '=', id).orderBy('position').execute();
  return rows.map((r) => r.partner_id);
}

export interface ProgrammeSummary {
  collectivityId: number;
  programmeId: number;
  title: { ar: string; fr: string | null; en: string | null };
  startYear: number;
  endYear: number;
  status: string;
  activities: number;
  /** weighted mean progress, computed in SQL over the activities (cancelled excluded) */
  progress: number | null;
  /** the progress comes from the demo's invented example notes */
  exampleProgress: boolean;
}

/** The current programme of each given collectivity with its progress: one query, bounded by the
 *  ids (one row per collectivity: at most one programme is current, a unique partial index). */
export async function programmeSummaries(db: Db, collectivityIds: number[]): Promise<Map<number, ProgrammeSummary>> {
  if (collectivityIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('programme as p')
    .leftJoin('activity as a', (j) => j.onRef('a.programme_id', '=', 'p.id').onRef('a.collectivity_id', '=', 'p.collectivity_id'))
    .select((eb) => [
      'p.id',
      'p.collectivity_id',
      'p.title_ar',
      'p.title_fr',
      'p.title_en',
      'p.start_year',
      'p.end_year',
      'p.status',
      eb.fn.count<number>('a.id').as('activities'),
      eb.fn.sum<number>(eb.case().when('a.status', '!=', 'cancelled').then(eb('a.progress', '*', eb.ref('a.weight'))).else(0).end()).as('weighted'),
      eb.fn.sum<number>(eb.case().when('a.status', '!=', 'cancelled').then(eb.ref('a.weight')).else(0).end()).as('weights'),
    ])
    .where('p.collectivity_id', 'in', collectivityIds)
    .where('p.is_current', '=', 1)
    .groupBy(['p.id', 'p.collectivity_id', 'p.title_ar', 'p.title_fr', 'p.title_en', 'p.start_year', 'p.end_year', 'p.status'])
    .execute();
  const out = new Map<number, ProgrammeSummary>();
  for (const r of rows) {
    const weights = Number(r.weights ?? 0);
    out.set(r.collectivity_id, {
      collectivityId: r.collectivity_id,
      programmeId: r.id,
      title: { ar: r.title_ar, fr: r.title_fr, en: r.title_en },
      startYear: r.start_year,
      endYear: r.end_year,
      status: r.status,
      activities: Number(r.activities),
      progress: weights > 0 ? Math.round(Number(r.weighted) / weights) : null,
      exampleProgress: false,
    });
  }
  const examples = await programmesWithExampleProgress(db, [...out.values()].map((s) => s.programmeId));
  for (const s of out.values()) s.exampleProgress = examples.has(s.programmeId);
  return out;
}

/** Where a project's card is, under the collectivity's public base ("/programme/projects/3", or
 *  "/programmes/2024-2025/projects/3" once its programme is no longer current); null when its
 *  programme is not public. For other modules' links (a proposal's "what became of it"). */
export async function projectPath(db: Db, collectivityId: number, projectId: number): Promise<string | null> {
  const row = await db
    .selectFrom('project as x')
    .innerJoin('programme as p', 'p.id', 'x.programme_id')
    .select(['x.number', 'p.start_year', 'p.end_year', 'p.is_current', 'p.status'])
    .where('x.collectivity_id', '=', collectivityId)
    .where('x.id', '=', projectId)
    .executeTakeFirst();
  if (!row || !isPublic(row.status)) return null;
  return Number(row.is_current) === 1 ? `/programme/projects/${row.number}` : `/programmes/${row.start_year}-${row.end_year}/projects/${row.number}`;
}

/** The public programme a URL's period names ("2024-2025"), or undefined. */
export async function publicProgrammeOfPeriodKey(db: Db, collectivityId: number, period: string): Promise<ProgrammeRow | undefined> {
  const m = /^(\d{4})-(\d{4})$/.exec(period);
  return m ? publicProgrammeOfPeriod(db, collectivityId, Number(m[1]), Number(m[2])) : undefined;
}

/** The collectivity's adopted programmes (adopted or later), newest first: for the
 *  access-to-information module's list of what is published proactively. */
export async function adoptedProgrammes(db: Db, collectivityId: number) {
  return db
    .selectFrom('programme')
    .select(['id', 'title_ar', 'title_fr', 'title_en', 'start_year', 'end_year', 'adoption_date', 'is_current'])
    .where('collectivity_id', '=', collectivityId)
    .where('status', 'in', ['adopted', 'in_implementation', 'closed', 'archived'])
    .orderBy('start_year', 'desc')
    .execute();
}
