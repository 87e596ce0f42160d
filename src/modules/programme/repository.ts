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

/** The collectivity's current programme: the most recent one by period, leaving out an imported
 *  programme still waiting to replace it (pending) and one it replaced (docs/decisions/005). */
export async function currentProgramme(db: Db, collectivityId: number): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('pending', '=', 0)
    .where('replaced_at', 'is', null)
    .orderBy('start_year', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The public pages of the current programme, for the sitemap: the matrix, its projects and activities. */
export async function programmePages(db: Db, place: { id: number; slug: string }, limit: number): Promise<string[]> {
  const programme = await currentProgramme(db, place.id);
  if (!programme) return [];
  const base = `/c/${place.slug}/programme`;
  const [projects, activities] = await Promise.all([
    db.selectFrom('project').select('number').where('collectivity_id', '=', place.id).where('programme_id', '=', programme.id).orderBy('number').limit(limit).execute(),
    db.selectFrom('activity').select('id').where('collectivity_id', '=', place.id).where('programme_id', '=', programme.id).orderBy('id').limit(limit).execute(),
  ]);
  return [base, ...projects.map((p) => `${base}/projects/${p.number}`), ...activities.map((a) => `${base}/activities/${a.id}`)];
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
}

/** The current programme of each given collectivity with its progress: one query, bounded by the ids. */
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
    .where('p.pending', '=', 0)
    .where('p.replaced_at', 'is', null)
    .groupBy(['p.id', 'p.collectivity_id', 'p.title_ar', 'p.title_fr', 'p.title_en', 'p.start_year', 'p.end_year', 'p.status'])
    .execute();
  const out = new Map<number, ProgrammeSummary>();
  for (const r of rows) {
    const prev = out.get(r.collectivity_id);
    if (prev && (prev.startYear > r.start_year || (prev.startYear === r.start_year && prev.programmeId > r.id))) continue;
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
    });
  }
  return out;
}
