import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceCsv, peopleCount } from './attendance';
import { FORMULA_CELLS, readCsv } from '@/lib/testing/csv';

test('the attendance export has one line per person with minutes and sessions, then who did not come', () => {
  const csv = attendanceCsv({
    people: [
      { name: 'Ann', email: 'ann@x.test', kind: 'Guest', role: 'Participant', firstJoinedAt: new Date('2026-01-01T10:00:00Z'), lastLeftAt: new Date('2026-01-01T10:45:00Z'), minutes: 40, sessions: 3, refusedUses: 1, sharedUses: 0 },
      { name: 'Hal', email: 'hal@x.test', kind: 'Employee', role: 'Moderator', firstJoinedAt: new Date('2026-01-01T10:00:00Z'), lastLeftAt: null, minutes: 50, sessions: 1, refusedUses: 0, sharedUses: 0 },
    ],
    noShows: [{ name: '=cmd', email: 'bob@x.test', role: 'Participant' }],
  });
  assert.deepEqual(readCsv(csv), [
    ['name', 'email', 'kind', 'role', 'attended', 'first joined (UTC)', 'last left (UTC)', 'minutes', 'sessions', 'link refused while in use', 'link shared'],
    ['Ann', 'ann@x.test', 'Guest', 'Participant', 'yes', '2026-01-01T10:00:00.000Z', '2026-01-01T10:45:00.000Z', '40', '3', '1', '0'],
    ['Hal', 'hal@x.test', 'Employee', 'Moderator', 'yes', '2026-01-01T10:00:00.000Z', '', '50', '1', '0', '0'],
    ["'=cmd", 'bob@x.test', 'Guest', 'Participant', 'no', '', '', '0', '0', '', ''],
  ]);
});

test('names in the attendance export cannot start a spreadsheet formula', () => {
  const rows = readCsv(attendanceCsv({ people: [], noShows: FORMULA_CELLS.map((name) => ({ name, email: 'bob@x.test', role: 'Participant' as const })) }));
  assert.deepEqual(rows.slice(1).map((r) => r[0]), FORMULA_CELLS.map((v) => `'${v}`));
});

test('the headline counts people', () => {
  assert.equal(peopleCount(1), '1 person');
  assert.equal(peopleCount(22), '22 people');
});

test('from the database: one line per person with summed minutes; a closed tab ends at its last heartbeat; open-link uses are people of their own', async (t) => {
  const { createTestDatabase } = await import('../testing/database');
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  t.after(async () => {
    const { db } = await import('../db');
    await db.$disconnect();
    await database.drop();
  });
  const { meetingAttendance } = await import('./attendance');
  const d = database.db;
  const host = await d.user.create({ data: { email: 'host@example.com', name: 'Hal Host' } });
  const room = await d.room.create({ data: { slug: 'att', name: 'Att', ownerId: host.id, jitsiName: 'att', guestsAllowed: true } });
  const start = new Date('2026-12-01T10:00:00Z');
  const meeting = await d.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'W', startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), timeZone: 'UTC' } });
  const invite = (name: string, email: string | null, extra: object = {}) =>
    d.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: `h-${name}`, name, email, expiresAt: meeting.endsAt, ...extra } });
  const ada = await invite('Ada', 'ada@partner.test', { refusedUses: 2 });
  await invite('Bo', 'bo@partner.test');
  const open = await invite('open', null, { maxUses: 5 });
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  let n = 0;
  const session = (data: { userId?: string; inviteId?: string; displayName: string; joined: number; left?: number; seen?: number }) =>
    d.attendance.create({
      data: {
        jti: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, roomId: room.id, meetingId: meeting.id, userId: data.userId, inviteId: data.inviteId, displayName: data.displayName,
        role: data.userId ? 'moderator' : 'participant', mintedAt: at(data.joined), expiresAt: at(data.joined + 10), joinedAt: at(data.joined),
        leftAt: data.left === undefined ? null : at(data.left), lastSeenAt: data.seen === undefined ? null : at(data.seen),
      },
    });
  await session({ userId: host.id, displayName: 'Hal Host', joined: 0, left: 60 });
  await session({ inviteId: ada.id, displayName: 'Ada', joined: 1, left: 11 });
  await session({ inviteId: ada.id, displayName: 'Ada', joined: 20, seen: 35 }); // tab closed at 35
  await session({ inviteId: ada.id, displayName: 'Ada', joined: 40, left: 45 });
  await session({ inviteId: open.id, displayName: 'Walk-in 1', joined: 2, left: 12 });
  await session({ inviteId: open.id, displayName: 'Walk-in 2', joined: 3, left: 13 });
  // Minted but never joined: not attendance.
  await d.attendance.create({ data: { jti: '00000000-0000-4000-8000-999999999999', roomId: room.id, meetingId: meeting.id, inviteId: ada.id, displayName: 'Ada', role: 'participant', expiresAt: at(70) } });

  const { people, noShows } = await meetingAttendance(meeting.id, at(120));
  assert.deepEqual(
    people.map((p) => [p.name, p.kind, p.role, p.minutes, p.sessions, p.lastLeftAt?.toISOString(), p.refusedUses]),
    [
      ['Hal Host', 'Employee', 'Moderator', 60, 1, at(60).toISOString(), 0],
      ['Ada', 'Guest', 'Participant', 10 + 15 + 5, 3, at(45).toISOString(), 2],
      ['Walk-in 1', 'Guest', 'Participant', 10, 1, at(12).toISOString(), 0],
      ['Walk-in 2', 'Guest', 'Participant', 10, 1, at(13).toISOString(), 0],
    ],
  );
  assert.equal(people[0]?.email, 'host@example.com');
  assert.deepEqual(noShows, [{ name: 'Bo', email: 'bo@partner.test', role: 'Participant' }]);
});
