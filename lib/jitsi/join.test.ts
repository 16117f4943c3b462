import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let join: typeof import('./join');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.JITSI_DOMAIN = 'meet.example.com';
  process.env.JITSI_APP_SECRET = 'integration-test-secret-0123456789abcdef';
  join = await import('./join');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

let n = 0;
async function person(role: 'ADMIN' | 'MEMBER' = 'MEMBER') {
  const user = await database.db.user.create({ data: { email: `j${++n}@example.com`, role, timeZone: 'UTC' } });
  return { ...user, role };
}
async function room(ownerId: string, extra: object = {}) {
  return database.db.room.create({ data: { slug: `r-${++n}`, name: `Room ${n}`, ownerId, jitsiName: `jitsiroom${n}`, ...extra } });
}
const at = (iso: string) => new Date(iso);

test('roles: host, co-host and admin moderate; participants and invited people take part; others are refused like a missing room', async () => {
  const [host, coHost, participant, invited, admin, stranger] = [await person(), await person(), await person(), await person(), await person('ADMIN'), await person()];
  const r = await room(host.id, { alwaysOpen: true, members: { create: [{ userId: coHost.id, role: 'CO_HOST' }, { userId: participant.id, role: 'PARTICIPANT' }] } });
  const meeting = await database.db.meeting.create({ data: { roomId: r.id, organizerId: host.id, title: 'M', startsAt: at('2030-01-01T10:00:00Z'), endsAt: at('2030-01-01T11:00:00Z'), timeZone: 'UTC' } });
  await database.db.invite.create({ data: { roomId: r.id, meetingId: meeting.id, createdById: host.id, email: invited.email, tokenHash: `h${n}`, expiresAt: at('2030-01-02T00:00:00Z') } });
  const roleOf = async (viewer: typeof host, target: import('./join').JoinTarget, now = at('2030-01-01T10:30:00Z')) => {
    const d = await join.decideJoin(viewer, target, now);
    return d.ok ? d.role : d.reason;
  };
  const inRoom = { kind: 'room' as const, slug: r.slug };
  const inMeeting = { kind: 'meeting' as const, meetingId: meeting.id };
  assert.equal(await roleOf(host, inRoom), 'moderator');
  assert.equal(await roleOf(coHost, inRoom), 'moderator');
  assert.equal(await roleOf(admin, inRoom), 'moderator');
  assert.equal(await roleOf(participant, inRoom), 'participant');
  assert.equal(await roleOf(invited, inMeeting), 'participant');
  assert.equal(await roleOf(invited, inRoom), 'not_found', 'an invitation is for its meeting only');
  assert.equal(await roleOf(stranger, inRoom), 'not_found');
  assert.equal(await roleOf(stranger, inMeeting), 'not_found');
  assert.equal(await roleOf(stranger, { kind: 'meeting', meetingId: 'missing' }), 'not_found');

  // Invited by address as co-host: moderator in that meeting, whichever button they press.
  const coHostByAddress = await person();
  await database.db.invite.create({ data: { roomId: r.id, meetingId: meeting.id, createdById: host.id, email: coHostByAddress.email, role: 'CO_HOST', tokenHash: `h${++n}`, expiresAt: at('2030-01-02T00:00:00Z') } });
  assert.equal(await roleOf(coHostByAddress, inMeeting), 'moderator');
  assert.equal(await roleOf(participant, inMeeting), 'participant');
});

test('lobby claims follow the room setting: guests wait rooms let employees in, everyone-waits rooms hold back participants only', async () => {
  const [host, participant] = [await person(), await person()];
  const r = await room(host.id, { alwaysOpen: true, lobby: 'EVERYONE', members: { create: [{ userId: participant.id, role: 'PARTICIPANT' }] } });
  const lobbyOf = async (viewer: typeof host) => {
    const d = await join.decideJoin(viewer, { kind: 'room', slug: r.slug });
    return d.ok ? d.lobby : d.reason;
  };
  assert.deepEqual(await lobbyOf(host), { wait: false, bypass: true });
  assert.deepEqual(await lobbyOf(participant), { wait: true, bypass: false });
  await database.db.room.update({ where: { id: r.id }, data: { lobby: 'GUESTS' } });
  assert.deepEqual(await lobbyOf(participant), { wait: false, bypass: false });
});

test('the join window, cancellations and archiving', async () => {
  const host = await person();
  const r = await room(host.id);
  // Weekly on Mondays 09:00–10:00 UTC from 2030-01-07; the 14th is cancelled.
  const meeting = await database.db.meeting.create({
    data: { roomId: r.id, organizerId: host.id, title: 'Weekly', startsAt: at('2030-01-07T09:00:00Z'), endsAt: at('2030-01-07T10:00:00Z'), timeZone: 'UTC', recurrence: 'FREQ=WEEKLY;BYDAY=MO', cancelledOccurrences: [at('2030-01-14T09:00:00Z')] },
  });
  const target = { kind: 'meeting' as const, meetingId: meeting.id };
  const reason = async (now: string) => {
    const d = await join.decideJoin(host, target, at(now));
    return d.ok ? 'ok' : d.reason;
  };
  assert.equal(await reason('2030-01-07T08:49:00Z'), 'too_early');
  assert.equal(await reason('2030-01-07T08:50:00Z'), 'ok');
  assert.equal(await reason('2030-01-07T09:59:59Z'), 'ok');
  assert.equal(await reason('2030-01-07T10:00:00Z'), 'too_early', 'between occurrences, the next one is ahead');
  assert.equal(await reason('2030-01-14T09:10:00Z'), 'cancelled');
  assert.equal(await reason('2030-01-21T09:10:00Z'), 'ok');
  assert.equal((await join.decideJoin(host, { kind: 'room', slug: r.slug }, at('2030-01-21T09:10:00Z'))).ok, false, 'not always open: join through the meeting');
  await database.db.room.update({ where: { id: r.id }, data: { archivedAt: new Date() } });
  assert.equal(await reason('2030-01-21T09:10:00Z'), 'archived');
  await database.db.meeting.update({ where: { id: meeting.id }, data: { cancelledAt: new Date() } });
});

