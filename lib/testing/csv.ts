import assert from 'node:assert/strict';
import Papa from 'papaparse';

/** Every formula trigger a spreadsheet honours, as the first character of a cell (for export tests). */
export const FORMULA_CELLS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '=1+1\n2'];

/** Parses an export back into rows, after checking it starts with the byte-order mark. */
export function readCsv(text: string): string[][] {
  assert.ok(text.startsWith('\uFEFF'), 'starts with a byte-order mark');
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}
