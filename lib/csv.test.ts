import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '@/lib/csv';
import { FORMULA_CELLS, readCsv } from '@/lib/testing/csv';

test('formula-leading cells come back as text with an apostrophe', () => {
  const rows = readCsv(toCsv(['value'], FORMULA_CELLS.map((v) => [v])));
  assert.deepEqual(rows.slice(1).map((r) => r[0]), FORMULA_CELLS.map((v) => `'${v}`));
});

test('quotes, commas, line breaks, numbers, dates and empty cells survive a round trip', () => {
  const text = toCsv(['a', 'b', 'c', 'd', 'e'], [['Ada "the admin"', 'x,y', 'two\nlines', 45, new Date('2026-01-01T10:00:00Z')], [null, undefined, '', 0, -3]]);
  assert.ok(text.endsWith('\r\n'));
  assert.deepEqual(readCsv(text), [
    ['a', 'b', 'c', 'd', 'e'],
    ['Ada "the admin"', 'x,y', 'two\nlines', '45', '2026-01-01T10:00:00.000Z'],
    ['', '', '', '0', '-3'],
  ]);
  assert.match(text, /^\uFEFF"a","b","c","d","e"\r\n/);
});
