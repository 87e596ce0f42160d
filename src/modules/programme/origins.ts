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
