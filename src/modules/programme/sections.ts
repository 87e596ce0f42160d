// Sections other modules add to the public project and activity pages (progress notes and
// indicator values from the tracking module). The programme module does not know those modules;
// they register a provider here, called when the page is built (the page cache keys it by the
// collectivity's content version, which every write bumps).
import type { VNode } from 'preact';
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import type { ReadModels } from '../../platform/read-model.ts';

export type SectionProvider = (
  db: Db,
  // contentVersion: the collectivity's, for the read models a section keeps (`readModels`)
  target: { collectivityId: number; contentVersion: number; programmeId: number; locale: Locale; base: string } & (
    | { projectId: number }
    // before: the activity page's `?before=` (the page of its progress notes), in the cache key
    | { activityId: number; before?: number }
  ),
  readModels: ReadModels,
) => Promise<VNode | null>;

const providers: SectionProvider[] = [];

export function registerPageSectionProvider(provider: SectionProvider): void {
  providers.push(provider);
}

export async function sectionsOf(db: Db, target: Parameters<SectionProvider>[1], readModels: ReadModels): Promise<VNode[]> {
  return (await Promise.all(providers.map((p) => p(db, target, readModels)))).filter((v): v is VNode => v !== null);
}
