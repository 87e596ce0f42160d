// The participatory-budget figures an indicator can follow (see Metric in ../manifest.ts), counted
// from the rows when read: rounds opened (Settat's indicator "participatory budgeting adopted in
// the 2025 and 2026 budgets" follows it: one round per annual budget), rounds whose results are
// published, ballots cast, and winning projects that entered the action plan.
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { cumulative } from '../cocreation/metrics.ts';
import type { DatedValue, Metric, MetricScope } from '../manifest.ts';
import './tables.ts';

const day = (iso: string) => todayInCasablanca(new Date(iso));

async function rounds(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const now = new Date().toISOString();
  const rows = await db.selectFrom('budget_round').select('information_at').where('collectivity_id', '=', scope.collectivityId).where('information_at', '<=', now).execute();
  return cumulative(rows.map((r) => ({ date: day(r.information_at), n: 1 })));
}

async function roundsWithResults(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const now = new Date().toISOString();
  const rows = await db.selectFrom('budget_round').select('results_at').where('collectivity_id', '=', scope.collectivityId).where('results_at', '<=', now).execute();
  return cumulative(rows.map((r) => ({ date: day(r.results_at), n: 1 })));
}

async function ballots(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  // one row per round and its closing date: the count is published when the vote closes
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('budget_ballot as b')
    .innerJoin('budget_round as r', 'r.id', 'b.round_id')
    .select(['r.results_at', (eb) => eb.fn.countAll().as('n')])
    .where('b.collectivity_id', '=', scope.collectivityId)
    .where('r.collectivity_id', '=', scope.collectivityId)
    .where('r.results_at', '<=', now)
    .groupBy('r.results_at')
    .execute();
  return cumulative(rows.map((r) => ({ date: day(r.results_at), n: Number(r.n) })));
}

async function winnersInPlan(db: Db, scope: MetricScope): Promise<DatedValue[]> {
  const rows = await db
    .selectFrom('budget_project as p')
    .innerJoin('budget_round as r', 'r.id', 'p.round_id')
    .select(['r.results_at', (eb) => eb.fn.countAll().as('n')])
    .where('p.collectivity_id', '=', scope.collectivityId)
    .where('p.activity_id', 'is not', null)
    .groupBy('r.results_at')
    .execute();
  return cumulative(rows.map((r) => ({ date: day(r.results_at), n: Number(r.n) })));
}

export const budgetMetrics: Record<string, Metric> = {
  rounds: { label: 'tracking.metrics.budget.rounds', unit: 'count', series: rounds },
  roundsWithResults: { label: 'tracking.metrics.budget.roundsWithResults', unit: 'count', series: roundsWithResults },
  ballots: { label: 'tracking.metrics.budget.ballots', unit: 'count', series: ballots },
  winnersInPlan: { label: 'tracking.metrics.budget.winnersInPlan', unit: 'count', series: winnersInPlan },
};
