import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { Prisma } from '@/lib/generated/prisma/client';
import { jitsiSettings } from '@/lib/jitsi/config';
import { endingAfter } from '@/lib/meetings/queries';
import { expandOccurrences } from '@/lib/meetings/recurrence';
import { portalRoomName, tokenHolder, type EventOccupant, type EventPath, type JitsiServerEvent } from './payload';

export type IngestResult = 'recorded' | 'duplicate' | 'unknown-room';

type Tx = Prisma.TransactionClient;
const MINUTE = 60_000;
/** A ticket minted up to this long after Jitsi's join time still explains it (clocks differ a little). */
const TICKET_SKEW_MS = 5 * MINUTE;

/** The same delivery twice (Jitsi retries with an identical body) has the same fingerprint. */
export function eventFingerprint(path: EventPath, rawBody: string): string {
  return createHash('sha256').update(`${path}\n${rawBody}`).digest('hex');
}

/**
 * Records one event from Jitsi, once: a repeated delivery is recognised by its fingerprint and
 * changes nothing; an event for a room this portal does not know is counted and acknowledged. Order
 * does not matter: a stay is keyed by room, connection, (breakout) area and join time, so a "left"
 * before its "joined" creates the stay with its end, and a stay's end is the earliest one reported
 * (its own "left" is more exact than the room's "destroyed").
 */
export async function ingestEvent(path: EventPath, rawBody: string, event: JitsiServerEvent): Promise<IngestResult> {
  const fingerprint = eventFingerprint(path, rawBody);
  const name = portalRoomName(event.room_name, jitsiSettings().tenant);
  const room = name ? await db.room.findUnique({ where: { jitsiName: name }, select: { id: true } }) : null;
  const area = event.is_breakout ? (event.breakout_room_id ?? event.room_jid ?? 'breakout').slice(0, 1000) : '';
  const destroyed = event.path === 'room/destroyed' ? event : null;
  return db.$transaction(
    async (tx) => {
      // A room's end and the stays in it are decided one after the other: stays share the room's lock,
      // an end takes it alone. Otherwise a join committed while the end runs would stay open for ever.
      if (room) await tx.$executeRaw`SELECT ${destroyed ? Prisma.raw('pg_advisory_xact_lock') : Prisma.raw('pg_advisory_xact_lock_shared')}(hashtextextended(${`jitsi-room:${room.id}`}, 0))`;
      const { count } = await tx.jitsiEvent.createMany({
        data: [{ fingerprint, kind: path, roomName: event.room_name.slice(0, 200), roomId: room?.id ?? null, ...(destroyed ? { endedAt: destroyed.destroyed_at, area } : {}) }],
        skipDuplicates: true,
      });
      if (count === 0) return 'duplicate';
      if (!room) return 'unknown-room';
      if (event.path === 'occupant/joined' || event.path === 'occupant/left') {
        await recordStay(tx, room.id, area, event.occupant);
      } else if (destroyed) {
        for (const occupant of destroyed.all_occupants ?? []) await recordStay(tx, room.id, area, occupant);
        // Whoever is still open ends with the room (a breakout room: only its own stays).
        await tx.jitsiPresence.updateMany({
          where: { roomId: room.id, leftAt: null, joinedAt: { lte: destroyed.destroyed_at }, ...(area ? { area } : {}) },
          data: { leftAt: destroyed.destroyed_at },
        });
      }
      return 'recorded';
    },
    { maxWait: 10_000 },
  );
}

/**
 * The end of the room (or of this breakout room) that a stay starting at `joinedAt` belongs to, if
 * Jitsi has reported it: the first end at or after the join.
 */
async function reportedEnd(tx: Tx, roomId: string, area: string, joinedAt: Date): Promise<Date | null> {
  const end = await tx.jitsiEvent.findFirst({
    where: { roomId, endedAt: { gte: joinedAt }, area: { in: area ? ['', area] : [''] } },
    orderBy: { endedAt: 'asc' },
    select: { endedAt: true },
  });
  return end?.endedAt ?? null;
}

