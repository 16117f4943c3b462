import 'server-only';
import { db } from '@/lib/db';
import { AppError, fieldError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { can, roomAccessWhere } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record';
import { generateJitsiName } from '@/lib/rooms/jitsi-name';
import type { RoomFormInput } from '@/lib/rooms/schemas';

type Actor = { id: string; email: string; role: Role };


const settings = (input: RoomFormInput) => ({
  name: input.name,
  slug: input.slug,
  description: input.description,
  alwaysOpen: input.alwaysOpen,
  guestsAllowed: input.guestsAllowed,
  lobby: input.lobby,
  maxParticipants: input.maxParticipants,
  startAudioMuted: input.startAudioMuted,
  startVideoMuted: input.startVideoMuted,
  moderatorRecording: input.moderatorRecording,
  moderatorLivestreaming: input.moderatorLivestreaming,
  moderatorTranscription: input.moderatorTranscription,
  everyoneCanShareScreen: input.everyoneCanShareScreen,
});

/** Resolves addresses to active employees; unknown addresses are a field error on `field`. */
async function resolvePeople(tx: Prisma.TransactionClient, emails: string[], ownerId: string, field: 'coHosts' | 'participants'): Promise<string[]> {
  if (!emails.length) return [];
  const users = await tx.user.findMany({ where: { email: { in: emails }, disabledAt: null }, select: { id: true, email: true } });
  const missing = emails.filter((e) => !users.some((u) => u.email === e));
  if (missing.length) throw fieldError(field, `No active employee has ${missing.length === 1 ? 'this address' : 'these addresses'}: ${missing.join(', ')}.`);
  return users.map((u) => u.id).filter((id) => id !== ownerId);
}

/** Room members from the form: co-hosts win over participants when someone is listed twice. */
async function resolveMembers(tx: Prisma.TransactionClient, input: RoomFormInput, ownerId: string) {
  const coHosts = await resolvePeople(tx, input.coHosts, ownerId, 'coHosts');
  const participants = (await resolvePeople(tx, input.participants, ownerId, 'participants')).filter((id) => !coHosts.includes(id));
  return [...coHosts.map((userId) => ({ userId, role: 'CO_HOST' as const })), ...participants.map((userId) => ({ userId, role: 'PARTICIPANT' as const }))];
}

function slugTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && JSON.stringify(error.meta ?? {}).includes('slug');
}

export async function createRoom(actor: Actor, input: RoomFormInput): Promise<{ id: string; slug: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const members = await resolveMembers(tx, input, actor.id);
      const room = await tx.room.create({
        data: { ...settings(input), ownerId: actor.id, jitsiName: generateJitsiName(), members: { create: members } },
        select: { id: true, slug: true },
      });
      await recordAudit({ kind: 'room.created', actorId: actor.id, actorEmail: actor.email, roomId: room.id, data: { slug: room.slug } }, tx);
      return room;
    });
  } catch (error) {
    if (slugTaken(error)) throw fieldError('slug', 'Another room already uses this address. Choose another.');
    throw error;
  }
}

/**
 * Saves a room if it is still at the version the editor loaded; otherwise CONFLICT. Rooms the actor
 * may not edit and rooms that do not exist are both NOT_FOUND.
 */
export async function updateRoom(actor: Actor, roomId: string, version: number, input: RoomFormInput): Promise<{ slug: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const room = await tx.room.findFirst({ where: { id: roomId, AND: roomAccessWhere(actor, 'room.edit') }, select: { ownerId: true } });
      if (!room) throw new AppError('NOT_FOUND');
      const members = await resolveMembers(tx, input, room.ownerId);
      const updated = await tx.room.updateMany({ where: { id: roomId, version }, data: { ...settings(input), version: { increment: 1 } } });
      if (updated.count === 0) throw new AppError('CONFLICT');
      await tx.roomMember.deleteMany({ where: { roomId } });
      await tx.roomMember.createMany({ data: members.map((m) => ({ roomId, ...m })) });
      await recordAudit({ kind: 'room.updated', actorId: actor.id, actorEmail: actor.email, roomId }, tx);
      return { slug: input.slug };
    });
  } catch (error) {
    if (slugTaken(error)) throw fieldError('slug', 'Another room already uses this address. Choose another.');
    throw error;
  }
}

