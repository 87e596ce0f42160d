// Reading the census file an administrator uploads: a CSV of national ID card numbers (CIN) and
// birth dates, turned at once into the voters' keyed hashes. Problems name rows, never a CIN, so
// that no ID number reaches a page, a log or the database.
import { parse } from 'csv-parse/sync';
import { cinPattern, normaliseCin, voterHash } from './model.ts';

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

export type CensusRead = { ok: true; hashes: string[] } | { ok: false; error: { key: string; values?: Record<string, string | number> } };

/** The hashes of the file's voters; a header row (a first line whose first cell is not a CIN) is skipped. */
export function readCensus(content: Buffer, key: Buffer): CensusRead {
  let rows: string[][];
  try {
    rows = parse(content, { bom: true, delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch {
    return { ok: false, error: { key: 'budget.errors.censusUnreadable' } };
  }
  const hashes: string[] = [];
  const bad: number[] = [];
  rows.forEach((row, i) => {
    const cin = normaliseCin(row[0] ?? '');
    if (i === 0 && !cinPattern.test(cin)) return; // the header
    const birth = normaliseBirthDate(row[1] ?? '');
    if (!cinPattern.test(cin) || !birth) bad.push(i + 1);
    else hashes.push(voterHash(key, cin, birth));
  });
  if (bad.length > 0) return { ok: false, error: { key: 'budget.errors.censusRows', values: { count: bad.length, rows: bad.slice(0, 10).join(', ') } } };
  if (hashes.length === 0) return { ok: false, error: { key: 'budget.errors.censusEmpty' } };
  return { ok: true, hashes };
}
