import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../testing/database';
import { parseEvent, portalRoomName, tokenHolder, type EventPath } from './payload';

let database: TestDatabase;
let ingest: typeof import('./ingest');
let attendance: typeof import('../../meetings/attendance');
let live: typeof import('./live');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.JITSI_EVENTS_SECRET = 'events-test-secret-0123456789abcdef0123';
  ingest = await import('./ingest');
  attendance = await import('../../meetings/attendance');
  live = await import('./live');
});
after(async () => {
  const { db } = await import('../../db');
  await db.$disconnect();
  await database.drop();
});

const T0 = Math.floor(Date.now() / 1000) - 3600; // an hour ago, in whole seconds as Jitsi sends them
const jid = (n: number | string) => `0a1b2c3d-${String(n).padStart(4, '0')}-4e5f-8a9b-0c1d2e3f4a5b@meet.example.com/res${n}`;

let n = 0;
/** A room with a meeting that started 70 minutes ago, a member with a ticket for it, and a guest invite with one. */
async function workshop() {
  n++;
  const db = database.db;
  const host = await db.user.create({ data: { email: `host-${n}@example.com`, name: 'Hana Host' } });
  const member = await db.user.create({ data: { email: `mia-${n}@example.com`, name: 'Mia Member' } });
  const room = await db.room.create({ data: { slug: `ev-${n}`, name: `Events ${n}`, ownerId: host.id, jitsiName: `eventsroom${n}`, guestsAllowed: true } });
  const startsAt = new Date((T0 - 600) * 1000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Workshop', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), timeZone: 'UTC' } });
  const invite = await db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: `h-${n}`, name: 'Gus Guest', email: `gus-${n}@partner.test`, expiresAt: meeting.endsAt } });
  const minted = new Date((T0 - 30) * 1000);
  for (const holder of [{ userId: host.id, role: 'moderator' }, { userId: member.id, role: 'participant' }, { inviteId: invite.id, role: 'participant' }]) {
    await db.attendance.create({ data: { jti: `jti-${n}-${holder.userId ?? holder.inviteId}`, roomId: room.id, meetingId: meeting.id, displayName: 'x', expiresAt: new Date(minted.getTime() + 600_000), mintedAt: minted, ...holder } });
  }
  return { host, member, room, meeting, invite };
}

function occupant(id: string | undefined, name: string, n: number, joined: number, left?: number) {
  return { ...(id ? { id } : {}), name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, occupant_jid: jid(n), joined_at: joined, ...(left ? { left_at: left } : {}) };
}

/** Sends one event as the receiver does: parse, then ingest with the raw body. */
async function send(path: EventPath, body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const parsed = parseEvent(path, JSON.parse(raw));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return ingest.ingestEvent(path, raw, parsed.event);
}

const joined = (room: string, occ: ReturnType<typeof occupant>, extra: Record<string, unknown> = {}) => ({ event_name: 'muc-occupant-joined', room_name: room, room_jid: `${room}@conference.meet.example.com`, is_breakout: false, active_occupants_count: 1, occupant: occ, ...extra });
const left = (room: string, occ: ReturnType<typeof occupant>, extra: Record<string, unknown> = {}) => ({ event_name: 'muc-occupant-left', room_name: room, room_jid: `${room}@conference.meet.example.com`, is_breakout: false, active_occupants_count: 0, occupant: occ, ...extra });

