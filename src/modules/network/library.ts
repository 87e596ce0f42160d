// The library of practices: every project (with its activities) of every adopted programme in
// the network, searchable by normalised text, filterable by theme (its axis's), kind of
// collectivity and outcome, 30 a page (keyset on the project's id). The rows come from the
// programme's tables through the reads below, kept to what the library shows.
//
// Search: practice_search holds one normalised text per project (titles, objectives, expected
// results and its activities' titles, in the three languages), rebuilt for a collectivity when
// its plan_version has moved since (practice_search_version): a search costs one version check,
// and only the collectivities changed since the last search are read again.
//
// Cache: the page's key is the library version: the sum and count of the collectivities'
// plan_version (every programme write, a reuse included, moves it) and the themes' last change.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { likeTerm } from '../../platform/text/like.ts';
import { normalize, searchTerms } from '../../platform/text/normalize.ts';
import { isAdopted, programmeStatuses } from '../programme/progress.ts';
import { targetsMetSql } from '../tracking/manifest.ts';
import { themesVersion } from './themes.ts';

export const PRACTICES_PAGE = 30;
/** programmes the library reads: adopted, in implementation, closed (evaluated) or archived */
export const adoptedStatuses = programmeStatuses.filter(isAdopted);
export const outcomes = ['on_time', 'done', 'targets_met'] as const;
export type Outcome = (typeof outcomes)[number];
export const collectivityKinds = ['commune', 'province', 'prefecture', 'region'] as const;

export interface PracticeFilters {
  q?: string;
  theme?: number;
  kind?: (typeof collectivityKinds)[number];
  outcome?: Outcome;
  /** keyset: the last project id of the previous page */
  after?: number;
}

/** The library's cache version: moves with any programme write in the network and any theme change. */
export async function libraryVersion(db: Db): Promise<string> {
  const [c, themes] = await Promise.all([
    db.selectFrom('collectivity').select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>('plan_version').as('v')]).executeTakeFirstOrThrow(),
    themesVersion(db),
  ]);
  return `${c.n}.${c.v ?? 0}.${themes}`;
}

