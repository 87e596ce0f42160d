// What other modules show on the programme's own form while it is not adopted yet: the transfer
// module's consistency check, so that staff see what to fix before the council adopts the plan.
// The programme module does not know those modules; they register a check here.
import type { VNode } from 'preact';
import type { Db } from '../../platform/db/database.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';

export type AdoptionCheck = (
  db: Db,
  target: { collectivityId: number; programme: ProgrammeRow; locale: Locale; adminBase: string },
) => Promise<VNode | null>;

const checks: AdoptionCheck[] = [];

export function registerAdoptionCheck(check: AdoptionCheck): void {
  checks.push(check);
}

export async function adoptionChecksOf(db: Db, target: Parameters<AdoptionCheck>[1]): Promise<VNode[]> {
  return (await Promise.all(checks.map((c) => c(db, target)))).filter((v): v is VNode => v !== null);
}
