import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceCsv, csvCell } from './attendance';

test('CSV cells cannot start a spreadsheet formula', () => {
  assert.equal(csvCell('=HYPERLINK("http://evil.test","x")'), `"'=HYPERLINK(""http://evil.test"",""x"")"`);
  for (const trigger of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(trigger).startsWith(`"'`), JSON.stringify(trigger));
  assert.equal(csvCell('Ada "the admin"'), '"Ada ""the admin"""');
});

test('the attendance export lists who came and who did not', () => {
  const csv = attendanceCsv({
    present: [{ name: 'Ann', email: 'ann@x.test', kind: 'Guest', role: 'Participant', joinedAt: new Date('2026-01-01T10:00:00Z'), leftAt: new Date('2026-01-01T10:45:00Z'), minutes: 45 }],
    noShows: [{ name: '=cmd', email: 'bob@x.test', kind: 'Guest', role: 'Participant', joinedAt: null, leftAt: null, minutes: null }],
  });
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /"Ann","ann@x.test","Guest","Participant","yes","2026-01-01T10:00:00.000Z","2026-01-01T10:45:00.000Z","45"/);
  assert.match(lines[2]!, /^"'=cmd","bob@x.test","Guest","Participant","no"/);
});
