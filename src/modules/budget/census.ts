// Reading the census file an administrator uploads: a CSV of national ID card numbers (CIN), birth
// dates and optionally gender, turned at once into the voters' keyed hashes. Problems name rows, never a CIN, so
// that no ID number reaches a page, a log or the database.
import { Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { parse } from 'csv-parse';
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

/** Rows parsed and hashed between two turns of the event loop (a few milliseconds of work). */
const ROWS_PER_TURN = 2_000;

/**
 * The file's voters as hashes, with gender (optional third column) and the age band at `at` (the
 * start of the vote); a header row (a first line whose first cell is not a CIN) is skipped.
 * A commune's census is large (150,000 voters; 20 MB at most): the file is parsed as a stream
 * and the loop gives the event loop a turn every ROWS_PER_TURN rows, so that other requests are
 * answered meanwhile.
 */
export async function readCensus(content: Buffer, key: Buffer, at: string): Promise<CensusRead> {
  const entries: CensusEntry[] = [];
  const bad: number[] = [];
  const parser = parse({ bom: true, delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, relax_column_count: true });
  // in slices of 64 KB: the parser works on each slice in turn, never on the whole file at once
  Readable.from(slices(content)).pipe(parser);
  let i = 0;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      if (i > 0 && i % ROWS_PER_TURN === 0) await turn();
      const cin = normaliseCin(row[0] ?? '');
      const first = i++ === 0;
      if (first && !cinPattern.test(cin)) continue; // the header
      const birth = normaliseBirthDate(row[1] ?? '');
      const gender = normaliseGender(row[2] ?? '');
      if (!cinPattern.test(cin) || !birth || gender === undefined) bad.push(i);
      else entries.push({ hash: voterHash(key, cin, birth), gender, ageBand: ageBand(birth, at) });
    }
  } catch {
    return { ok: false, error: { key: 'budget.errors.censusUnreadable' } };
  }
  if (bad.length > 0) return { ok: false, error: { key: 'budget.errors.censusRows', values: { count: bad.length, rows: bad.slice(0, 10).join(', ') } } };
  if (entries.length === 0) return { ok: false, error: { key: 'budget.errors.censusEmpty' } };
  return { ok: true, entries };
}

function* slices(content: Buffer, size = 64 * 1024) {
  for (let i = 0; i < content.length; i += size) yield content.subarray(i, i + size);
}