/** Gives the room a new Jitsi name, so old meeting links (and any leaked ones) stop working. */
export async function rotateJitsiName(actor: Actor, roomId: string): Promise<void> {
  const updated = await db.room.updateMany({
    where: { id: roomId, AND: roomAccessWhere(actor, 'room.rotate_link') },
    data: { jitsiName: generateJitsiName(), version: { increment: 1 } },
  });
  if (updated.count === 0) throw new AppError('NOT_FOUND');
  await recordAudit({ kind: 'room.link_rotated', actorId: actor.id, actorEmail: actor.email, roomId });
}

export async function setRoomArchived(actor: Actor, roomId: string, archived: boolean): Promise<void> {
  const updated = await db.room.updateMany({
    where: { id: roomId, AND: roomAccessWhere(actor, 'room.archive') },
    data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new AppError('NOT_FOUND');
  await recordAudit({ kind: archived ? 'room.archived' : 'room.unarchived', actorId: actor.id, actorEmail: actor.email, roomId });
}

/**
 * Ends the live meeting in a room for everyone (host, co-host or admin: `room.moderate`). The portal
 * cannot reach into Jitsi, so it does what it can itself: it closes every open attendance session of
 * the room now, and records the moment, so the meeting pages of tokens minted before it leave on their
 * next heartbeat and no new token is minted for the scheduled meeting that was on (always-open rooms
 * stay open). Returns how many sessions were closed.
 */
export async function endLiveMeeting(actor: Actor, roomId: string, now = new Date()): Promise<{ closed: number }> {
  return db.$transaction(async (tx) => {
    const ended = await tx.room.updateMany({ where: { id: roomId, AND: roomAccessWhere(actor, 'room.moderate') }, data: { endedAt: now } });
    if (ended.count === 0) throw new AppError('NOT_FOUND');
    const closed = await tx.attendance.updateMany({ where: { roomId, leftAt: null, mintedAt: { lte: now } }, data: { leftAt: now } });
    await recordAudit({ kind: 'room.meeting_ended', actorId: actor.id, actorEmail: actor.email, roomId, data: { sessions: closed.count } }, tx);
    return { closed: closed.count };
  });
}

/** Deletes a room with its meetings and invites. The page lists what will be cancelled first. */
export async function deleteRoom(actor: Actor, roomId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const room = await tx.room.findFirst({ where: { id: roomId, AND: roomAccessWhere(actor, 'room.delete') }, select: { slug: true, _count: { select: { meetings: true } } } });
    if (!room) throw new AppError('NOT_FOUND');
    await tx.room.delete({ where: { id: roomId } });
    await recordAudit({ kind: 'room.deleted', actorId: actor.id, actorEmail: actor.email, data: { roomId, slug: room.slug, meetings: room._count.meetings } }, tx);
  });
}

/**
 * Makes another active employee the room's host (admins only: `rooms.manage_any`). The previous host
 * stays on as co-host so they keep their meetings; the new host's old membership row is dropped.
 */
export async function transferRoomOwnership(actor: Actor, roomId: string, newOwnerEmail: string): Promise<{ ownerEmail: string }> {
  if (!can(actor, 'rooms.manage_any')) throw new AppError('NOT_FOUND');
  return db.$transaction(async (tx) => {
    const room = await tx.room.findUnique({ where: { id: roomId }, select: { ownerId: true, owner: { select: { email: true } } } });
    if (!room) throw new AppError('NOT_FOUND');
    const next = await tx.user.findFirst({ where: { email: newOwnerEmail, disabledAt: null }, select: { id: true, email: true } });
    if (!next) throw new AppError('VALIDATION', `No active employee has the address ${newOwnerEmail}.`);
    if (next.id === room.ownerId) throw new AppError('VALIDATION', `${next.email} already hosts this room.`);
    const moved = await tx.room.updateMany({ where: { id: roomId, ownerId: room.ownerId }, data: { ownerId: next.id, version: { increment: 1 } } });
    if (moved.count === 0) throw new AppError('CONFLICT');
    await tx.roomMember.deleteMany({ where: { roomId, userId: next.id } });
    await tx.roomMember.upsert({
      where: { roomId_userId: { roomId, userId: room.ownerId } },
      create: { roomId, userId: room.ownerId, role: 'CO_HOST' },
      update: { role: 'CO_HOST' },
    });
    await recordAudit({ kind: 'room.ownership_transferred', actorId: actor.id, actorEmail: actor.email, roomId, data: { from: room.owner.email, to: next.email } }, tx);
    return { ownerEmail: next.email };
  });
}
