// The built-in demo: Settat's programme and two staff accounts to try the back office.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { grantRole, upsertUser } from '../../../platform/auth/users.ts';
import { loadSeedProgramme } from './load.ts';
import { settat } from './settat.ts';

export const demoAccounts = {
  admin: 'admin@infitah.local',
  focalPoint: 'point-focal@settat.infitah.local',
};

export interface DemoResult {
  loaded: boolean;
  /** logins created now, with their passwords (shown once) */
  accounts: { email: string; password: string; role: string }[];
}

export async function seedDemo(db: Db): Promise<DemoResult> {
  const { created } = await loadSeedProgramme(db, settat);
  const accounts: DemoResult['accounts'] = [];
  const settatRow = await db.selectFrom('collectivity').select('id').where('slug', '=', settat.collectivity).executeTakeFirstOrThrow();
  for (const [email, role, name] of [
    [demoAccounts.admin, 'network_admin', 'Administrateur du réseau'],
    [demoAccounts.focalPoint, 'editor', 'نقطة الارتكاز — سطات'],
  ] as const) {
    const exists = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
    if (exists) continue;
    const password = randomBytes(9).toString('base64url');
    const user = await upsertUser(db, { email, password, displayName: name });
    await grantRole(db, user.id, role, settatRow.id);
    accounts.push({ email, password, role });
  }
  return { loaded: created, accounts };
}
