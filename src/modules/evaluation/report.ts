// Reads everything a year's report summarises and computes its content (see model.ts).
import type { Db } from '../../platform/db/database.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { participationStats } from '../cocreation/manifest.ts';
import { loadProgrammeTree } from '../programme/manifest.ts';
import { indicatorFigures, latestNotes } from './indicators.ts';
import { type ReportContent, asOfFor, computeReport, l10nOf } from './model.ts';
import { lateReasons } from './repository.ts';
import type { ReportRow } from './tables.ts';

export async function buildReport(db: Db, collectivityId: number, programme: ProgrammeRow, draft: ReportRow, today: string): Promise<ReportContent> {
  const tree = await loadProgrammeTree(db, collectivityId, programme);
  const [indicators, stats, reasons, notes] = await Promise.all([
    indicatorFigures(db, collectivityId, tree),
    participationStats(db, collectivityId, programme.id),
    lateReasons(db, collectivityId, draft.id),
    latestNotes(db, collectivityId, programme.id, asOfFor(draft.year, today)),
  ]);
  return computeReport({
    tree,
    year: draft.year,
    today,
    indicators,
    participation: {
      proposals: stats.proposals,
      events: stats.events.map((e) => ({ date: e.date, kind: e.kind, title: e.title, attendance: e.attendance, proposals: e.proposals })),
    },
    reasons,
    notes,
    committeeNotes: l10nOf(draft, 'notes'),
  });
}
