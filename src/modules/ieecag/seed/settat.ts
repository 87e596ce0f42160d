// The equality commission's part of the Settat demo. Loading again changes nothing.
import type { Db } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';
import { loadCommission } from './commission.ts';
import { loadSettatOpinions } from './opinions.ts';

export async function loadSettatIeecag(db: Db, options: DemoOptions): Promise<boolean> {
  const commission = await loadCommission(db, options);
  const opinions = await loadSettatOpinions(db);
  return commission || opinions;
}
