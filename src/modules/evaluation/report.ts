// Reads everything a year's report summarises and computes its content (see model.ts).
import type { Db } from '../../platform/db/database.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import { votesBetween } from '../budget/manifest.ts';
import { participationStats } from '../cocreation/manifest.ts';
import { informationYear } from '../information/manifest.ts';
import { loadProgrammeTree } from '../programme/manifest.ts';
import { indicatorFigures, latestNotes } from './indicators.ts';
import { type ReportContent, asOfFor, computeReport, l10nOf } from './model.ts';
import { activityStatesOn, lateReasons } from './repository.ts';
import type { ReportRow } from './tables.ts';

export async function buildReport(db: Db, collectivityId: number, programme: ProgrammeRow, draft: ReportRow, today: string): Promise<ReportContent> {
  const asOf = asOfFor(draft.year, today);
  // one reference date: the activities as they stood on it
  const [current, states] = await Promise.all([loadProgrammeTree(db, collectivityId, programme), activityStatesOn(db, collectivityId, programme.id, asOf)]);
  const tree = { ...current, activities: current.activities.map((a) => ({ ...a, ...states.get(a.id) })) };
  const [indicators, stats, reasons, notes, votes, information] = await Promise.all([
    indicatorFigures(db, collectivityId, tree),
    participationStats(db, collectivityId, programme.id),
    lateReasons(db, collectivityId, draft.id),
    latestNotes(db, collectivityId, programme.id, asOf),
    votesBetween(db, collectivityId, `${draft.year}-01-01`, asOf),
    // requests received in the year, their deadlines judged as of the report's day
    informationYear(db, collectivityId, draft.year, asOf),
  ]);
  const content = computeReport({
    tree,
    year: draft.year,
    today,
    indicators,
    participation: {
      proposals: stats.proposals,
      events: [
        ...stats.events.map((e) => ({ date: e.date, kind: e.kind, title: e.title, attendance: e.attendance, proposals: e.proposals })),
        // a participatory-budget vote: its ballots are the attendance, its submitted projects the proposals
        ...votes.map((v) => ({
          date: v.closed,
          kind: 'vote',
          title: l10nOf(v.round, 'title'),
          attendance: { total: v.ballots, women: v.women },
          proposals: v.projects,
        })),
      ],
    },
    reasons,
    notes,
    committeeNotes: l10nOf(draft, 'notes'),
  });
  return { ...content, information };
}
