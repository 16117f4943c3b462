import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { roomAccessWhere, roomCan, roomMembershipSelect, roomPermissions, roomRoleOf, type RoomPermission } from './permissions';

let database: TestDatabase;
let meetings: typeof import('../meetings/queries');
let rooms: typeof import('../rooms/queries');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  meetings = await import('../meetings/queries');
  rooms = await import('../rooms/queries');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

let n = 0;
async function person(role: 'ADMIN' | 'MEMBER' = 'MEMBER') {
  const email = `perm${++n}@example.com`;
  const user = await database.db.user.create({ data: { email, role } });
  return { id: user.id, email, role };
}

/** A room with one person in every part, a meeting in it and one invitation by address. */
async function cast() {
  const [host, coHost, participant, invited, admin, adminHost, adminParticipant, outsider] = [
    await person(), await person(), await person(), await person(), await person('ADMIN'), await person('ADMIN'), await person('ADMIN'), await person(),
  ];
  const room = await database.db.room.create({
    data: {
      slug: `perm-${++n}`, name: `Room ${n}`, ownerId: host.id, jitsiName: `permroom${n}`,
      members: { create: [{ userId: coHost.id, role: 'CO_HOST' }, { userId: participant.id, role: 'PARTICIPANT' }, { userId: adminParticipant.id, role: 'PARTICIPANT' }] },
    },
  });
  const adminRoom = await database.db.room.create({ data: { slug: `perm-${++n}`, name: `Room ${n}`, ownerId: adminHost.id, jitsiName: `permroom${n}` } });
  const startsAt = new Date('2030-01-07T09:00:00Z');
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Plan', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  const adminMeeting = await database.db.meeting.create({ data: { roomId: adminRoom.id, organizerId: adminHost.id, title: 'Admin plan', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, email: invited.email, tokenHash: `perm-${n}`, expiresAt: new Date('2030-01-08T00:00:00Z') } });
  return { people: { host, coHost, participant, invited, admin, adminHost, adminParticipant, outsider }, room, adminRoom, meeting, adminMeeting };
}

const ALL = Object.keys(roomPermissions) as RoomPermission[];
const MANAGE: RoomPermission[] = ['room.view', 'room.edit', 'room.rotate_link', 'room.moderate', 'meeting.schedule', 'meeting.edit'];

test('one rule: the where clause and the in-memory check agree, for every part a person can play and every permission', async () => {
  const { people, room } = await cast();
  const expected: Record<keyof typeof people, RoomPermission[]> = {
    host: ALL,
    coHost: MANAGE,
    participant: ['room.view'],
    invited: [],
    admin: ALL,
    adminHost: ALL,
    adminParticipant: ALL,
    outsider: [],
  };
  for (const [who, user] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    const loaded = await database.db.room.findUniqueOrThrow({ where: { id: room.id }, select: roomMembershipSelect(user.id) });
    for (const permission of ALL) {
      const inQuery = (await database.db.room.count({ where: { id: room.id, AND: roomAccessWhere(user, permission) } })) > 0;
      // Nested the way meeting queries use it: inside an OR and a relation filter (where `{}` once matched nothing).
      const nested = (await database.db.meeting.count({ where: { roomId: room.id, OR: [{ room: roomAccessWhere(user, permission) }, { title: 'no such title' }] } })) > 0;
      const want = expected[who].includes(permission);
      assert.equal(inQuery, want, `${who} ${permission} (query)`);
      assert.equal(nested, want, `${who} ${permission} (nested in OR)`);
      assert.equal(roomCan(user, loaded, permission), want, `${who} ${permission} (roomCan)`);
    }
  }
  assert.equal(roomRoleOf(people.host.id, await database.db.room.findUniqueOrThrow({ where: { id: room.id }, select: roomMembershipSelect(people.host.id) })), 'host');
  assert.equal(roomRoleOf(people.admin.id, await database.db.room.findUniqueOrThrow({ where: { id: room.id }, select: roomMembershipSelect(people.admin.id) })), null, 'admin powers are not a role in the room');
});

