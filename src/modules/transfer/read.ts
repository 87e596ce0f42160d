// Reading an action plan's table from what staff bring: an XLSX workbook, a CSV file, or
// tab-separated text pasted from Word or Excel. The result is rows of cell texts with their
// row number in the source, or the problems that make the source unreadable.
import { Worker } from 'node:worker_threads';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import { unquoteSpreadsheetText } from '../../platform/spreadsheet-safe.ts';
import { type Problem, columns } from './plan.ts';

/** Largest file or pasted text accepted (the Settat matrix is 4 KB; 5,000 activities ≈ 1.5 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface SourceRow {
  /** row (line) number in the source, from 1, as the spreadsheet or editor shows it */
  row: number;
  cells: string[];
}

export type ReadResult = { ok: true; rows: SourceRow[] } | { ok: false; problems: Problem[] };

const fail = (key: string, values?: Problem['values'], row: number | null = null, column: Problem['column'] = null): ReadResult => ({
  ok: false,
  problems: [{ row, column, key, values }],
});

/** Rows of tab-separated text; cells quoted by Excel (with line breaks inside) are understood. */
export function readDelimited(text: string, delimiter?: string): ReadResult {
  const body = text.replace(/^\uFEFF/, '');
  const sep = delimiter ?? guessDelimiter(body);
  try {
    const records = parseCsv(body, {
      delimiter: sep,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const rows: SourceRow[] = [];
    for (const r of records) {
      const cells = r.record.map((c) => unquoteSpreadsheetText(c.trim())); // our own exports quote formula-like text
      if (cells.every((c) => c === '')) continue;
      // info.lines is the line where the record ends; a record starts on its own first line
      const breaks = r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      rows.push({ row: r.info.lines - breaks, cells });
    }
    return { ok: true, rows };
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return fail('transfer.problems.unreadableText', undefined, typeof line === 'number' ? line : null);
  }
}

/** Tab for pasted tables; for CSV, the separator of the first line (Excel in French writes ';'). */
function guessDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return ['\t', ';', ','].reduce((best, c) => (count(c) > count(best) ? c : best), '\t');
}

type CellValue = ExcelJS.CellValue;

/** The text of a cell as a person reads it; dates as YYYY-MM-DD. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/**
 * What a workbook may hold. exceljs keeps a whole workbook in memory: a 2.4 MB XLSX of 900,000
 * cells took 42 s and 1.5 GB. An action plan has a row per activity (Settat's: about 20; the
 * bench's largest: 5,000, 1.4 MB unzipped) and nine columns.
 */
export const XLSX_LIMITS = { rows: 10_000, cells: 200_000, unzippedMb: 20 };

const tooBig = () => fail('transfer.problems.workbookTooBig', { rows: XLSX_LIMITS.rows, cells: XLSX_LIMITS.cells, mb: XLSX_LIMITS.unzippedMb });

/**
 * Whether the workbook is within XLSX_LIMITS, counted before exceljs loads it: the zip's entries
 * are inflated as a stream (fflate) and thrown away, the bytes counted (a zip may lie about its
 * sizes), and the rows and cells of the worksheets counted by their tags (`<` only starts a tag in
 * XML: text holds `&lt;`). It stops at the first limit passed.
 */
export function withinXlsxLimits(data: Uint8Array): boolean {
  const over = new Error('over');
  let bytes = 0;
  let rows = 0;
  let cells = 0;
  const count = (text: string, tag: RegExp) => text.match(tag)?.length ?? 0;
  const unzip = new Unzip((file) => {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
    const decoder = new TextDecoder();
    let carry = '';
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      bytes += chunk.length;
      if (sheet) {
        const text = carry + decoder.decode(chunk, { stream: !final });
        // a tag cut at the chunk's end is counted with the next chunk
        const cut = final ? text.length : Math.max(0, text.lastIndexOf('<'));
        const whole = text.slice(0, cut);
        carry = text.slice(cut);
        rows += count(whole, /<(?:\w+:)?row[\s>]/g);
        cells += count(whole, /<(?:\w+:)?c[\s>/]/g);
      }
      if (bytes > XLSX_LIMITS.unzippedMb * 1024 * 1024 || rows > XLSX_LIMITS.rows || cells > XLSX_LIMITS.cells) throw over;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch (e) {
    if (e === over) return false;
    // not a zip fflate can read: exceljs says so in its own words
  }
  return true;
}

/** Workbooks read at once by this process (each in a worker of at most WORKER_HEAP_MB); others wait. */
const MAX_WORKERS = 2;
const WORKER_HEAP_MB = 512;
const WORKER_TIMEOUT_MS = 60_000;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * readXlsx in a worker thread, so that the event loop keeps serving other requests meanwhile; a
 * worker that runs out of its heap or time is stopped and the file refused as too big.
 */
export async function readXlsxOffThread(data: Buffer): Promise<ReadResult> {
  if (running < MAX_WORKERS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
  try {
    return await inWorker(data);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** The worker's module: compiled beside this one in dist/; from the sources, the worker starts
 *  without this process's TypeScript loader, so it registers tsx first. */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./xlsx-worker.js', import.meta.url);
  const entry = new URL('./xlsx-worker.ts', import.meta.url).href;
  const boot = `import{register}from${JSON.stringify(import.meta.resolve('tsx/esm/api'))};register();await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

function inWorker(data: Buffer): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let result: ReadResult | null = null;
    let failure: Error | null = null;
    const timer = setTimeout(() => void worker.terminate(), WORKER_TIMEOUT_MS);
    worker.once('message', (r: ReadResult) => (result = r));
    worker.once('error', (e: Error & { code?: string }) => {
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') failure = e;
    });
    worker.once('exit', () => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve(result ?? tooBig());
    });
  });
}

/** The first sheet of an XLSX workbook (in this thread: readUpload runs it in a worker). Hidden
 *  sheets and formulas are refused: what is imported must be what staff see, not a value computed
 *  from cells they cannot see. */
export async function readXlsx(data: Buffer): Promise<ReadResult> {
  if (!withinXlsxLimits(data)) return tooBig();
  // loaded on first use: exceljs takes seconds to load, and most requests never need it
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return fail('transfer.problems.unreadableFile');
  }
  const hidden = workbook.worksheets.filter((s) => s.state !== 'visible');
  if (hidden.length > 0) return fail('transfer.problems.hiddenSheet', { sheet: hidden.map((s) => s.name).join('، ') });
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail('transfer.problems.empty');
  const problems: Problem[] = [];
  const rows: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // (a merged cell's other parts repeat the first one's value: the carry-down reads them as "same")
      if (cell.type === Excel.ValueType.Formula) {
        problems.push({ row: rowNumber, column: columnAt(col - 1), key: 'transfer.problems.formula', values: { cell: cell.address } });
        return;
      }
      cells[col - 1] = unquoteSpreadsheetText(cellText(cell.value).trim());
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows };
}

const columnAt = (i: number) => columns[i] ?? null;

export type UploadKind = 'xlsx' | 'csv';

/** A file by its content, not its name: XLSX (a zip with a workbook) or UTF-8 text (CSV). */
export async function readUpload(data: Buffer): Promise<ReadResult> {
  if (data.length === 0) return fail('transfer.problems.empty');
  if (data.length > MAX_UPLOAD_BYTES) return fail('transfer.problems.tooLarge', { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(data);
  if (type?.ext === 'xlsx') return readXlsxOffThread(data);
  if (type) return fail('transfer.problems.wrongFormat', { found: type.ext });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return fail('transfer.problems.notUtf8');
  }
  // a text file with control characters other than tab and line breaks is not a table
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text)) return fail('transfer.problems.wrongFormat', { found: 'binary' });
  return readDelimited(text);
}
