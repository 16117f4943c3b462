import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';

/** An open stay older than this is a lost "left" (and a room that was never destroyed), not a person. */
const STALE_AFTER_MS = 24 * 3_600_000;
/** Open stays read at most for the overview. */
const MAX_OPEN = 5_000;

export type LiveRoom = {
  roomId: string;
  roomName: string;
  slug: string;
  meeting: { id: string; title: string } | null;
  since: Date;
  people: { name: string; email: string | null; guest: boolean; since: Date; inBreakout: boolean }[];
};

const openStays = (now: Date) => ({ leftAt: null, joinedAt: { gt: new Date(now.getTime() - STALE_AFTER_MS) } });

/**
 * The rooms people are in right now, by Jitsi's events: one entry per room with its meeting, since
 * when, and who is in (one line per person, however many devices they joined with).
 */
export async function liveRooms(now = new Date()): Promise<LiveRoom[]> {
  const stays = await db.jitsiPresence.findMany({
    where: openStays(now),
    orderBy: { joinedAt: 'asc' },
    take: MAX_OPEN,
    select: { roomId: true, meetingId: true, tokenUserId: true, occupantJid: true, name: true, email: true, inviteId: true, userId: true, area: true, joinedAt: true, room: { select: { name: true, slug: true } } },
  });
  const meetingIds = [...new Set(stays.flatMap((s) => (s.meetingId ? [s.meetingId] : [])))];
  const meetings = new Map((await db.meeting.findMany({ where: { id: { in: meetingIds } }, select: { id: true, title: true } })).map((m) => [m.id, m]));
  const rooms = new Map<string, LiveRoom & { seen: Set<string> }>();
  for (const s of stays) {
    let room = rooms.get(s.roomId);
    if (!room) {
      room = { roomId: s.roomId, roomName: s.room.name, slug: s.room.slug, meeting: null, since: s.joinedAt, people: [], seen: new Set() };
      rooms.set(s.roomId, room);
    }
    if (s.meetingId) room.meeting = meetings.get(s.meetingId) ?? room.meeting;
    const person = s.tokenUserId ?? s.occupantJid;
    if (room.seen.has(person)) continue;
    room.seen.add(person);
    room.people.push({ name: s.name, email: s.email, guest: !s.userId, since: s.joinedAt, inBreakout: s.area !== '' });
  }
  return [...rooms.values()].map(({ roomId, roomName, slug, meeting, since, people }) => ({ roomId, roomName, slug, meeting, since, people })).sort((a, b) => a.since.getTime() - b.since.getTime());
}

/** Who is in a room now (by Jitsi's events): one key per person (their token's id), not per device. */
async function livePeople(roomId: string, now: Date): Promise<Set<string>> {
  const rows = await db.jitsiPresence.findMany({ where: { roomId, ...openStays(now) }, distinct: ['tokenUserId', 'occupantJid'], select: { tokenUserId: true, occupantJid: true }, take: MAX_OPEN });
  return new Set(rows.map((r) => r.tokenUserId ?? r.occupantJid));
}

/** How many people are in a room now (by Jitsi's events; one per person, not per device). */
export async function liveCount(roomId: string, now = new Date()): Promise<number> {
  return (await livePeople(roomId, now)).size;
}

/**
 * Why this person may not join a room that is full, or null. Only with Jitsi's events (otherwise
 * nobody knows how many are in) and a limit; moderators always get in, and so does someone who is
 * already in (another device, a reconnect). `tokenId` is the context.user.id their token will carry.
 */
export async function roomFullMessage(room: { id: string; maxParticipants: number | null }, role: 'moderator' | 'participant', tokenId: string, subject: string, now = new Date()): Promise<string | null> {
  if (role === 'moderator' || !room.maxParticipants || !getEnv().JITSI_EVENTS_SECRET) return null;
  const people = await livePeople(room.id, now);
  if (people.has(tokenId) || people.size < room.maxParticipants) return null;
  return `“${subject}” is full: ${people.size} people are in, as many as the room allows. Try again when someone leaves, or ask the host to raise the limit.`;
}

/** When the last event from Jitsi arrived (null: never), for the setup page and the empty state. */
export async function lastEventAt(): Promise<Date | null> {
  const last = await db.jitsiEvent.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } });
  return last?.receivedAt ?? null;
}
