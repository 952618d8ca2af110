/** RFC 4180 CSV writing, with spreadsheet formula injection neutralised. */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** Cells a spreadsheet would run as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean)[]): string {
  return values.map(csvCell).join(',');
}

/** Rows joined by CRLF, ending with one, as RFC 4180 asks. */
export function csvDocument(rows: readonly (readonly (string | number | boolean)[])[]): string {
  return rows.map(csvRow).join('\r\n') + '\r\n';
}
