// The tracking part of the Settat demo: dated targets for some indicators, a few measurements
// (marked as demo data: invented, plausible), project 2's indicators bound to the equality
// commission's opinions (transmitted to the council; projects that followed one) and project 4's
// to the dialogue module's meetings held and their attendees' satisfaction. Loading again changes
// nothing.
import type { Db } from '../../platform/db/database.ts';
import { loadSettatProgress } from './seed-progress.ts';
import './tables.ts';

interface SeedIndicator {
  project: number;
  kind: 'monitoring' | 'impact';
  targets?: [string, number][];
  measurements?: { on: string; value: number; source: { ar: string; fr: string; en: string } }[];
  metric?: { name: string; variant: string | null };
}

const itDepartment = { ar: 'مصلحة المعلوميات بالجماعة', fr: 'Service informatique de la commune', en: "The commune's IT department" };

const settatTracking: SeedIndicator[] = [
  // participatory budget adopted in the 2025 and 2026 budgets: counted from the budget's rounds
  { project: 1, kind: 'monitoring', targets: [['2025-12-31', 1], ['2026-12-31', 2]], metric: { name: 'budget.rounds', variant: null } },
  // advisory opinions of the IEECAG submitted to the council, and the projects in which the council
  // followed one: counted from the commission's register of opinions (ieecag module)
  { project: 2, kind: 'monitoring', targets: [['2024-12-31', 2], ['2025-12-31', 4]], metric: { name: 'ieecag.opinions_transmitted', variant: null } },
  { project: 2, kind: 'impact', metric: { name: 'ieecag.projects_following', variant: null } },
  // share of the official platforms joined (Rokhas, Watiqa, Chikaya, Chafafiya, GID-CL, procurement)
  {
    project: 3,
    kind: 'monitoring',
    targets: [['2024-12-31', 50], ['2025-12-31', 100]],
    measurements: [
      { on: '2024-03-31', value: 33, source: itDepartment },
      { on: '2024-12-31', value: 67, source: itDepartment },
      { on: '2025-09-30', value: 83, source: itDepartment },
    ],
  },
  // communication meetings with local actors, and satisfaction with them: counted from the
  // dialogue module's meetings held and their attendees' ratings
  { project: 4, kind: 'monitoring', targets: [['2025-12-31', 8]], metric: { name: 'dialogue.meetings_held', variant: null } },
  { project: 4, kind: 'impact', metric: { name: 'dialogue.meeting_satisfaction', variant: null } },
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
      const indicator = indicators.find((i) => i.number === s.project && i.kind === s.kind);
      if (!indicator) continue;
      const base = { collectivity_id: c.id, indicator_id: indicator.id };
      for (const [on, value] of s.targets ?? []) await trx.insertInto('indicator_target').values({ ...base, target_on: on, value }).execute();
      for (const m of s.measurements ?? []) {
        await trx
          .insertInto('indicator_measurement')
          .values({ ...base, measured_on: m.on, value: m.value, source_ar: m.source.ar, source_fr: m.source.fr, source_en: m.source.en, is_demo: 1 })
          .execute();
      }
      if (s.metric) await trx.insertInto('indicator_metric').values({ ...base, metric: s.metric.name, variant: s.metric.variant }).execute();
    }
    return true;
  });
}
