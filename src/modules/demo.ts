// The built-in demo: Settat commune's programme 2024–2025 and its co-creation (each module loads
// its part), and two staff accounts to try the back office. Loading again changes nothing.
import { randomBytes } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import { grantRole, upsertUser } from '../platform/auth/users.ts';
import { todayInCasablanca } from '../platform/i18n/format.ts';
import { modules } from './index.ts';
import type { DemoOptions } from './manifest.ts';

export const demoAccounts = {
  admin: 'admin@infitah.local',
  focalPoint: 'point-focal@settat.infitah.local',
};

export interface DemoResult {
  /** true when the demo content was loaded now (false: it was already there) */
  loaded: boolean;
  /** logins created now, with their passwords (shown once) */
  accounts: { email: string; password: string; role: string }[];
}

/**
 * The demo content of every module, without accounts (tests use this). Its history has fixed
 * dates; what must be open when someone looks at it (a call for proposals, a budget vote, the
 * next meetings) is placed relative to `today`, the load day (Casablanca; the real today unless
 * given), so that the demo never dies with the calendar.
 */
export async function loadDemoContent(db: Db, options: Partial<DemoOptions> = {}): Promise<boolean> {
  const full: DemoOptions = { today: options.today ?? todayInCasablanca() };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(full.today)) throw new Error(`demo: today must be YYYY-MM-DD, not ${full.today}`);
  const before = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirst();
  for (const m of modules) await m.seedDemo?.(db, full);
  for (const m of modules) await m.seedDemoNow?.(db, full);
  return before === undefined;
}

export async function seedDemo(db: Db, options: Partial<DemoOptions> = {}): Promise<DemoResult> {
  const loaded = await loadDemoContent(db, options);
  const accounts: DemoResult['accounts'] = [];
  const settat = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirstOrThrow();
  for (const [email, role, name] of [
    [demoAccounts.admin, 'network_admin', 'Administrateur du réseau'],
    [demoAccounts.focalPoint, 'focal_point', 'نقطة الارتكاز — سطات'],
  ] as const) {
    const exists = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
    if (exists) continue;
    const password = randomBytes(9).toString('base64url');
    const user = await upsertUser(db, { email, password, displayName: name, verified: true });
    await grantRole(db, user.id, role, settat.id);
    accounts.push({ email, password, role });
  }
  return { loaded, accounts };
}
