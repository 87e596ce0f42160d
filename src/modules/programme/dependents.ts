// What other modules hang on a part of the programme. Co-creation registers the citizen proposals
// filed under an axis or retained into a project or an activity: deleting that part would erase
// or orphan a citizen's trail, so the deletion is refused with the module's message instead.
import type { Db } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/validation.ts';

export type Part = { type: 'axis' | 'project' | 'activity'; id: number };

/** Returns why the part cannot be deleted, or null. Runs inside the deletion's transaction. */
export type DependentsCheck = (trx: Db, collectivityId: number, part: Part) => Promise<FieldError | null>;

const checks: DependentsCheck[] = [];

export function registerDependentsCheck(check: DependentsCheck): void {
  checks.push(check);
}

export async function blockingDependent(trx: Db, collectivityId: number, part: Part): Promise<FieldError | null> {
  for (const check of checks) {
    const reason = await check(trx, collectivityId, part);
    if (reason) return reason;
  }
  return null;
}
