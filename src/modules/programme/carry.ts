// "Start the next programme" carries more than the unfinished activities: other modules register
// what else the next cycle may take up from the last one (co-creation: the citizen proposals not
// retained). Staff tick them on the form; the source links each chosen item to the new draft in
// its own table, inside the same transaction, and lists them in the draft's back office. The
// programme module does not know those modules; they know it (like origins.ts, dependents.ts).
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { findProgramme } from './repository.ts';
import { programmePath } from './presenters.ts';
import { isPublic } from './progress.ts';

export interface CarryItem {
  id: number;
  title: string;
  /** the language the title is written in */
  lang: string;
  /** e.g. its status, in the page's locale */
  note: string;
  /** its back-office page */
  href: string;
}

export interface CarrySource {
  /** the form's value prefix (`proposal:12`) */
  name: string;
  /** i18n keys of the list's heading: on the "start the next programme" form, in the draft */
  heading: { offered: string; carried: string };
  /** what the programme `fromId` leaves that the next one may take up */
  candidates(db: Db, collectivityId: number, fromId: number, view: { locale: Locale; adminBase: string }): Promise<CarryItem[]>;
  /** links the chosen items to the draft `toId` (inside its transaction); the ids it could not
   *  carry (not candidates of `fromId`) */
  carry(trx: Db, collectivityId: number, fromId: number, toId: number, ids: number[]): Promise<number[]>;
  /** what was carried into the programme */
  carried(db: Db, collectivityId: number, programmeId: number, view: { locale: Locale; adminBase: string }): Promise<CarryItem[]>;
}

const sources: CarrySource[] = [];

export function registerCarrySource(source: CarrySource): void {
  if (!sources.some((s) => s.name === source.name)) sources.push(source);
}

export const carrySources = (): readonly CarrySource[] => sources;

/** A programme as another module links to it: its period and, while it is public, its path
 *  after the collectivity's public base (`/programme` or `/programmes/2026-2027`). */
export async function programmeRef(db: Db, collectivityId: number, programmeId: number): Promise<{ period: string; path: string | null } | null> {
  const p = await findProgramme(db, collectivityId, programmeId);
  if (!p) return null;
  return { period: `${p.start_year}–${p.end_year}`, path: isPublic(p.status) ? programmePath(p) : null };
}
