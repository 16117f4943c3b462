import 'server-only';
import { db } from '@/lib/db';
import { AppError, fieldError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { Prisma } from '@/lib/generated/prisma/client';
import { roomAccessWhere } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record';
import { createInviteLink } from '@/lib/invites/links';
import type { InviteFormInput } from '@/lib/invites/schemas';

type Actor = { id: string; email: string; role: Role };

const YEAR = 365 * 86_400_000;

/** An invite expires when its meeting ends: the last occurrence of a series, capped at a year ahead. */
export function defaultInviteExpiry(meeting: { endsAt: Date; recurrence: string | null; seriesEndsAt: Date | null }, now = new Date()): Date {
  if (!meeting.recurrence) return meeting.endsAt;
  const cap = new Date(now.getTime() + YEAR);
  return meeting.seriesEndsAt && meeting.seriesEndsAt < cap ? meeting.seriesEndsAt : cap;
}

/**
 * Creates an invite for a meeting the actor may edit, in a room that admits guests. Returns the token
 * for the link; the database keeps its hash and seed (see lib/invites/tokens.ts).
 */
export async function createInvite(actor: Actor, input: InviteFormInput): Promise<{ id: string; token: string }> {
  try {
    return await insertInvite(actor, input);
  } catch (error) {
    // The partial unique index on (meetingId, email) for live invites: someone else was faster.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw fieldError('email', 'This person is already invited to this meeting.');
    }
    throw error;
  }
}

async function insertInvite(actor: Actor, input: InviteFormInput): Promise<{ id: string; token: string }> {
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: { id: input.meetingId, cancelledAt: null, room: { archivedAt: null, AND: roomAccessWhere(actor, 'meeting.edit') } },
      select: { id: true, roomId: true, endsAt: true, recurrence: true, seriesEndsAt: true, room: { select: { guestsAllowed: true } } },
    });
    if (!meeting) throw new AppError('NOT_FOUND');
    if (!meeting.room.guestsAllowed) {
      throw new AppError('FORBIDDEN', 'This room does not admit guests. Turn on “Guests allowed” in the room’s settings first.');
    }
    if (input.kind === 'personal') {
      const existing = await tx.invite.count({ where: { meetingId: meeting.id, email: input.email, revokedAt: null } });
      if (existing) throw fieldError('email', 'This person is already invited to this meeting.');
    }
    const { token, linkSeed, tokenHash } = createInviteLink();
    const invite = await tx.invite.create({
      data: {
        roomId: meeting.roomId,
        meetingId: meeting.id,
        createdById: actor.id,
        tokenHash,
        linkSeed,
        expiresAt: defaultInviteExpiry(meeting),
        ...(input.kind === 'personal' ? { name: input.name, email: input.email, role: input.role } : { maxUses: input.maxUses, role: 'GUEST' as const }),
      },
      select: { id: true },
    });
    await recordAudit(
      { kind: 'invite.created', actorId: actor.id, actorEmail: actor.email, roomId: meeting.roomId, meetingId: meeting.id, inviteId: invite.id, data: { kind: input.kind, role: input.kind === 'personal' ? input.role : 'GUEST' } },
      tx,
    );
    return { id: invite.id, token };
  });
}

/** Revokes an invite of a meeting the actor may edit; the link stops working at once. */
export async function revokeInvite(actor: Actor, inviteId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({ where: { id: inviteId, room: roomAccessWhere(actor, 'meeting.edit') }, select: { roomId: true, meetingId: true, revokedAt: true } });
    if (!invite) throw new AppError('NOT_FOUND');
    if (invite.revokedAt) return;
    await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: new Date() } });
    await recordAudit({ kind: 'invite.revoked', actorId: actor.id, actorEmail: actor.email, roomId: invite.roomId, meetingId: invite.meetingId, inviteId }, tx);
  });
}

/** NOT_FOUND unless the invite is a live personal invite of a meeting the actor may edit. */
export async function assertInviteEditable(actor: Actor, inviteId: string): Promise<void> {
  const found = await db.invite.count({ where: { id: inviteId, revokedAt: null, email: { not: null }, room: roomAccessWhere(actor, 'meeting.edit') } });
  if (!found) throw new AppError('NOT_FOUND');
}