/**
 * Inserts a stay or completes it; one statement, so concurrent events for the same stay agree. A stay
 * whose room has already ended (its "joined" came after the "destroyed") ends with the room.
 */
async function recordStay(tx: Tx, roomId: string, area: string, occupant: EventOccupant): Promise<void> {
  const holder = tokenHolder(occupant.id);
  const { meetingId, role } = await placeStay(tx, roomId, holder, occupant.joined_at);
  const ended = await reportedEnd(tx, roomId, area, occupant.joined_at);
  const leftAt = occupant.left_at && ended ? (occupant.left_at < ended ? occupant.left_at : ended) : (occupant.left_at ?? ended);
  const name = (occupant.name ?? '').trim().slice(0, 200) || 'Unknown participant';
  await tx.$executeRaw`
    INSERT INTO "JitsiPresence" ("id", "roomId", "meetingId", "occupantJid", "area", "tokenUserId", "userId", "inviteId", "name", "email", "role", "joinedAt", "leftAt")
    VALUES (${randomUUID()}, ${roomId}, ${meetingId}, ${occupant.occupant_jid}, ${area}, ${occupant.id ?? null}, ${holder.userId}, ${holder.inviteId},
            ${name}, ${occupant.email?.slice(0, 320) || null}, ${role}, ${occupant.joined_at}, ${leftAt})
    ON CONFLICT ("roomId", "occupantJid", "area", "joinedAt")
    DO UPDATE SET "leftAt" = LEAST("JitsiPresence"."leftAt", EXCLUDED."leftAt")`;
}

/**
 * The meeting and role of a stay: those of the person's latest ticket for the room (the portal minted
 * the token they joined with, also when they took it to the Jitsi app), else the meeting of the room
 * whose join window was open at the time, as a participant.
 */
async function placeStay(tx: Tx, roomId: string, holder: { userId: string | null; inviteId: string | null }, joinedAt: Date): Promise<{ meetingId: string | null; role: string }> {
  if (holder.userId || holder.inviteId) {
    const ticket = await tx.attendance.findFirst({
      where: { roomId, ...(holder.userId ? { userId: holder.userId } : { inviteId: holder.inviteId }), mintedAt: { lte: new Date(joinedAt.getTime() + TICKET_SKEW_MS) } },
      orderBy: { mintedAt: 'desc' },
      select: { meetingId: true, role: true },
    });
    if (ticket?.meetingId) return ticket;
  }
  return { meetingId: await meetingOpenAt(tx, roomId, joinedAt), role: holder.userId ? await roomRole(tx, roomId, holder.userId) : 'participant' };
}

/** Without a ticket: the room's owner and co-hosts moderate, everyone else takes part (as their token would say). */
async function roomRole(tx: Tx, roomId: string, userId: string): Promise<string> {
  const hosts = await tx.room.count({ where: { id: roomId, OR: [{ ownerId: userId }, { members: { some: { userId, role: 'CO_HOST' } } }] } });
  return hosts ? 'moderator' : 'participant';
}

/** The room's meeting whose join window was open at `at`, if any. */
async function meetingOpenAt(tx: Tx, roomId: string, at: Date): Promise<string | null> {
  const openMs = getEnv().JOIN_WINDOW_MINUTES * MINUTE;
  const meetings = await tx.meeting.findMany({
    where: { roomId, cancelledAt: null, startsAt: { lte: new Date(at.getTime() + openMs) }, ...endingAfter(at) },
    select: { id: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true, cancelledOccurrences: true },
    orderBy: { startsAt: 'desc' },
    take: 20,
  });
  const range = { from: new Date(at.getTime() - 2 * 86_400_000), to: new Date(at.getTime() + 86_400_000) };
  const open = meetings.find((m) => expandOccurrences(m, range).some((o) => !o.cancelled && o.startsAt.getTime() - openMs <= at.getTime() && at < o.endsAt));
  return open?.id ?? null;
}
