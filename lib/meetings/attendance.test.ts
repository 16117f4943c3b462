import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceCsv, csvCell, peopleCount } from './attendance';

test('CSV cells cannot start a spreadsheet formula', () => {
  assert.equal(csvCell('=HYPERLINK("http://evil.test","x")'), `"'=HYPERLINK(""http://evil.test"",""x"")"`);
  for (const trigger of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(trigger).startsWith(`"'`), JSON.stringify(trigger));
  assert.equal(csvCell('Ada "the admin"'), '"Ada ""the admin"""');
});

test('the attendance export has one line per person with minutes and sessions, then who did not come', () => {
  const csv = attendanceCsv({
    people: [
      { name: 'Ann', email: 'ann@x.test', kind: 'Guest', role: 'Participant', firstJoinedAt: new Date('2026-01-01T10:00:00Z'), lastLeftAt: new Date('2026-01-01T10:45:00Z'), minutes: 40, sessions: 3, refusedUses: 1, sharedUses: 0 },
      { name: 'Hal', email: 'hal@x.test', kind: 'Employee', role: 'Moderator', firstJoinedAt: new Date('2026-01-01T10:00:00Z'), lastLeftAt: null, minutes: 50, sessions: 1, refusedUses: 0, sharedUses: 0 },
    ],
    noShows: [{ name: '=cmd', email: 'bob@x.test', role: 'Participant' }],
  });
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[0], '"name","email","kind","role","attended","first joined (UTC)","last left (UTC)","minutes","sessions","link refused while in use","link shared"');
  assert.equal(lines[1], '"Ann","ann@x.test","Guest","Participant","yes","2026-01-01T10:00:00.000Z","2026-01-01T10:45:00.000Z","40","3","1","0"');
  assert.match(lines[2]!, /^"Hal","hal@x.test","Employee","Moderator","yes","2026-01-01T10:00:00.000Z","","50","1"/);
  assert.match(lines[3]!, /^"'=cmd","bob@x.test","Guest","Participant","no"/);
});

test('the headline counts people', () => {
  assert.equal(peopleCount(1), '1 person');
  assert.equal(peopleCount(22), '22 people');
});
