// The tracking part of the Settat demo: dated targets for some indicators, each bound to the
// figure that measures it: project 1's to the participatory budget's rounds, project 2's to the
// equality commission's opinions (transmitted to the council; projects that followed one), project
// 3's to the digital services (platforms joined, documents processed online) and the services
// survey's satisfaction, project 4's to the dialogue meetings held and the satisfaction survey on
// the council's work. Loading again changes nothing.
import type { Db } from '../../platform/db/database.ts';
import { loadSettatProgress } from './seed-progress.ts';
import './tables.ts';

interface SeedIndicator {
  project: number;
  kind: 'monitoring' | 'impact';
  targets?: [string, number][];
  /** among the project's indicators of this kind, in their order (project 3 has two impacts) */
  position?: number;
  metric?: { name: string; variant: string | null };
}

const settatTracking: SeedIndicator[] = [
  // participatory budget adopted in the 2025 and 2026 budgets: counted from the budget's rounds
  { project: 1, kind: 'monitoring', targets: [['2025-12-31', 1], ['2026-12-31', 2]], metric: { name: 'budget.rounds', variant: null } },
  // advisory opinions of the IEECAG submitted to the council, and the projects in which the council
  // followed one: counted from the commission's register of opinions (ieecag module)
  { project: 2, kind: 'monitoring', targets: [['2024-12-31', 2], ['2025-12-31', 4]], metric: { name: 'ieecag.opinions_transmitted', variant: null } },
  { project: 2, kind: 'impact', metric: { name: 'ieecag.projects_following', variant: null } },
  // the share of the official platforms joined, the documents processed online and citizens'
  // satisfaction with the digital services: counted by the services and surveys modules
  { project: 3, kind: 'monitoring', targets: [['2024-12-31', 50], ['2025-12-31', 100]], metric: { name: 'services.platforms_joined_share', variant: null } },
  { project: 3, kind: 'impact', position: 0, targets: [['2025-12-31', 10000]], metric: { name: 'services.documents_online', variant: null } },
  { project: 3, kind: 'impact', position: 1, targets: [['2025-12-31', 70]], metric: { name: 'surveys.satisfaction', variant: 'topic:services' } },
  // communication meetings with local actors, and satisfaction with them: counted from the
  // dialogue module's meetings held and their attendees' ratings
  { project: 4, kind: 'monitoring', targets: [['2025-12-31', 8]], metric: { name: 'dialogue.meetings_held', variant: null } },
  { project: 4, kind: 'impact', targets: [['2025-12-31', 70]], metric: { name: 'surveys.satisfaction', variant: 'topic:council' } },
];

export async function loadSettatTracking(db: Db): Promise<boolean> {
  const loaded = await loadIndicators(db);
  // the example progress of the programme: notes, statuses, more measurements (seed-progress.ts)
  const progressed = await loadSettatProgress(db);
  return loaded || progressed;
}

async function loadIndicators(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
    if (!c) return false;
    const programme = await trx.selectFrom('programme').select('id').where('collectivity_id', '=', c.id).where('is_current', '=', 1).executeTakeFirst();
    if (!programme) return false;
    const indicators = await trx
      .selectFrom('indicator as i')
      .innerJoin('project as p', 'p.id', 'i.project_id')
      .select(['i.id', 'i.kind', 'p.number'])
      .where('i.collectivity_id', '=', c.id)
      .where('i.programme_id', '=', programme.id)
      .orderBy('i.position')
      .execute();
    const ids = indicators.map((i) => i.id);
    if (ids.length === 0) return false;
    const already = await trx.selectFrom('indicator_target').select('id').where('collectivity_id', '=', c.id).where('indicator_id', 'in', ids).executeTakeFirst();
    if (already) return false;
    for (const s of settatTracking) {
      const indicator = indicators.filter((i) => i.number === s.project && i.kind === s.kind)[s.position ?? 0];
      if (!indicator) continue;
      const base = { collectivity_id: c.id, indicator_id: indicator.id };
      for (const [on, value] of s.targets ?? []) await trx.insertInto('indicator_target').values({ ...base, target_on: on, value }).execute();
      if (s.metric) await trx.insertInto('indicator_metric').values({ ...base, metric: s.metric.name, variant: s.metric.variant }).execute();
    }
    return true;
  });
}
