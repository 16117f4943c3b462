import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inviteLinksCsv } from './links-csv';
import { FORMULA_CELLS, readCsv } from '@/lib/testing/csv';

test('the invite-links CSV has one personal link per invite', () => {
  assert.deepEqual(readCsv(inviteLinksCsv([{ name: 'Ann "A" Lee', email: 'ann@x.test', token: 'tok1' }], 'https://portal.example')), [
    ['name', 'email', 'link'],
    ['Ann "A" Lee', 'ann@x.test', 'https://portal.example/invite/tok1'],
  ]);
});

test('names in the invite-links CSV cannot start a spreadsheet formula', () => {
  // Issue 13, finding 3: these came back unneutralised from "Download links (CSV)".
  const created = FORMULA_CELLS.map((name, i) => ({ name, email: `g${i}@x.test`, token: `t${i}` }));
  const rows = readCsv(inviteLinksCsv(created, 'https://portal.example'));
  assert.deepEqual(rows.slice(1).map((r) => r[0]), FORMULA_CELLS.map((v) => `'${v}`));
});