/** Rebuilds the search text of the collectivities whose plan moved since it was built. */
export async function refreshPracticeSearch(db: Db): Promise<void> {
  const stale = await db
    .selectFrom('collectivity as c')
    .leftJoin('practice_search_version as v', 'v.collectivity_id', 'c.id')
    .select(['c.id', 'c.plan_version'])
    .where((eb) => eb.or([eb('v.plan_version', 'is', null), eb('v.plan_version', '<>', eb.ref('c.plan_version'))]))
    .execute();
  for (const c of stale) {
    try {
      await db.transaction().execute(async (trx) => {
        const projects = await trx
          .selectFrom('project as p')
          .innerJoin('programme as g', 'g.id', 'p.programme_id')
          .select(['p.id', 'p.title_ar', 'p.title_fr', 'p.title_en', 'p.objectives_ar', 'p.objectives_fr', 'p.objectives_en', 'p.expected_results_ar', 'p.expected_results_fr', 'p.expected_results_en'])
          .where('p.collectivity_id', '=', c.id)
          .where('g.collectivity_id', '=', c.id)
          .where('g.status', 'in', adoptedStatuses)
          .execute();
        const activities = projects.length
          ? await trx.selectFrom('activity').select(['project_id', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', c.id).where('project_id', 'in', projects.map((p) => p.id)).execute()
          : [];
        const texts = new Map(projects.map((p) => [p.id, [p.title_ar, p.title_fr, p.title_en, p.objectives_ar, p.objectives_fr, p.objectives_en, p.expected_results_ar, p.expected_results_fr, p.expected_results_en]]));
        for (const a of activities) texts.get(a.project_id)?.push(a.title_ar, a.title_fr, a.title_en);
        await trx.deleteFrom('practice_search').where('collectivity_id', '=', c.id).execute();
        const rows = [...texts].map(([id, parts]) => ({ project_id: id, collectivity_id: c.id, search_text: normalize(parts.filter(Boolean).join(' ')) }));
        for (let i = 0; i < rows.length; i += 200) await trx.insertInto('practice_search').values(rows.slice(i, i + 200)).execute();
        await trx.deleteFrom('practice_search_version').where('collectivity_id', '=', c.id).execute();
        await trx.insertInto('practice_search_version').values({ collectivity_id: c.id, plan_version: c.plan_version }).execute();
      });
    } catch (e) {
      // another request rebuilt this collectivity at the same moment: its rows serve
      if (!isUniqueViolation(e)) throw e;
    }
  }
}

export interface PracticeRow {
  id: number;
  collectivityId: number;
  slug: string;
  kind: string;
  collectivity: { ar: string; fr: string | null; en: string | null };
  programme: { id: number; startYear: number; endYear: number; isCurrent: boolean };
  axisNumber: number;
  number: number;
  title: { ar: string; fr: string | null; en: string | null };
  objectives: { ar: string | null; fr: string | null; en: string | null };
  themeId: number | null;
  activities: number;
  activitiesDone: number;
  activitiesLate: number;
  reusedBy: number;
}

/** One page of practices, in the order of the projects' ids (stable while the network grows). */
export async function practicesPage(db: Db, filters: PracticeFilters, today: string): Promise<{ rows: PracticeRow[]; next: number | null }> {
  const terms = filters.q ? searchTerms(filters.q) : [];
  if (terms.length > 0) await refreshPracticeSearch(db);
  const notLate = (id: Expression<number>) =>
    sql<SqlBool>`not exists (select 1 from activity l where l.project_id = ${id} and l.status not in ('done', 'cancelled') and l.end_date < ${today})`;
  const rows = await db
    .selectFrom('project as p')
    .innerJoin('programme as g', (j) => j.onRef('g.id', '=', 'p.programme_id').onRef('g.collectivity_id', '=', 'p.collectivity_id'))
    .innerJoin('axis as a', (j) => j.onRef('a.id', '=', 'p.axis_id').onRef('a.collectivity_id', '=', 'p.collectivity_id'))
    .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
    .select((eb) => [
      'p.id', 'p.collectivity_id', 'p.number', 'p.title_ar', 'p.title_fr', 'p.title_en', 'p.objectives_ar', 'p.objectives_fr', 'p.objectives_en',
      'a.number as axis_number', 'a.theme_id', 'g.id as programme_id', 'g.start_year', 'g.end_year', 'g.is_current',
      'c.slug', 'c.kind', 'c.name_ar', 'c.name_fr', 'c.name_en',
      eb.selectFrom('activity as x').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('x.project_id', '=', 'p.id').where('x.status', '<>', 'cancelled').as('activities'),
      eb.selectFrom('activity as x').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('x.project_id', '=', 'p.id').where('x.status', '=', 'done').as('done'),
      eb.selectFrom('activity as x').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('x.project_id', '=', 'p.id').where('x.status', 'not in', ['done', 'cancelled']).where('x.end_date', '<', today).as('late'),
      // reused by: other collectivities that copied it
      eb.selectFrom('project as r').select((e) => e.fn.count<number | string>('r.collectivity_id').distinct().as('n')).whereRef('r.origin_project_id', '=', 'p.id').whereRef('r.collectivity_id', '<>', 'p.collectivity_id').as('reused'),
    ])
    .where('g.status', 'in', adoptedStatuses)
    .$if(filters.theme !== undefined, (q) => q.where('a.theme_id', '=', filters.theme!))
    .$if(filters.kind !== undefined, (q) => q.where('c.kind', '=', filters.kind!))
    .$if(filters.outcome === 'on_time', (q) =>
      q.where(({ eb, exists, selectFrom }) => eb.and([exists(selectFrom('activity as y').select('y.id').whereRef('y.project_id', '=', 'p.id').where('y.status', '<>', 'cancelled')), notLate(sql.ref('p.id'))])),
    )
    .$if(filters.outcome === 'done', (q) =>
      q.where(({ eb, exists, not, selectFrom }) =>
        eb.and([
          exists(selectFrom('activity as y').select('y.id').whereRef('y.project_id', '=', 'p.id').where('y.status', '=', 'done')),
          not(exists(selectFrom('activity as y').select('y.id').whereRef('y.project_id', '=', 'p.id').where('y.status', 'not in', ['done', 'cancelled']))),
        ]),
      ),
    )
    .$if(filters.outcome === 'targets_met', (q) => q.where(targetsMetSql(sql.ref('p.id'))))
    .$if(terms.length > 0, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(selectFrom('practice_search as s').select('s.project_id').whereRef('s.project_id', '=', 'p.id').where((eb) => eb.and(terms.map((t) => likeTerm(eb.ref('s.search_text'), t))))),
      ),
    )
    .$if(filters.after !== undefined, (q) => q.where('p.id', '>', filters.after!))
    .orderBy('p.id')
    .limit(PRACTICES_PAGE + 1)
    .execute();
  const page = rows.slice(0, PRACTICES_PAGE).map(
    (r): PracticeRow => ({
      id: r.id,
      collectivityId: r.collectivity_id,
      slug: r.slug,
      kind: r.kind,
      collectivity: { ar: r.name_ar, fr: r.name_fr, en: r.name_en },
      programme: { id: r.programme_id, startYear: r.start_year, endYear: r.end_year, isCurrent: Number(r.is_current) === 1 },
      axisNumber: r.axis_number,
      number: r.number,
      title: { ar: r.title_ar, fr: r.title_fr, en: r.title_en },
      objectives: { ar: r.objectives_ar, fr: r.objectives_fr, en: r.objectives_en },
      themeId: r.theme_id,
      activities: Number(r.activities ?? 0),
      activitiesDone: Number(r.done ?? 0),
      activitiesLate: Number(r.late ?? 0),
      reusedBy: Number(r.reused ?? 0),
    }),
  );
  return { rows: page, next: rows.length > PRACTICES_PAGE ? page[page.length - 1]!.id : null };
}

/** How many other collectivities reused a project (copies whose origin it is). Exported for the
 *  programme's project page, through its origins extension point. */
export async function reusedByCount(db: Db, collectivityId: number, projectId: number): Promise<number> {
  const r = await db
    .selectFrom('project')
    .select((eb) => eb.fn.count<number | string>('collectivity_id').distinct().as('n'))
    .where('origin_project_id', '=', projectId)
    .where('collectivity_id', '<>', collectivityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
