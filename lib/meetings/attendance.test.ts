import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceCsv } from './attendance';
import { FORMULA_CELLS, readCsv } from '@/lib/testing/csv';

const guest = { email: 'bob@x.test', kind: 'Guest', role: 'Participant', joinedAt: null, leftAt: null, minutes: null } as const;

test('the attendance export lists who came and who did not', () => {
  const csv = attendanceCsv({
    present: [{ name: 'Ann', email: 'ann@x.test', kind: 'Guest', role: 'Participant', joinedAt: new Date('2026-01-01T10:00:00Z'), leftAt: new Date('2026-01-01T10:45:00Z'), minutes: 45 }],
    noShows: [{ ...guest, name: 'Bob' }],
  });
  assert.deepEqual(readCsv(csv), [
    ['name', 'email', 'kind', 'role', 'attended', 'joined (UTC)', 'left (UTC)', 'minutes'],
    ['Ann', 'ann@x.test', 'Guest', 'Participant', 'yes', '2026-01-01T10:00:00.000Z', '2026-01-01T10:45:00.000Z', '45'],
    ['Bob', 'bob@x.test', 'Guest', 'Participant', 'no', '', '', ''],
  ]);
});

test('names in the attendance export cannot start a spreadsheet formula', () => {
  const rows = readCsv(attendanceCsv({ present: [], noShows: FORMULA_CELLS.map((name) => ({ ...guest, name })) }));
  assert.deepEqual(rows.slice(1).map((r) => r[0]), FORMULA_CELLS.map((v) => `'${v}`));
});
