// Women and men among the respondents to the published satisfaction surveys, per year of their
// answer (Casablanca), for the equality commission's gender lens (ieecag/gender-lens.ts reads this
// through the manifest). The gender is the response's: from the account of a signed survey, or
// from the survey's own question; unknown where neither gave it. Grouped by the database (UTC
// hour and gender), a few rows per day.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import type { GenderYear } from '../manifest.ts';
import './tables.ts';

export async function respondentsGenderByYear(db: Db, collectivityId: number): Promise<GenderYear[]> {
  const hour = sql<string>`substr(r.created_at, 1, 13)`;
  const rows = await db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .select([hour.as('hour'), 'r.gender', (eb) => eb.fn.countAll().as('n')])
    .where('s.collectivity_id', '=', collectivityId)
    .where('s.status', '=', 'published')
    .groupBy([hour, 'r.gender'])
    .execute();
  const years = new Map<number, GenderYear>();
  for (const r of rows) {
    const year = Number(todayInCasablanca(new Date(`${r.hour}:00:00Z`)).slice(0, 4));
    const y = years.get(year) ?? { year, women: 0, men: 0, known: 0, total: 0 };
    const n = Number(r.n);
    y.total += n;
    if (r.gender === 'female') y.women += n;
    if (r.gender === 'male') y.men += n;
    y.known = y.women + y.men;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
