// Women and men among the participatory budget's voters, per year, for the equality commission's
// gender lens (ieecag/gender-lens.ts reads this through the manifest). Counted from the "has
// voted" marks (one per voter and round), by the gender the voters' list gives ('f', 'm'; unknown
// when the census file has no gender column or leaves it blank); a round counts in the year
// (Casablanca) its voting opened. Ballots carry no gender and are never read here.
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import type { GenderYear } from '../manifest.ts';
import './tables.ts';

export async function votersGenderByYear(db: Db, collectivityId: number): Promise<GenderYear[]> {
  const rows = await db
    .selectFrom('budget_voted as v')
    .innerJoin('budget_round as r', (j) => j.onRef('r.id', '=', 'v.round_id').onRef('r.collectivity_id', '=', 'v.collectivity_id'))
    .select(['r.id', 'r.voting_at', 'v.gender', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('v.collectivity_id', '=', collectivityId)
    .groupBy(['r.id', 'r.voting_at', 'v.gender'])
    .execute();
  const years = new Map<number, GenderYear>();
  for (const r of rows) {
    const year = Number(todayInCasablanca(new Date(r.voting_at)).slice(0, 4));
    const y = years.get(year) ?? { year, women: 0, men: 0, known: 0, total: 0 };
    const n = Number(r.n);
    y.total += n;
    if (r.gender === 'f') y.women += n;
    if (r.gender === 'm') y.men += n;
    y.known = y.women + y.men;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
