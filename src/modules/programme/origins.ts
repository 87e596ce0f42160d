// Where a project or an activity came from: other modules (co-creation) register a provider of
// the citizen proposals that fed it, shown on the project and activity pages. The programme
// module does not know those modules; they know it.
import type { Db } from '../../platform/db/database.ts';

export interface Origin {
  title: string;
  lang: string;
  href: string;
  /** e.g. 'online', 'workshop' */
  channel: string;
}

export type OriginsProvider = (
  db: Db,
  collectivityId: number,
  target: { projectId: number } | { activityId: number },
  /** public base of the collectivity, e.g. /ar/c/settat */
  base: string,
) => Promise<Origin[]>;

const providers: OriginsProvider[] = [];

export function registerOriginsProvider(provider: OriginsProvider): void {
  providers.push(provider);
}

export async function originsOf(db: Db, collectivityId: number, target: { projectId: number } | { activityId: number }, base: string): Promise<Origin[]> {
  return (await Promise.all(providers.map((p) => p(db, collectivityId, target, base)))).flat();
}

/** An activity whose dates another module sets (a participatory-budget winner follows its
 *  round's implementation phase, not its project's card): what sets them, and from when. */
export interface Schedule {
  /** e.g. the round's title, in the requested locale when it has one */
  source: string;
  lang: string;
  /** YYYY-MM-DD: the first day the dates may take */
  from: string;
}

export type ScheduleProvider = (db: Db, collectivityId: number, locale: string) => Promise<Map<number, Schedule>>;

const scheduleProviders: ScheduleProvider[] = [];

export function registerScheduleProvider(provider: ScheduleProvider): void {
  scheduleProviders.push(provider);
}

/** The collectivity's activities whose dates another module sets, by activity id. */
export async function scheduledActivities(db: Db, collectivityId: number, locale: string): Promise<Map<number, Schedule>> {
  const maps = await Promise.all(scheduleProviders.map((p) => p(db, collectivityId, locale)));
  return new Map(maps.flatMap((m) => [...m]));
}

/** Which programmes' progress comes from invented example records (the built-in demo): the
 *  module that keeps the progress (tracking) answers, so the matrix can say so as its pages do. */
export type ExampleProgressCheck = (db: Db, programmeIds: number[]) => Promise<Set<number>>;

const exampleChecks: ExampleProgressCheck[] = [];

export function registerExampleProgressCheck(check: ExampleProgressCheck): void {
  exampleChecks.push(check);
}

export async function programmesWithExampleProgress(db: Db, programmeIds: number[]): Promise<Set<number>> {
  const sets = await Promise.all(exampleChecks.map((c) => c(db, programmeIds)));
  return new Set(sets.flatMap((s) => [...s]));
}

export const progressIsExample = async (db: Db, programmeId: number): Promise<boolean> => (await programmesWithExampleProgress(db, [programmeId])).has(programmeId);
