// Participation counted by other modules (the dialogue module's meetings), shown on
// /participation beside the co-creation's own events. Co-creation does not know those modules:
// they register a source, as they register origins with the programme module.
import type { Db } from '../../platform/db/database.ts';
import type { ProgrammeRow } from '../../platform/db/schema.ts';
import type { L10n } from '../../platform/tenancy.ts';

export interface ParticipationSection {
  /** i18n key of the section's heading */
  title: string;
  /** i18n key of its one-line summary: a plural on {count} (events), with {people} */
  summary: string;
  /** i18n key of the header of the column of people who took part online */
  onlineHeader: string;
  count: number;
  people: number;
  /** the latest events, newest first; people online are in `total` like those in the room */
  rows: { date: string; title: L10n; path: string; total: number; women: number | null; men: number | null; online: number | null }[];
}

export type ParticipationSource = (db: Db, collectivityId: number, programme: ProgrammeRow, slug: string) => Promise<ParticipationSection>;

const sources = new Map<string, ParticipationSource>();

export function registerParticipationSource(name: string, source: ParticipationSource): void {
  sources.set(name, source);
}

export async function otherParticipation(db: Db, collectivityId: number, programme: ProgrammeRow, slug: string): Promise<ParticipationSection[]> {
  return Promise.all([...sources.values()].map((s) => s(db, collectivityId, programme, slug)));
}