test('recorded payloads of every event type parse; anything else is refused with a reason', () => {
  const created = { event_name: 'muc-room-created', room_name: 'catchup', room_jid: 'catchup@conference.meet.mydomain.com', is_breakout: false, created_at: 1625823996 };
  assert.ok(parseEvent('room/created', created).ok);
  const destroyed = { ...created, event_name: 'muc-room-destroyed', destroyed_at: 1625824035, all_occupants: [{ name: 'James Barrow', email: 'j.barrow@domain.com', id: '00380324-a840-400d-880f-7ee0933b7556', occupant_jid: '14f01c40-5195-4a4d-8efb-f58b49d18741@meet.mydomain.com/OWhl8jSh', joined_at: 1625823996, left_at: 1625824035 }] };
  const parsedDestroyed = parseEvent('room/destroyed', destroyed);
  assert.ok(parsedDestroyed.ok && parsedDestroyed.event.path === 'room/destroyed' && parsedDestroyed.event.destroyed_at.toISOString() === '2021-07-09T09:47:15.000Z');
  const occ = { name: 'James Barrow', email: 'j.barrow@domain.com', id: '00380324', occupant_jid: '14f01c40@meet.mydomain.com/OWhl8jSh', joined_at: 1625823996 };
  assert.ok(parseEvent('occupant/joined', { ...created, event_name: 'muc-occupant-joined', active_occupants_count: 4, occupant: occ }).ok);
  assert.ok(parseEvent('occupant/left', { ...created, event_name: 'muc-occupant-left', active_occupants_count: 3, occupant: { ...occ, left_at: 1625824035 } }).ok);
  // Without a token the occupant has no id, name or email.
  assert.ok(parseEvent('occupant/joined', { ...created, occupant: { occupant_jid: 'x@meet/y', joined_at: 1625823996 } }).ok);
  // A breakout room: the main room's name, the breakout's id.
  assert.ok(parseEvent('occupant/joined', { ...created, is_breakout: true, breakout_room_id: 'b-1', occupant: occ }).ok);
  const refused = [
    parseEvent('occupant/left', { ...created, occupant: occ }), // a left without left_at
    parseEvent('occupant/joined', { ...created, occupant: { ...occ, joined_at: 1625823996123 } }), // milliseconds
    parseEvent('occupant/joined', { ...created, occupant: { ...occ, joined_at: '1625823996' } }),
    parseEvent('room/destroyed', created),
    parseEvent('room/created', { room_name: 'x' }),
    parseEvent('room/created', [created]),
  ];
  for (const r of refused) assert.equal(r.ok, false);
  assert.match(!refused[0]!.ok ? refused[0]!.reason : '', /^not a occupant\/left event: occupant\.left_at/);
});

test('room names and token ids map to rooms and people', () => {
  assert.equal(portalRoomName('catchup', undefined), 'catchup');
  assert.equal(portalRoomName('[acme]catchup', 'acme'), 'catchup');
  assert.equal(portalRoomName('[other]catchup', 'acme'), null, 'another tenant');
  assert.equal(portalRoomName('[acme]catchup', undefined), null);
  assert.equal(portalRoomName('catchup', 'acme'), null);
  assert.deepEqual(tokenHolder('invite:ck123'), { userId: null, inviteId: 'ck123' });
  assert.deepEqual(tokenHolder('ck456'), { userId: 'ck456', inviteId: null });
  assert.deepEqual(tokenHolder(undefined), { userId: null, inviteId: null });
});

test('the same event twice records once; left before joined and destroyed before the last left still give the right times', async () => {
  const { room, member, meeting } = await workshop();
  const name = room.jitsiName;
  const mia = occupant(member.id, 'Mia Member', 1, T0, T0 + 600);
  assert.equal(await send('occupant/left', left(name, mia)), 'recorded');
  assert.equal(await send('occupant/left', left(name, mia)), 'duplicate', 'an identical retry');
  assert.equal(await send('occupant/joined', joined(name, { ...mia, left_at: undefined })), 'recorded', 'the joined that arrived late');
  const stays = await database.db.jitsiPresence.findMany({ where: { roomId: room.id } });
  assert.equal(stays.length, 1);
  assert.deepEqual([stays[0]!.joinedAt.getTime() / 1000, stays[0]!.leftAt!.getTime() / 1000, stays[0]!.meetingId, stays[0]!.userId], [T0, T0 + 600, meeting.id, member.id]);

  // The room is destroyed before Mia's second stay's own "left" arrives: that "left" (earlier) wins.
  const again = occupant(member.id, 'Mia Member', 1, T0 + 900);
  await send('occupant/joined', joined(name, again));
  await send('room/destroyed', { event_name: 'muc-room-destroyed', room_name: name, is_breakout: false, created_at: T0, destroyed_at: T0 + 1500, all_occupants: [] });
  await send('occupant/left', left(name, { ...again, left_at: T0 + 1200 }));
  const second = await database.db.jitsiPresence.findFirstOrThrow({ where: { roomId: room.id, joinedAt: new Date((T0 + 900) * 1000) } });
  assert.equal(second.leftAt!.getTime() / 1000, T0 + 1200);

  // A "joined" that arrives only after the room's end (and never a "left"): it ends with the room.
  // One that started after that end belongs to the room's next life and stays open.
  const late = occupant(member.id, 'Mia Member', 2, T0 + 1000);
  await send('occupant/joined', joined(name, late));
  const next = occupant(member.id, 'Mia Member', 3, T0 + 1600);
  await send('occupant/joined', joined(name, next));
  const byJid = async (n: number) => (await database.db.jitsiPresence.findFirstOrThrow({ where: { roomId: room.id, occupantJid: jid(n) } })).leftAt?.getTime();
  assert.equal(await byJid(2), (T0 + 1500) * 1000);
  assert.equal(await byJid(3), undefined);
  assert.equal(await database.db.jitsiEvent.count({ where: { roomId: room.id } }), 7);
});

