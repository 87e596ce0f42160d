// Checking an import of monthly figures: one row per service and month (service — its number in
// the list or its name —, month YYYY-MM, received, online, paper, median days). Every row is
// checked with the monthly form's rules, and the import is refused as a whole with each bad row's
// number and reason: staff fix the file and bring it again, nothing is half-imported.
import type { SourceRow } from '../transfer/read.ts';
import { type MonthInput, monthFigures } from './schema.ts';
import type { PublicServiceRow } from './tables.ts';

export interface ImportProblem {
  /** row in the file (null: the file as a whole) */
  row: number | null;
  key: string;
  values?: Record<string, string | number>;
}

const fields = ['month', 'received', 'online', 'paper', 'median_days'] as const;
const MAX_ROWS = 5000;

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
const isNumber = (s: string | undefined) => s !== undefined && /^\s*-?\d+([.,]\d+)?\s*$/.test(s);

export function checkImport(rows: SourceRow[], services: PublicServiceRow[], thisMonth: string): { ok: true; rows: { serviceId: number; input: MonthInput }[] } | { ok: false; problems: ImportProblem[] } {
  // a first row without figures is the header
  const data = rows.length > 0 && ![2, 3, 4].some((i) => isNumber(rows[0]!.cells[i])) ? rows.slice(1) : rows;
  if (data.length === 0) return { ok: false, problems: [{ row: null, key: 'services.import.empty' }] };
  if (data.length > MAX_ROWS) return { ok: false, problems: [{ row: null, key: 'services.import.tooMany', values: { max: MAX_ROWS } }] };
  const byName = new Map<string, number>();
  for (const s of services) for (const n of [s.name_ar, s.name_fr, s.name_en]) if (n) byName.set(norm(n), s.id);
  const schema = monthFigures(thisMonth);
  const problems: ImportProblem[] = [];
  const out: { serviceId: number; input: MonthInput }[] = [];
  const seen = new Map<string, number>();
  for (const r of data) {
    const [service = '', month = '', ...rest] = r.cells;
    const ref = service.trim();
    const serviceId = /^\d{1,4}$/.test(ref) ? services[Number(ref) - 1]?.id : byName.get(norm(ref));
    if (serviceId === undefined) {
      problems.push({ row: r.row, key: 'services.import.unknownService', values: { service: ref || '—' } });
      continue;
    }
    // a spreadsheet's date cell (2025-03-01) stands for its month
    const m = /^\d{4}-\d{2}-\d{2}$/.test(month.trim()) ? month.trim().slice(0, 7) : month.trim();
    const values: Record<string, string> = { month: m };
    fields.slice(1).forEach((f, i) => (values[f] = (rest[i] ?? '').replace(',', '.').trim()));
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      problems.push({ row: r.row, key: /^[a-z]+(\.[A-Za-z_]+)+$/.test(issue.message) ? issue.message : 'errors.invalidChoice', values: { field, value: values[field] ?? '' } });
      continue;
    }
    const key = `${serviceId}|${parsed.data.month}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: r.row, key: 'services.import.duplicate', values: { first } });
      continue;
    }
    seen.set(key, r.row);
    out.push({ serviceId, input: parsed.data });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: out };
}
