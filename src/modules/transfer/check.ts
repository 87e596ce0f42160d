// The consistency check of a programme in the database, with what other modules know: the
// indicators' targets and measurements (tracking), the activities another module dates (budget).
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { type ProgrammeTree, scheduledActivities } from '../programme/manifest.ts';
import { indicatorValues } from '../tracking/manifest.ts';
import { type Finding, checkConsistency, fromTree } from './consistency.ts';

export async function checkProgramme(db: Db, collectivityId: number, tree: ProgrammeTree, locale: Locale): Promise<Finding[]> {
  const [values, scheduled] = await Promise.all([indicatorValues(db, collectivityId, tree.programme.id), scheduledActivities(db, collectivityId, locale)]);
  const facts = new Map(values.map((i) => [i.id, { target: i.targets.length > 0, measured: i.series.length > 0 }]));
  return checkConsistency(fromTree(tree, facts, locale, scheduled));
}
