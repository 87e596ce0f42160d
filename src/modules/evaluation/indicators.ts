// Indicators with their figures, as the tracking module computes them (dated targets; measured
// values or the live series of a bound metric), in the shape the dashboard and the report read.
import type { Db } from '../../platform/db/database.ts';
import type { ProgrammeTree } from '../programme/manifest.ts';
import { indicatorValues } from '../tracking/manifest.ts';
import type { IndicatorFigures, L10n } from './model.ts';

const l10n = (t: { ar: string; fr?: string; en?: string }): L10n => ({ ar: t.ar, fr: t.fr ?? null, en: t.en ?? null });

export async function indicatorFigures(db: Db, collectivityId: number, tree: ProgrammeTree): Promise<IndicatorFigures[]> {
  const values = await indicatorValues(db, collectivityId, tree.programme.id);
  return values.map((i) => ({
    id: i.id,
    projectId: i.projectId,
    kind: i.kind,
    statement: l10n(i.statement),
    unit: i.unit ? l10n(i.unit) : null,
    baseline: i.baseline,
    targets: i.targets,
    series: i.series.map((p) => ({ date: p.date, value: p.value })),
  }));
}

/** The latest progress note of each activity on or before `day`, when the tracking module
 *  exports them (it does not yet: staff give the reasons in the report's draft). */
export async function latestNotes(_db: Db, _collectivityId: number, _programmeId: number, _day: string): Promise<Map<number, L10n>> {
  return new Map();
}
