// The gender lens: women's share of the participation the platform counts, per source and year,
// computed when read from each module's records through what its manifest exports (workshops and
// proposals' authors: co-creation; voters: participatory budget; meeting attendance: dialogue;
// respondents: satisfaction surveys),
// and from the commission's own trainings. A share is given only where someone's gender is known.
import type { Db } from '../../platform/db/database.ts';
import { votersGenderByYear } from '../budget/manifest.ts';
import { eventsGenderByYear, proposalAuthorsGenderByYear } from '../cocreation/manifest.ts';
import { attendanceGenderByYear } from '../dialogue/manifest.ts';
import type { GenderYear } from '../manifest.ts';
import { respondentsGenderByYear } from '../surveys/manifest.ts';
import './tables.ts';

export const lensSources = ['workshops', 'proposals', 'budget', 'meetings', 'surveys', 'trainings'] as const;
export type LensSource = (typeof lensSources)[number];

export interface LensSection {
  source: LensSource;
  years: GenderYear[];
}

/** Women's share in % (one decimal) of the people whose gender is known; null: nobody's is. */
export const womenShare = (y: Pick<GenderYear, 'women' | 'known'>): number | null => (y.known > 0 ? Math.round((y.women / y.known) * 1000) / 10 : null);

/** The commission's trainings: participants as recorded, per year held. */
export async function trainingsGenderByYear(db: Db, collectivityId: number): Promise<GenderYear[]> {
  const rows = await db
    .selectFrom('ieecag_training')
    .select(['held_on', 'participants_women', 'participants_men', 'participants_total'])
    .where('collectivity_id', '=', collectivityId)
    .where('participants_total', 'is not', null)
    .execute();
  const years = new Map<number, GenderYear>();
  for (const r of rows) {
    const year = Number(r.held_on.slice(0, 4));
    const y = years.get(year) ?? { year, women: 0, men: 0, known: 0, total: 0 };
    y.total += r.participants_total!;
    y.women += r.participants_women ?? 0;
    y.men += r.participants_men ?? 0;
    y.known = y.women + y.men;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

const readers: Record<LensSource, (db: Db, collectivityId: number) => Promise<GenderYear[]>> = {
  workshops: eventsGenderByYear,
  proposals: proposalAuthorsGenderByYear,
  budget: votersGenderByYear,
  meetings: attendanceGenderByYear,
  surveys: respondentsGenderByYear,
  trainings: trainingsGenderByYear,
};

/** The i18n key of a source's name (`source`), short name (`short`) or method (`about`): the
 *  surveys module keeps its own under surveys.lens. */
export const lensKey = (source: LensSource, part: 'source' | 'short' | 'about') => (source === 'surveys' ? `surveys.lens.${part}` : `ieecag.lens.${part}.${source}`);

export async function genderLens(db: Db, collectivityId: number): Promise<LensSection[]> {
  return Promise.all(lensSources.map(async (source) => ({ source, years: (await readers[source](db, collectivityId)).filter((y) => y.total > 0) })));
}

/** The years any source counted someone in, oldest first. */
export const lensYears = (sections: LensSection[]) => [...new Set(sections.flatMap((s) => s.years.map((y) => y.year)))].sort((a, b) => a - b);
