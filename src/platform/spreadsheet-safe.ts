// Text written into CSV and XLSX exports comes from citizens and staff. A spreadsheet reads a cell
// that starts with = + - @ (or a tab or carriage return before one) as a formula: `=HYPERLINK(…)`
// or `=cmd|…` would run on the reader's machine. OWASP's rule: prefix such text with a quote,
// which spreadsheets show as text. Numbers stay numbers (a negative amount is not text).

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as written into an export: text that a spreadsheet would read as a formula gets a leading `'`. */
export function spreadsheetSafe<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse, for an export read back by the import: the quote the export added is removed. */
export function unquoteSpreadsheetText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
