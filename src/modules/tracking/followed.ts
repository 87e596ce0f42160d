// Whether a write that a live metric counts leaves the programme's pages as they were: not when
// an indicator of the collectivity follows the metric, since the project's card shows the
// indicator's latest value. For `tenantTransaction(…, { planUnchanged: planUnlessFollowed(…) })`:
// a condition that the version bump evaluates in its own statement, so the check costs no round
// trip of its own.
import type { PlanUnchanged } from '../../platform/commands.ts';
import './tables.ts';

export function planUnlessFollowed(collectivityId: number, metrics: string[]): PlanUnchanged {
  return (eb) => eb.not(eb.exists(eb.selectFrom('indicator_metric').select('indicator_id').where('collectivity_id', '=', collectivityId).where('metric', 'in', metrics)));
}
