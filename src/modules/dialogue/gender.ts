// Women and men among the people attending the dialogue meetings held, per year (Casablanca), for
// the equality commission's gender lens (ieecag/gender-lens.ts reads this through the manifest).
// A meeting counts once its attendance is recorded. Women and men as recorded; where only the
// women were counted, the other participants count as men (as the women's share metric reads a
// meeting); where neither was, its participants are unknown — online ones often are.
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import type { GenderYear } from '../manifest.ts';
import './tables.ts';

export async function attendanceGenderByYear(db: Db, collectivityId: number): Promise<GenderYear[]> {
  // a few dozen meetings a year: read each one's figures, and its year in Casablanca
  const rows = await db
    .selectFrom('meeting')
    .select(['starts_at', 'attendance_total', 'attendance_women', 'attendance_men'])
    .where('collectivity_id', '=', collectivityId)
    .where('status', '=', 'held')
    .where('attendance_total', 'is not', null)
    .execute();
  const years = new Map<number, GenderYear>();
  for (const m of rows) {
    const year = Number(todayInCasablanca(new Date(m.starts_at)).slice(0, 4));
    const y = years.get(year) ?? { year, women: 0, men: 0, known: 0, total: 0 };
    const total = m.attendance_total!;
    y.total += total;
    if (m.attendance_women !== null) {
      const men = m.attendance_men ?? total - m.attendance_women;
      y.women += m.attendance_women;
      y.men += men;
    }
    y.known = y.women + y.men;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
