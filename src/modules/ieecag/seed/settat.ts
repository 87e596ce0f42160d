// The equality commission's part of the Settat demo. Loading again changes nothing.
import type { Db } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';
import { loadSettatOpinions } from './opinions.ts';

export async function loadSettatIeecag(db: Db, _options: DemoOptions): Promise<boolean> {
  const opinions = await loadSettatOpinions(db);
  return opinions;
}
