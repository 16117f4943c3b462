import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldSessions, isLive, personKey, sessionEnd, type Session } from '@/lib/attendance/sessions';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const TIMEOUT = 75_000;

function session(person: string, joined: number, end: { left?: number; seen?: number } = {}, extra: Partial<Session> = {}): Session {
  return {
    person,
    displayName: person,
    role: 'participant',
    mintedAt: at(joined),
    joinedAt: at(joined),
    leftAt: end.left === undefined ? null : at(end.left),
    lastSeenAt: end.seen === undefined ? null : at(end.seen),
    ...extra,
  };
}

test('a session ends at its Leave, else at its last heartbeat once that is stale, else it is live', () => {
  const now = at(60);
  assert.deepEqual(sessionEnd(session('a', 0, { left: 10, seen: 9 }), now, TIMEOUT), at(10));
  assert.deepEqual(sessionEnd(session('a', 0, { seen: 20 }), now, TIMEOUT), at(20));
  assert.equal(sessionEnd(session('a', 0, { seen: 59.5 }), now, TIMEOUT), null);
  assert.equal(isLive(session('a', 0, { seen: 59.5 }), now, TIMEOUT), true);
  // No heartbeat ever (crash right after joining): ends at the join, never blank.
  assert.deepEqual(sessionEnd(session('a', 30), now, TIMEOUT), at(30));
});

test('rejoins fold into one line with summed minutes and the number of sessions', () => {
  const lines = foldSessions(
    [session('guest', 0, { left: 10 }), session('guest', 15, { seen: 25 }), session('guest', 30, { left: 42 }), session('host', 0, { left: 50 }, { role: 'moderator' })],
    at(60),
    TIMEOUT,
  );
  assert.equal(lines.length, 2);
  const guest = lines.find((l) => l.person === 'guest')!;
  assert.equal(guest.sessions, 3);
  assert.equal(guest.minutes, 10 + 10 + 12);
  assert.deepEqual(guest.firstJoinedAt, at(0));
  assert.deepEqual(guest.lastLeftAt, at(42));
  assert.equal(lines.find((l) => l.person === 'host')!.role, 'moderator');
});

test('overlapping sessions (two tabs) count their union, not twice', () => {
  const line = foldSessions([session('p', 0, { left: 20 }), session('p', 10, { left: 30 }), session('p', 12, { left: 15 })], at(60), TIMEOUT)[0]!;
  assert.equal(line.minutes, 30);
  assert.equal(line.sessions, 3);
});

test('someone still in has no last leave and minutes up to now', () => {
  const line = foldSessions([session('p', 0, { left: 5 }), session('p', 10, { seen: 19.5 })], at(20), TIMEOUT)[0]!;
  assert.equal(line.lastLeftAt, null);
  assert.equal(line.minutes, 15);
});

test('lines come in order of first join and take the latest name', () => {
  const lines = foldSessions([session('b', 5, { left: 6 }), session('a', 1, { left: 2 }, { displayName: 'Old' }), session('a', 3, { left: 4 }, { displayName: 'New' })], at(10), TIMEOUT);
  assert.deepEqual(lines.map((l) => l.person), ['a', 'b']);
  assert.equal(lines[0]?.displayName, 'New');
});

test('employees and personal invites are one person each; every open-link use is its own', () => {
  const personal = new Set(['inv1']);
  assert.equal(personKey({ jti: 'j1', userId: 'u1', inviteId: null }, personal), 'user:u1');
  assert.equal(personKey({ jti: 'j2', userId: null, inviteId: 'inv1' }, personal), 'invite:inv1');
  assert.equal(personKey({ jti: 'j3', userId: null, inviteId: 'open' }, personal), 'session:j3');
});