test("the admin's every-room rule never widens a query beyond the id it is given", async () => {
  const { people, room, adminRoom } = await cast();
  for (const permission of ALL) {
    const found = await database.db.room.findMany({ where: { id: room.id, AND: roomAccessWhere(people.admin, permission) }, select: { id: true } });
    assert.deepEqual(found, [{ id: room.id }], permission);
  }
  assert.equal(await database.db.room.count({ where: { id: 'missing', AND: roomAccessWhere(people.admin, 'room.view') } }), 0);
  assert.ok(adminRoom);
});

test('a meeting page opens for everyone who may see it, with editing for those who may edit — admins included, on their own meetings and others', async () => {
  const { people, meeting, adminMeeting } = await cast();
  const outcome = async (user: (typeof people)[keyof typeof people], id: string) => {
    const m = await meetings.getMeetingForViewer(user, id);
    return m ? (m.canEdit ? 'edit' : 'view') : 'none';
  };
  assert.equal(await outcome(people.host, meeting.id), 'edit');
  assert.equal(await outcome(people.coHost, meeting.id), 'edit');
  assert.equal(await outcome(people.participant, meeting.id), 'view');
  assert.equal(await outcome(people.invited, meeting.id), 'view');
  assert.equal(await outcome(people.admin, meeting.id), 'edit');
  assert.equal(await outcome(people.adminParticipant, meeting.id), 'edit');
  assert.equal(await outcome(people.outsider, meeting.id), 'none');
  assert.equal(await outcome(people.adminHost, adminMeeting.id), 'edit', 'an admin opens the meeting they organise');
  assert.equal(await outcome(people.host, adminMeeting.id), 'none');
  assert.equal(await outcome(people.admin, 'missing'), 'none');
  const page = await meetings.getMeetingForViewer(people.admin, meeting.id);
  assert.equal('members' in page!.room || 'ownerId' in page!.room, false, 'the membership rows used for the check are not handed on');

  await database.db.invite.updateMany({ where: { meetingId: meeting.id }, data: { revokedAt: new Date() } });
  assert.equal(await outcome(people.invited, meeting.id), 'none', 'a revoked invitation opens nothing');
});

test("my rooms and the dashboard are the person's own: admin powers do not fill them with everyone's", async () => {
  const { people, room, adminRoom } = await cast();
  const mine = async (user: { id: string }) => (await rooms.listMyRooms(user.id)).filter((r) => r.id === room.id || r.id === adminRoom.id).map((r) => `${r.slug}:${r.myRole}`);
  assert.deepEqual(await mine(people.host), [`${room.slug}:host`]);
  assert.deepEqual(await mine(people.coHost), [`${room.slug}:co_host`]);
  assert.deepEqual(await mine(people.participant), [`${room.slug}:participant`]);
  assert.deepEqual(await mine(people.admin), []);
  assert.deepEqual(await mine(people.adminHost), [`${adminRoom.slug}:host`]);
  assert.deepEqual(await mine(people.adminParticipant), [`${room.slug}:participant`]);

  const now = new Date('2030-01-07T08:00:00Z');
  const upcoming = async (user: (typeof people)[keyof typeof people]) => (await meetings.listUpcomingOccurrences(user, now)).map((o) => `${o.title}:${o.invited ? 'invited' : 'member'}`);
  assert.deepEqual(await upcoming(people.coHost), ['Plan:member']);
  assert.deepEqual(await upcoming(people.participant), ['Plan:member']);
  assert.deepEqual(await upcoming(people.invited), ['Plan:invited']);
  assert.deepEqual(await upcoming(people.admin), []);
  assert.deepEqual(await upcoming(people.adminHost), ['Admin plan:member']);
  assert.deepEqual(await upcoming(people.outsider), []);
});

test('callers nest the access rule instead of spreading it, so it can neither overwrite nor be overwritten', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      return e.isDirectory() ? (e.name === 'generated' ? [] : walk(rel)) : /\.tsx?$/.test(e.name) ? [rel] : [];
    });
  const files = ['lib', 'app'].flatMap((dir) => walk(dir));
  const spread = files.filter((f) => /\.\.\.\s*room(Access|Member)Where\(/.test(fs.readFileSync(path.join(root, f), 'utf8')));
  assert.deepEqual(spread, []);
});