test('an unknown room is acknowledged and counted, and writes no stay', async () => {
  assert.equal(await send('occupant/joined', joined('nosuchroom', occupant('u1', 'Nobody Known', 9, T0))), 'unknown-room');
  assert.equal(await database.db.jitsiEvent.count({ where: { roomName: 'nosuchroom', roomId: null } }), 1);
  assert.equal(await database.db.jitsiPresence.count({ where: { occupantJid: jid(9) } }), 0);
});

test('2,000 events in a shuffled burst with duplicates give exactly the expected stays', async () => {
  const { room, member, host } = await workshop();
  const name = room.jitsiName;
  // 400 connections: each joins and leaves (800 events); 100 of them also move to a breakout room and
  // back (400 more); 300 duplicate retries; 50 never send "left" and are closed by the room's end.
  const events: [EventPath, Record<string, unknown>][] = [];
  const expected = new Map<string, number | null>();
  const destroyedAt = T0 + 3000;
  for (let i = 0; i < 400; i++) {
    const who = i % 3 === 0 ? host.id : i % 3 === 1 ? member.id : undefined;
    const start = T0 + i;
    const end = start + 100 + (i % 50);
    const occ = occupant(who, `Person ${i}`, 1000 + i, start, end);
    events.push(['occupant/joined', joined(name, { ...occ, left_at: undefined })]);
    if (i >= 350) {
      expected.set(`${jid(1000 + i)}||${start}`, destroyedAt);
      continue;
    }
    events.push(['occupant/left', left(name, occ)]);
    expected.set(`${jid(1000 + i)}||${start}`, end);
    if (i < 100) {
      const breakout = { is_breakout: true, breakout_room_id: `br-${i % 4}` };
      const inside = occupant(who, `Person ${i}`, 1000 + i, end, end + 60);
      events.push(['occupant/joined', joined(name, { ...inside, left_at: undefined }, breakout)]);
      events.push(['occupant/left', left(name, inside, breakout)]);
      expected.set(`${jid(1000 + i)}|br-${i % 4}|${end}`, end + 60);
    }
  }
  for (let i = 0; i < 300; i++) events.push(events[(i * 7) % events.length]!);
  events.push(['room/destroyed', { event_name: 'muc-room-destroyed', room_name: name, is_breakout: false, created_at: T0, destroyed_at: destroyedAt, all_occupants: [] }]);
  while (events.length < 2000) events.push(events[events.length % 500]!);
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  // The room's end lands anywhere among the others, even before joins it closes (they end with it).

  const started = Date.now();
  const results: string[] = [];
  for (let i = 0; i < events.length; i += 25) {
    results.push(...(await Promise.all(events.slice(i, i + 25).map(([path, body]) => send(path, body)))));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`# ${events.length} events ingested in ${seconds.toFixed(1)} s (${Math.round(events.length / seconds)}/s, 25 at a time)`);
  const stays = await database.db.jitsiPresence.findMany({ where: { roomId: room.id } });
  const got = new Map(stays.map((s) => [`${s.occupantJid}|${s.area}|${s.joinedAt.getTime() / 1000}`, s.leftAt ? s.leftAt.getTime() / 1000 : null]));
  assert.equal(got.size, expected.size);
  assert.deepEqual(new Map([...got].sort()), new Map([...expected].sort()));
  assert.equal(results.filter((r) => r === 'recorded').length, new Set(events.map(([path, body]) => `${path}${JSON.stringify(body)}`)).size);
});

