// Progress roll-up and lateness: pure functions, shared by pages, the API and the network home.
export const activityStatuses = ['planned', 'in_progress', 'done', 'delayed', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export const programmeStatuses = ['co_creation', 'draft', 'consultation', 'adopted', 'in_implementation', 'closed', 'archived'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

/** Programmes the public reads: a draft (or one still in co-creation) only once in consultation. */
export const publicStatuses = ['consultation', 'adopted', 'in_implementation', 'closed', 'archived'] as const;
export const isPublic = (status: string) => (publicStatuses as readonly string[]).includes(status);
/** A programme staff may still adopt. */
export const isDraft = (status: string) => status === 'co_creation' || status === 'draft' || status === 'consultation';

/** Changes to a programme in these states are part of its public history. */
export const isAdopted = (status: string) => status === 'adopted' || status === 'in_implementation' || status === 'closed' || status === 'archived';

interface Weighted {
  progress: number;
  weight: number;
  status: string;
}

/** Weighted mean progress in percent (cancelled activities do not count); null when nothing counts. */
export function rollUp(activities: Weighted[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of activities) {
    if (a.status === 'cancelled' || a.weight <= 0) continue;
    sum += a.progress * a.weight;
    weights += a.weight;
  }
  return weights === 0 ? null : Math.round(sum / weights);
}

/** Days past the end date (Casablanca calendar) of an activity that is not done; 0 when on time. */
export function daysLate(a: { end_date: string; status: string }, today: string): number {
  if (a.status === 'done' || a.status === 'cancelled' || a.end_date >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${a.end_date}T00:00:00Z`)) / 86_400_000);
}
