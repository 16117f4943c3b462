import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { roomFormSchema } from './schemas';

let database: TestDatabase;
let rooms: typeof import('./mutations');
let roomQueries: typeof import('./queries');
let meetings: typeof import('../meetings/mutations');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  rooms = await import('./mutations');
  roomQueries = await import('./queries');
  meetings = await import('../meetings/mutations');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

/** The first Monday of January two years ahead: inside the scheduling window whenever the test runs, and Berlin winter time (UTC+1). */
const firstMonday = (() => {
  const d = new Date(Date.UTC(new Date().getUTCFullYear() + 2, 0, 1));
  d.setUTCDate(1 + ((8 - d.getUTCDay()) % 7));
  return d;
})();
const day = (offset: number) => new Date(firstMonday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

let n = 0;
async function person(role: 'ADMIN' | 'MEMBER' = 'MEMBER') {
  const email = `p${++n}@example.com`;
  const user = await database.db.user.create({ data: { email, role, timeZone: 'Europe/Berlin' } });
  return { id: user.id, email, role, timeZone: user.timeZone };
}
const roomInput = (over: Record<string, string> = {}) => roomFormSchema.parse({ name: 'Team Standup', slug: `team-${++n}`, ...over });
const snapshot = (id: string) => database.db.room.findUniqueOrThrow({ where: { id }, include: { members: true } });

test("another member's room: every command is NOT_FOUND, like a room that does not exist, and nothing changes", async () => {
  const owner = await person();
  const other = await person();
  const room = await rooms.createRoom(owner, roomInput());
  const before = await snapshot(room.id);
  const input = roomInput({ name: 'Hijacked' });
  for (const attempt of [
    () => rooms.updateRoom(other, room.id, 1, input),
    () => rooms.rotateJitsiName(other, room.id),
    () => rooms.setRoomArchived(other, room.id, true),
    () => rooms.deleteRoom(other, room.id),
    () => rooms.updateRoom(other, 'no-such-room', 1, input),
  ]) {
    await assert.rejects(attempt(), { code: 'NOT_FOUND' });
  }
  assert.deepEqual(await snapshot(room.id), before);
  assert.equal(await roomQueries.getRoomForViewer(other, before.slug), null);
  assert.equal(await roomQueries.getRoomForViewer(other, 'no-such-slug'), null);
  await assert.rejects(
    meetings.createMeeting(other, { roomId: room.id, title: 'Sneaky', description: '', date: day(0), startTime: '09:00', endTime: '10:00', timeZone: 'UTC', frequency: 'none', weekdays: [], interval: 1, endKind: 'never', confirmOverlap: false, allowLinkSharing: false }),
    { code: 'NOT_FOUND' },
  );
  assert.equal(await database.db.meeting.count({ where: { roomId: room.id } }), 0);
});

test('co-hosts edit and rotate but cannot archive or delete; admins can do everything', async () => {
  const owner = await person();
  const coHost = await person();
  const admin = await person('ADMIN');
  const room = await rooms.createRoom(owner, roomInput({ coHosts: coHost.email }));
  const { jitsiName } = await snapshot(room.id);
  await rooms.rotateJitsiName(coHost, room.id);
  const rotated = await snapshot(room.id);
  assert.notEqual(rotated.jitsiName, jitsiName);
  await rooms.updateRoom(coHost, room.id, rotated.version, roomInput({ name: 'Renamed', coHosts: coHost.email }));
  assert.equal((await snapshot(room.id)).name, 'Renamed');
  await assert.rejects(rooms.setRoomArchived(coHost, room.id, true), { code: 'NOT_FOUND' });
  await assert.rejects(rooms.deleteRoom(coHost, room.id), { code: 'NOT_FOUND' });
  await rooms.setRoomArchived(admin, room.id, true);
  assert.ok((await snapshot(room.id)).archivedAt);
  await rooms.deleteRoom(admin, room.id);
  assert.equal(await database.db.room.count({ where: { id: room.id } }), 0);
});

test('two people saving the same room version: the second gets CONFLICT and the first edit stays', async () => {
  const owner = await person();
  const room = await rooms.createRoom(owner, roomInput());
  const { version } = await snapshot(room.id);
  const results = await Promise.allSettled([
    rooms.updateRoom(owner, room.id, version, roomInput({ name: 'First' })),
    rooms.updateRoom(owner, room.id, version, roomInput({ name: 'Second' })),
  ]);
  const rejected = results.filter((r) => r.status === 'rejected');
  assert.equal(rejected.length, 1);
  assert.equal(((rejected[0] as PromiseRejectedResult).reason as { code?: string }).code, 'CONFLICT');
  const saved = await snapshot(room.id);
  assert.equal(saved.version, version + 1);
  assert.ok(['First', 'Second'].includes(saved.name));
});

test('a taken address and an unknown co-host are field errors, and nothing is written', async () => {
  const owner = await person();
  const first = await rooms.createRoom(owner, roomInput());
  const count = await database.db.room.count();
  await assert.rejects(rooms.createRoom(owner, roomInput({ slug: first.slug })), (e: Error & { fieldErrors?: object }) => 'slug' in (e.fieldErrors ?? {}));
  await assert.rejects(rooms.createRoom(owner, roomInput({ coHosts: 'nobody@example.com' })), (e: Error & { fieldErrors?: object }) => 'coHosts' in (e.fieldErrors ?? {}));
  assert.equal(await database.db.room.count(), count);
});

test('meetings: overlap is warned about, a stale edit is a CONFLICT, an unknown occurrence is NOT_FOUND', async () => {
  const owner = await person();
  const room = await rooms.createRoom(owner, roomInput());
  const base = { roomId: room.id, description: '', timeZone: 'Europe/Berlin', weekdays: [] as ('MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU')[], interval: 1, endKind: 'never' as const, confirmOverlap: false, allowLinkSharing: false };
  const weekly = await meetings.createMeeting(owner, { ...base, title: 'Weekly', date: day(0), startTime: '09:00', endTime: '10:00', frequency: 'weekly' });
  await assert.rejects(
    meetings.createMeeting(owner, { ...base, title: 'Clash', date: day(14), startTime: '09:30', endTime: '10:30', frequency: 'none' }),
    (e: Error & { code?: string }) => e.code === 'OVERLAP' && /Weekly/.test(e.message),
  );
  await meetings.createMeeting(owner, { ...base, title: 'Clash', date: day(14), startTime: '09:30', endTime: '10:30', frequency: 'none', confirmOverlap: true });
  await meetings.createMeeting(owner, { ...base, title: 'No clash', date: day(14), startTime: '10:30', endTime: '11:30', frequency: 'none' });

  const input = { ...base, title: 'Weekly (new)', date: day(0), startTime: '09:00', endTime: '10:00', frequency: 'weekly' as const, confirmOverlap: true };
  await meetings.updateMeeting(owner, weekly.id, 1, input);
  await assert.rejects(meetings.updateMeeting(owner, weekly.id, 1, { ...input, title: 'Stale' }), { code: 'CONFLICT' });
  assert.equal((await database.db.meeting.findUniqueOrThrow({ where: { id: weekly.id } })).title, 'Weekly (new)');

  // The second Monday, 09:00 Berlin (winter) = 08:00Z, is an occurrence; 08:30Z is not.
  await meetings.cancelOccurrence(owner, weekly.id, new Date(`${day(7)}T08:00:00Z`));
  await assert.rejects(meetings.cancelOccurrence(owner, weekly.id, new Date(`${day(7)}T08:30:00Z`)), { code: 'NOT_FOUND' });
  const stored = await database.db.meeting.findUniqueOrThrow({ where: { id: weekly.id } });
  assert.deepEqual(stored.cancelledOccurrences, [new Date(`${day(7)}T08:00:00Z`)]);
});

test('the participant limit: empty is no limit, a whole number from 2 to 10,000 is kept, anything else is explained', async () => {
  assert.equal(roomInput().maxParticipants, null);
  assert.equal(roomInput({ maxParticipants: ' 25 ' }).maxParticipants, 25);
  const problems = (value: string) => roomFormSchema.safeParse({ name: 'Team', slug: 'team-limit', maxParticipants: value }).error?.issues.map((i) => i.message);
  assert.deepEqual(problems('1'), ['Allow at least 2 people, or leave it empty for no limit.']);
  assert.deepEqual(problems('10001'), ['At most 10,000 people.']);
  assert.deepEqual(problems('ten'), ['Enter a whole number of people, or leave it empty for no limit.']);
  assert.deepEqual(problems('2.5'), ['Enter a whole number of people, or leave it empty for no limit.']);
  const actor = { id: (await database.db.user.create({ data: { email: `limit-${Date.now()}@example.com` } })).id, email: 'x@example.com', role: 'MEMBER' as const };
  const { slug } = await rooms.createRoom(actor, roomInput({ maxParticipants: '40' }));
  assert.equal((await database.db.room.findUniqueOrThrow({ where: { slug } })).maxParticipants, 40);
});
