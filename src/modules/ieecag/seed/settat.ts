// The equality commission's part of the Settat demo. Loading again changes nothing.
import type { Db } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';

export async function loadSettatIeecag(_db: Db, _options: DemoOptions): Promise<boolean> {
  return false;
}
