import Papa from 'papaparse';

export type CsvCell = string | number | Date | null | undefined;

/**
 * A leading = + - @ tab or CR makes a spreadsheet read a cell as a formula. papaparse's own pattern
 * (`/^[=+\-@\t\r].*$/`) misses a value with a line break after the trigger, so ours tests only the
 * first character.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * The one CSV writer for every export (attendance, audit log, invite links): papaparse's `unparse`
 * with every cell quoted and formula triggers neutralised with a leading apostrophe, CRLF line ends,
 * and a byte-order mark so spreadsheets read UTF-8 names correctly. Numbers stay numbers, dates are
 * written as ISO 8601 (UTC), null and undefined as empty cells.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell)));
  const text = Papa.unparse({ fields: [...header], data }, { quotes: true, escapeFormulae: FORMULA_TRIGGER, newline: '\r\n' });
  return `\uFEFF${text}\r\n`;
}

/** Response headers for a CSV download named `filename`. */
export function csvDownloadHeaders(filename: string): HeadersInit {
  return { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' };
}