test('the attendance of a meeting with Jitsi’s stays is Jitsi’s: one line per person, breakout time included, source named', async () => {
  const { room, member, invite, meeting } = await workshop();
  const name = room.jitsiName;
  // Mia: 10 minutes, then 5 in a breakout room; the guest: 20 minutes on one device and a phone for part of it.
  await send('occupant/left', left(name, occupant(member.id, 'Mia Member', 1, T0, T0 + 600)));
  await send('occupant/left', left(name, occupant(member.id, 'Mia Member', 1, T0 + 600, T0 + 900), { is_breakout: true, breakout_room_id: 'br' }));
  await send('occupant/left', left(name, occupant(`invite:${invite.id}`, 'Gus Guest', 2, T0, T0 + 1200)));
  await send('occupant/joined', joined(name, occupant(`invite:${invite.id}`, 'Gus Guest', 3, T0 + 300)));
  const report = await attendance.meetingAttendance(meeting.id, new Date((T0 + 1800) * 1000));
  assert.equal(report.source, 'jitsi');
  const byName = new Map(report.people.map((p) => [p.name, p]));
  assert.deepEqual([byName.get('Mia Member')?.minutes, byName.get('Mia Member')?.sessions, byName.get('Mia Member')?.kind], [15, 2, 'Employee']);
  // The phone is still in (no left): the guest counts until now, once.
  assert.deepEqual([byName.get('Gus Guest')?.minutes, byName.get('Gus Guest')?.lastLeftAt, byName.get('Gus Guest')?.kind], [30, null, 'Guest']);
  assert.equal(report.noShows.length, 0);

  const rooms = await live.liveRooms(new Date((T0 + 1800) * 1000));
  const here = rooms.find((r) => r.roomId === room.id);
  assert.deepEqual(here?.people.map((p) => p.name), ['Gus Guest'], 'one open stay: the guest, once');
  assert.equal(here?.meeting?.id, meeting.id);
  assert.equal(await live.liveCount(room.id, new Date((T0 + 1800) * 1000)), 1);
});

test('a room with a participant limit turns the next participant away while it is full; hosts and people already in get in', async () => {
  const { room, member, host, meeting } = await workshop();
  await database.db.room.update({ where: { id: room.id }, data: { maxParticipants: 2 } });
  const limited = { id: room.id, maxParticipants: 2 };
  const at = new Date((T0 + 100) * 1000);
  await send('occupant/joined', joined(room.jitsiName, occupant(member.id, 'Mia Member', 1, T0)));
  assert.equal(await live.roomFullMessage(limited, 'participant', 'someone-else', 'Workshop', at), null, 'one of two');
  await send('occupant/joined', joined(room.jitsiName, occupant('invite:x', 'Gus Guest', 2, T0 + 10)));
  assert.match((await live.roomFullMessage(limited, 'participant', 'someone-else', 'Workshop', at)) ?? '', /^“Workshop” is full: 2 people are in, as many as the room allows\./);
  assert.equal(await live.roomFullMessage(limited, 'moderator', host.id, 'Workshop', at), null, 'hosts and co-hosts are never refused');
  assert.equal(await live.roomFullMessage(limited, 'participant', member.id, 'Workshop', at), null, 'Mia on a second device');
  assert.equal(await live.roomFullMessage({ id: room.id, maxParticipants: null }, 'participant', 'someone-else', 'Workshop', at), null, 'no limit');
  await send('occupant/left', left(room.jitsiName, occupant('invite:x', 'Gus Guest', 2, T0 + 10, T0 + 50)));
  assert.equal(await live.roomFullMessage(limited, 'participant', 'someone-else', 'Workshop', at), null, 'a place is free again');
  assert.ok(meeting);
});
