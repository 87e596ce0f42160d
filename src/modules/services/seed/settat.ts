// Settat's digital services demo (to be built).
import type { Db } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';

export async function loadSettatServices(_db: Db, _options: DemoOptions): Promise<boolean> {
  return false;
}
