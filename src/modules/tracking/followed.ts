// Whether a write that a live metric counts leaves the programme's pages as they were: not when
// an indicator of the collectivity follows the metric, since the project's card shows the
// indicator's latest value. For `tenantTransaction(…, { planUnchanged: planUnlessFollowed(…) })`.
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

export function planUnlessFollowed(collectivityId: number, metrics: string[]): (trx: Db) => Promise<boolean> {
  return async (trx) => {
    const followed = await trx.selectFrom('indicator_metric').select('indicator_id').where('collectivity_id', '=', collectivityId).where('metric', 'in', metrics).limit(1).executeTakeFirst();
    return followed === undefined;
  };
}
