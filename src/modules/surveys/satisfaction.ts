// The satisfaction rate of a survey's CSAT answers and its 95% confidence interval. The rule,
// stated on every results page: answers of SATISFIED_FROM (4) or 5 over all CSAT answers. The
// interval is Wilson's score interval, which stays within 0–100% and stays meaningful for small
// counts and rates near 0 or 100% (where the textbook p ± 1.96·√(p(1−p)/n) does not).
import { SATISFIED_FROM } from './tables.ts';

/** Below this many answers the rate is shown as indicative only. */
export const FEW_ANSWERS = 30;
/** z for a two-sided 95% interval */
const Z95 = 1.959963984540054;

/** Wilson's score interval for `successes` out of `n`, as proportions in [0, 1]; null when n = 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Satisfaction {
  /** CSAT answers of 4 or 5 */
  satisfied: number;
  /** all CSAT answers */
  answers: number;
  /** percent, one decimal; null without answers */
  rate: number | null;
  /** the 95% interval in percent, one decimal */
  low: number | null;
  high: number | null;
  /** fewer than FEW_ANSWERS answers: the rate is indicative */
  few: boolean;
}

const percent = (x: number) => Math.round(x * 1000) / 10;

/** The satisfaction of CSAT answers counted by value (1–5). */
export function satisfactionOf(counts: ReadonlyMap<number, number> | Record<number, number>): Satisfaction {
  const entries = counts instanceof Map ? [...counts] : Object.entries(counts).map(([k, v]) => [Number(k), v] as [number, number]);
  let satisfied = 0;
  let answers = 0;
  for (const [value, n] of entries) {
    answers += n;
    if (value >= SATISFIED_FROM) satisfied += n;
  }
  return satisfactionFrom(satisfied, answers);
}

export function satisfactionFrom(satisfied: number, answers: number): Satisfaction {
  const ci = wilsonInterval(satisfied, answers);
  return {
    satisfied,
    answers,
    rate: answers > 0 ? percent(satisfied / answers) : null,
    low: ci ? percent(ci.low) : null,
    high: ci ? percent(ci.high) : null,
    few: answers < FEW_ANSWERS,
  };
}
