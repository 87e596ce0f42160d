// A year's figures of access to information, over the requests RECEIVED that year: by channel,
// answered on time, median working days to answer, outcomes, exceptions invoked, complaints and
// referrals to the CDAI. Counts are SQL aggregates over the register's index (collectivity_id,
// received_on); the median and the exceptions (a JSON list per row) are counted here from the
// answered rows only. "On time" is model.onTime: answered on or before the deadline (extended or
// not), over the requests answered or whose deadline has passed.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { todayInCasablanca } from '../../platform/i18n/format.ts';
import { loadRules, workingDaysBetween } from './calendar.ts';
import { channels, exceptions as exceptionKeys, outcomes } from './model.ts';
import { parseExceptions, requestYears, yearRange } from './repository.ts';
import './tables.ts';

export interface InformationYear {
  year: number;
  received: number;
  byChannel: { channel: string; count: number }[];
  answered: number;
  /** requests answered or past their deadline, those answered within it, and the share in % */
  onTime: { counted: number; onTime: number; share: number | null };
  /** working days from the complete request to the answer, over the answered requests */
  medianDays: number | null;
  outcomes: { outcome: string; count: number }[];
  /** the exceptions of art. 7 invoked, in refusals and in partial answers (only those invoked) */
  exceptions: { exception: string; refused: number; partial: number }[];
  complaints: { filed: number; upheld: number; rejected: number; cdai: number };
}

export const statsYears = requestYears;

export const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const n = (v: unknown) => Number(v ?? 0);

export async function informationYear(db: Db, collectivityId: number, year: number, today = todayInCasablanca()): Promise<InformationYear> {
  const y = yearRange(year);
  const inYear = db.selectFrom('information_request').where('collectivity_id', '=', collectivityId).where('received_on', '>=', y.from).where('received_on', '<', y.to);
  const flag = (cond: ReturnType<typeof sql<boolean>>) => sql<number | string>`sum(case when ${cond} then 1 else 0 end)`;
  const [groups, answeredRows, rules] = await Promise.all([
    inYear
      .select((eb) => [
        'channel',
        'outcome',
        eb.fn.countAll<number | string>().as('n'),
        flag(sql<boolean>`answered_on is not null or (status <> 'clarification' and due_on < ${today})`).as('counted'),
        flag(sql<boolean>`answered_on is not null and answered_on <= due_on`).as('on_time'),
        flag(sql<boolean>`complaint_on is not null`).as('complaints'),
        flag(sql<boolean>`complaint_outcome = 'upheld'`).as('upheld'),
        flag(sql<boolean>`complaint_outcome = 'rejected'`).as('rejected'),
        flag(sql<boolean>`cdai_on is not null`).as('cdai'),
      ])
      .groupBy(['channel', 'outcome'])
      .execute(),
    inYear.select(['clock_from', 'answered_on', 'outcome', 'exceptions']).where('answered_on', 'is not', null).execute(),
    loadRules(db),
  ]);

  const byChannel = new Map<string, number>();
  const byOutcome = new Map<string, number>();
  const total = { received: 0, counted: 0, onTime: 0, filed: 0, upheld: 0, rejected: 0, cdai: 0 };
  for (const g of groups) {
    byChannel.set(g.channel, (byChannel.get(g.channel) ?? 0) + n(g.n));
    if (g.outcome) byOutcome.set(g.outcome, (byOutcome.get(g.outcome) ?? 0) + n(g.n));
    total.received += n(g.n);
    total.counted += n(g.counted);
    total.onTime += n(g.on_time);
    total.filed += n(g.complaints);
    total.upheld += n(g.upheld);
    total.rejected += n(g.rejected);
    total.cdai += n(g.cdai);
  }

  const invoked = new Map<string, { refused: number; partial: number }>();
  for (const r of answeredRows) {
    if (r.outcome !== 'refused' && r.outcome !== 'partial') continue;
    for (const e of new Set(parseExceptions(r.exceptions))) {
      const c = invoked.get(e) ?? { refused: 0, partial: 0 };
      c[r.outcome] += 1;
      invoked.set(e, c);
    }
  }
  const order = (e: string) => {
    const i = (exceptionKeys as readonly string[]).indexOf(e);
    return i < 0 ? exceptionKeys.length : i;
  };

  return {
    year,
    received: total.received,
    byChannel: channels.map((channel) => ({ channel, count: byChannel.get(channel) ?? 0 })),
    answered: answeredRows.length,
    onTime: { counted: total.counted, onTime: total.onTime, share: percent(total.onTime, total.counted) },
    medianDays: median(answeredRows.map((r) => workingDaysBetween(rules.calendar, r.clock_from, r.answered_on!))),
    outcomes: outcomes.map((outcome) => ({ outcome, count: byOutcome.get(outcome) ?? 0 })),
    exceptions: [...invoked].sort((a, b) => order(a[0]) - order(b[0])).map(([exception, c]) => ({ exception, ...c })),
    complaints: { filed: total.filed, upheld: total.upheld, rejected: total.rejected, cdai: total.cdai },
  };
}
