// Reading the census file an administrator uploads: a CSV of national ID card numbers (CIN), birth
// dates and optionally gender, turned at once into the voters' keyed hashes. Problems name rows, never a CIN, so
// that no ID number reaches a page, a log or the database.
import { parse } from 'csv-parse/sync';
import { type CensusEntry, ageBand, cinPattern, normaliseCin, voterHash } from './model.ts';

export const MAX_CENSUS_BYTES = 20 * 1024 * 1024;

/** 1990-05-17 or 17/05/1990 (as spreadsheets write it in Morocco) → 1990-05-17, or null. */
export function normaliseBirthDate(v: string): string | null {
  const s = v.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? (/^(\d{2})[/.-](\d{2})[/.-](\d{4})$/.exec(s) && ['', s.slice(6, 10), s.slice(3, 5), s.slice(0, 2)]);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** F/M as a spreadsheet may write it: f, m, femme/homme (h), أنثى/ذكر (أ/ذ); empty: unknown. */
export function normaliseGender(v: string): string | null | undefined {
  const s = v.trim().toLowerCase();
  if (s === '') return null;
  if (['f', 'femme', 'female', 'أنثى', 'انثى', 'أ', 'ا'].includes(s)) return 'f';
  if (['m', 'h', 'homme', 'male', 'ذكر', 'ذ'].includes(s)) return 'm';
  return undefined;
}

export type CensusRead = { ok: true; entries: CensusEntry[] } | { ok: false; error: { key: string; values?: Record<string, string | number> } };

/**
 * The file's voters as hashes, with gender (optional third column) and the age band at `at` (the
 * start of the vote); a header row (a first line whose first cell is not a CIN) is skipped.
 */
export function readCensus(content: Buffer, key: Buffer, at: string): CensusRead {
  let rows: string[][];
  try {
    rows = parse(content, { bom: true, delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch {
    return { ok: false, error: { key: 'budget.errors.censusUnreadable' } };
  }
  const entries: CensusEntry[] = [];
  const bad: number[] = [];
  rows.forEach((row, i) => {
    const cin = normaliseCin(row[0] ?? '');
    if (i === 0 && !cinPattern.test(cin)) return; // the header
    const birth = normaliseBirthDate(row[1] ?? '');
    const gender = normaliseGender(row[2] ?? '');
    if (!cinPattern.test(cin) || !birth || gender === undefined) bad.push(i + 1);
    else entries.push({ hash: voterHash(key, cin, birth), gender, ageBand: ageBand(birth, at) });
  });
  if (bad.length > 0) return { ok: false, error: { key: 'budget.errors.censusRows', values: { count: bad.length, rows: bad.slice(0, 10).join(', ') } } };
  if (entries.length === 0) return { ok: false, error: { key: 'budget.errors.censusEmpty' } };
  return { ok: true, entries };
}