test('a ticket records the jti and role, never the token', async () => {
  const host = await person();
  const r = await room(host.id, { alwaysOpen: true });
  const decision = await join.decideJoin(host, { kind: 'room', slug: r.slug });
  assert.ok(decision.ok);
  const ticket = await join.issueTicket(host, decision);
  assert.equal(ticket.role, 'moderator');
  assert.equal(ticket.domain, 'meet.example.com');
  const attendance = await database.db.attendance.findUniqueOrThrow({ where: { jti: ticket.jti } });
  assert.equal(attendance.userId, host.id);
  const audit = await database.db.auditEvent.findFirstOrThrow({ where: { kind: 'token.minted', roomId: r.id } });
  assert.equal((audit.data as { jti: string }).jti, ticket.jti);
  assert.ok(!JSON.stringify(audit).includes(ticket.token));
  assert.equal(ticket.lifetimeSeconds, 600);
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'joined'), true);
  const other = await person();
  assert.equal(await join.recordSessionEvent({ userId: other.id }, ticket.jti, 'left'), false, "nobody reports someone else's attendance");
  assert.equal(await join.recordSessionEvent({ userId: other.id }, ticket.jti, 'heartbeat'), false);
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'left'), true);
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'heartbeat'), false, 'no heartbeat after the leave');
});

test('heartbeats keep a session alive, at most one write per half interval; a rejoin keeps the first join', async () => {
  const host = await person();
  const r = await room(host.id, { alwaysOpen: true });
  const decision = await join.decideJoin(host, { kind: 'room', slug: r.slug });
  assert.ok(decision.ok);
  const ticket = await join.issueTicket(host, decision);
  const t0 = new Date();
  const later = (s: number) => new Date(t0.getTime() + s * 1000);
  const row = () => database.db.attendance.findUniqueOrThrow({ where: { jti: ticket.jti } });
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'joined', undefined, t0), true);
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'heartbeat', undefined, later(5)), false, 'too soon (interval 30 s)');
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'heartbeat', undefined, later(30)), true);
  assert.deepEqual((await row()).lastSeenAt, later(30));
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'joined', undefined, later(40)), true);
  const after = await row();
  assert.deepEqual([after.joinedAt, after.lastSeenAt], [t0, later(40)]);
});

test('ending for everyone: heartbeats and re-joins of older tokens answer "ended"; the meeting that was on refuses new tokens', async () => {
  const host = await person();
  const r = await room(host.id, { alwaysOpen: true });
  const decision = await join.decideJoin(host, { kind: 'room', slug: r.slug });
  assert.ok(decision.ok);
  const ticket = await join.issueTicket(host, decision);
  const t0 = new Date();
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'joined', undefined, t0), true);
  const { endLiveMeeting } = await import('../rooms/mutations');
  const stranger = await person();
  await assert.rejects(endLiveMeeting(stranger, r.id), /NOT_FOUND|could not find/i, 'only the room’s moderators may end it');
  assert.deepEqual(await endLiveMeeting(host, r.id), { closed: 1 });
  const row = await database.db.attendance.findUniqueOrThrow({ where: { jti: ticket.jti } });
  assert.ok(row.leftAt, 'the session is closed');
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'heartbeat', undefined, new Date(Date.now() + 60_000)), 'ended');
  assert.equal(await join.recordSessionEvent({ userId: host.id }, ticket.jti, 'joined', undefined, new Date(Date.now() + 60_000)), 'ended', 'a stale page cannot reopen it');
  assert.equal((await database.db.attendance.findUniqueOrThrow({ where: { jti: ticket.jti } })).leftAt?.getTime(), row.leftAt.getTime());

  const windowOpen = { title: 'Standup', startsAt: new Date(Date.now() - 5 * 60_000), endsAt: new Date(Date.now() + 25 * 60_000), timeZone: 'UTC', recurrence: null, cancelledOccurrences: [] };
  assert.equal(join.meetingWindowRefusal({ ...windowOpen, room: { endedAt: null } }, new Date(), 'UTC'), null);
  assert.equal(join.meetingWindowRefusal({ ...windowOpen, room: { endedAt: new Date() } }, new Date(), 'UTC')?.reason, 'ended');
  assert.equal(join.meetingWindowRefusal({ ...windowOpen, room: { endedAt: new Date(Date.now() - 86_400_000) } }, new Date(), 'UTC'), null, 'an earlier end does not block a later meeting');
});
