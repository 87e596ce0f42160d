import type { Db } from '../../../platform/db/database.ts';
import type { DemoOptions } from '../../manifest.ts';

export async function loadSettatInformation(_db: Db, _options: DemoOptions): Promise<void> {}
