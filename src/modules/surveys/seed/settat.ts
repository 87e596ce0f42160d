// Settat's satisfaction survey demo (to be built).
import type { Db } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';

export async function loadSettatSurveys(_db: Db, _options: DemoOptions): Promise<boolean> {
  return false;
}
