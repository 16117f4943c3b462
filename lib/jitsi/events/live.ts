import 'server-only';
import { db } from '@/lib/db';

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

/** How many people are in a room now (by Jitsi's events; one per person, not per device). */
export async function liveCount(roomId: string, now = new Date()): Promise<number> {
  const rows = await db.jitsiPresence.findMany({ where: { roomId, ...openStays(now) }, distinct: ['tokenUserId', 'occupantJid'], select: { tokenUserId: true, occupantJid: true }, take: MAX_OPEN });
  return new Set(rows.map((r) => r.tokenUserId ?? r.occupantJid)).size;
}

/** When the last event from Jitsi arrived (null: never), for the setup page and the empty state. */
export async function lastEventAt(): Promise<Date | null> {
  const last = await db.jitsiEvent.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } });
  return last?.receivedAt ?? null;
}
