import 'server-only';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/record';
import { issueTicketFor, meetingWindowRefusal, roomSelect, type JoinTicket } from '@/lib/jitsi/join';
import { hashInviteToken, looksLikeInviteToken } from '@/lib/invites/tokens';
import { meetingDetails } from '@/lib/meetings/queries';

/** The one answer for invalid, expired, revoked and used-up links alike. */
export const INVALID_INVITE = 'This link is no longer valid — ask the organiser for a new one.';

const inviteSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  maxUses: true,
  useCount: true,
  expiresAt: true,
  revokedAt: true,
  meeting: {
    select: { ...meetingDetails, room: { select: { ...roomSelect, guestsAllowed: true } } },
  },
} as const;

/** A usable invite by its token, or null (unknown, expired, revoked, used up, meeting gone). */
async function findUsableInvite(token: string, now: Date) {
  if (!looksLikeInviteToken(token)) return null;
  const invite = await db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, select: inviteSelect });
  if (!invite?.meeting || invite.revokedAt || invite.expiresAt <= now) return null;
  if (invite.maxUses !== null && invite.useCount >= invite.maxUses) return null;
  const { meeting } = invite;
  if (meeting.cancelledAt || meeting.room.archivedAt || !meeting.room.guestsAllowed) return null;
  return { ...invite, meeting };
}

/** What the invite page shows: the meeting, its next time and host, and the invited person's name. */
export async function getInvitePage(token: string, now = new Date()) {
  const invite = await findUsableInvite(token, now);
  if (!invite) return null;
  const { meeting } = invite;
  return {
    title: meeting.title,
    description: meeting.description,
    roomName: meeting.room.name,
    host: meeting.organizer.name ?? meeting.organizer.email,
    meeting: { startsAt: meeting.startsAt, endsAt: meeting.endsAt, timeZone: meeting.timeZone, recurrence: meeting.recurrence, cancelledOccurrences: meeting.cancelledOccurrences },
    personalName: invite.name,
    personal: invite.email !== null,
  };
}

export type RedeemResult = { ok: true; ticket: JoinTicket } | { ok: false; message: string };

/**
 * Redeems an invite for a fresh token: non-moderator for that room only (co-host if the invite says
 * so), identified as the invite. Open links count each use atomically against their limit.
 */
export async function redeemInvite(token: string, displayName: string, now = new Date()): Promise<RedeemResult> {
  const invite = await findUsableInvite(token, now);
  if (!invite) return { ok: false, message: INVALID_INVITE };
  const { meeting } = invite;
  const refusal = meetingWindowRefusal(meeting, now, meeting.timeZone);
  if (refusal) return { ok: false, message: refusal.message };
  const counted = await db.invite.updateMany({
    where: { id: invite.id, revokedAt: null, expiresAt: { gt: now }, ...(invite.maxUses !== null ? { useCount: { lt: invite.maxUses } } : {}) },
    data: { useCount: { increment: 1 }, lastJoinedAt: now },
  });
  if (counted.count === 0) return { ok: false, message: INVALID_INVITE };
  const role = invite.role === 'CO_HOST' ? 'moderator' : 'participant';
  const ticket = await issueTicketFor(
    { tokenId: `invite:${invite.id}`, name: displayName, email: invite.email ?? '', inviteId: invite.id },
    { ok: true, room: meeting.room, meetingId: meeting.id, subject: meeting.title, role },
    'invite',
  );
  await recordAudit({ kind: 'invite.redeemed', roomId: meeting.room.id, meetingId: meeting.id, inviteId: invite.id, data: { jti: ticket.jti, role } });
  return { ok: true, ticket };
}

/** Attendance reports from a guest's meeting page, for tokens minted from this invite only. */
export async function recordGuestAttendance(token: string, jti: string, kind: 'joined' | 'left' | 'role', now = new Date()): Promise<boolean> {
  if (!looksLikeInviteToken(token)) return false;
  const invite = await db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, select: { id: true } });
  if (!invite) return false;
  const data = kind === 'joined' ? { joinedAt: now, leftAt: null } : kind === 'left' ? { leftAt: now } : {};
  const where = kind === 'left' ? { jti, inviteId: invite.id, joinedAt: { not: null }, leftAt: null } : { jti, inviteId: invite.id };
  return (await db.attendance.updateMany({ where, data })).count > 0;
}
