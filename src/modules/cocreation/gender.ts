// Women and men among the people co-creation counts, per year, for the equality commission's
// gender lens (ieecag/gender-lens.ts reads this through the manifest, never the tables).
// - Participation events (workshops, meetings of the process): the attendance sheet gives the
//   participants and, of them, the women; the others are counted as men, as the participation
//   statistics do. An event whose women were not counted is unknown for all its participants.
// - Proposals' authors: the distinct accounts that submitted a proposal in the year (Casablanca),
//   by the gender their account gives (optional; associations give none): unknown otherwise.
//   Proposals typed by staff for a workshop name no account: their people are in the attendance.
import { type Expression, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { casablancaToIso, todayInCasablanca } from '../../platform/i18n/format.ts';
import type { GenderYear } from '../manifest.ts';
import './tables.ts';

export async function eventsGenderByYear(db: Db, collectivityId: number): Promise<GenderYear[]> {
  const rows = await db
    .selectFrom('participation_event')
    .select((eb) => [
      sql<string>`substr(held_on, 1, 4)`.as('year'),
      eb.fn.sum<number | string>('attendance_total').as('total'),
      eb.fn.sum<number | string | null>(sql`case when attendance_women is not null then attendance_women end`).as('women'),
      eb.fn.sum<number | string | null>(sql`case when attendance_women is not null then attendance_total end`).as('known'),
    ])
    .where('collectivity_id', '=', collectivityId)
    .where('attendance_total', 'is not', null)
    .groupBy(sql`substr(held_on, 1, 4)`)
    .orderBy(sql`substr(held_on, 1, 4)`)
    .execute();
  return rows.map((r) => {
    const known = Number(r.known ?? 0);
    const women = Number(r.women ?? 0);
    return { year: Number(r.year), women, men: known - women, known, total: Number(r.total) };
  });
}

/** `year` of an ISO instant in Casablanca, as SQL: compared with each year's first instant there. */
function casablancaYear(column: Expression<string>, from: number, to: number) {
  if (from === to) return sql<number>`${sql.lit(from)}`;
  const cases = [];
  for (let y = to; y > from; y--) cases.push(sql`when ${column} >= ${casablancaToIso(`${y}-01-01T00:00`)} then ${sql.lit(y)}`);
  return sql<number>`case ${sql.join(cases, sql` `)} else ${sql.lit(from)} end`;
}

export async function proposalAuthorsGenderByYear(db: Db, collectivityId: number): Promise<GenderYear[]> {
  const span = await db
    .selectFrom('proposal as p')
    .select((eb) => [eb.fn.min('p.submitted_at').as('first'), eb.fn.max('p.submitted_at').as('last')])
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.author_user_id', 'is not', null)
    .executeTakeFirst();
  if (!span?.first || !span.last) return [];
  const from = Number(todayInCasablanca(new Date(span.first as string)).slice(0, 4));
  const to = Number(todayInCasablanca(new Date(span.last as string)).slice(0, 4));
  const year = casablancaYear(sql.ref('p.submitted_at'), from, to);
  const rows = await db
    .selectFrom('proposal as p')
    .innerJoin('app_user as u', 'u.id', 'p.author_user_id')
    .select((eb) => [
      year.as('year'),
      eb.fn.count<number | string>('p.author_user_id').distinct().as('total'),
      eb.fn.count<number | string>(sql`case when u.gender = 'female' then u.id end`).distinct().as('women'),
      eb.fn.count<number | string>(sql`case when u.gender = 'male' then u.id end`).distinct().as('men'),
    ])
    .where('p.collectivity_id', '=', collectivityId)
    // by position: PostgreSQL would not match the grouped expression's parameters with the selected one's
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => {
    const women = Number(r.women);
    const men = Number(r.men);
    return { year: Number(r.year), women, men, known: women + men, total: Number(r.total) };
  });
}
