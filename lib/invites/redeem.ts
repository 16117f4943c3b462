import 'server-only';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/record';
import { issueTicketFor, meetingWindowRefusal, recordSessionEvent, roomSelect, ticketRole, type JoinTicket, type SessionEvent } from '@/lib/jitsi/join';
import { admissionFor } from '@/lib/jitsi/admission';
import { sessionTiming } from '@/lib/attendance/sessions';
import { metrics } from '@/lib/metrics/registry';
import { roomFullMessage } from '@/lib/jitsi/events/live';
import { hashInviteToken, looksLikeInviteToken } from '@/lib/invites/tokens';
import { meetingDetails } from '@/lib/meetings/queries';

/** The one answer for invalid, expired, revoked and used-up links alike. */
export const INVALID_INVITE = 'This link is no longer valid — ask the organiser for a new one.';

/**
 * A personal link someone else is in the meeting with (and the meeting does not allow sharing). The
 * invited person on another device learns how long until the link is free again.
 */
export function linkInUseMessage(): string {
  const minutes = Math.max(1, Math.ceil(sessionTiming().timeoutMs / 60_000));
  return (
    'This link is in use: someone is in the meeting with it right now. A personal link is for one person — ask the organiser to invite you with a link of your own. ' +
    `If it was you on another device, leave the meeting there (or close it and wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`}), then try again.`
  );
}

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
    select: { ...meetingDetails, allowLinkSharing: true, room: { select: { ...roomSelect, guestsAllowed: true } } },
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
    meeting: { startsAt: meeting.startsAt, endsAt: meeting.endsAt, timeZone: meeting.timeZone, recurrence: meeting.recurrence, cancelledOccurrences: meeting.cancelledOccurrences, room: { endedAt: meeting.room.endedAt } },
    personalName: invite.email ? (invite.name ?? invite.email) : null,
    personal: invite.email !== null,
  };
}

export type RedeemResult = { ok: true; ticket: JoinTicket } | { ok: false; message: string };

/** A guest turned away, counted by reason for /metrics. */
function refused(reason: string, message: string): RedeemResult {
  metrics().joinRefusals.inc({ reason });
  return { ok: false, message };
}

/**
 * Redeems an invite for a fresh token: non-moderator for that room only (co-host if the invite says
 * so), identified as the invite. A personal invite joins under the invite's name, whatever was typed,
 * and while a meeting page on another browser is open with it, it is refused (counted on the invite)
 * unless the meeting allows sharing (then counted as shared). `device` is the redeeming browser's id:
 * the same browser may rejoin at once after a closed tab. Open links count each use atomically
 * against their limit.
 */
export async function redeemInvite(token: string, displayName: string | null, device: string | null, now = new Date()): Promise<RedeemResult> {
  const invite = await findUsableInvite(token, now);
  if (!invite) return refused('invalid_invite', INVALID_INVITE);
  const { meeting } = invite;
  const refusal = meetingWindowRefusal(meeting, now, meeting.timeZone);
  if (refusal) return refused(refusal.reason, refusal.message);
  const personal = invite.email !== null;
  const name = personal ? (invite.name ?? invite.email ?? '') : displayName;
  if (!name) return { ok: false, message: 'Enter the name others will see.' };
  const { role, lobby } = ticketRole(admissionFor({ via: 'invite-link', invitedAs: invite.role, personal }, meeting.room.lobby)!);
  const full = await roomFullMessage(meeting.room, role, `invite:${invite.id}`, meeting.title, now);
  if (full) return refused('full', full);
  const silentSince = new Date(now.getTime() - sessionTiming().timeoutMs);

  const outcome = await db.$transaction(
    async (tx) => {
      // One redemption of this invite at a time, so "is the link in use" and the new use are decided together.
      await tx.$queryRaw`SELECT id FROM "Invite" WHERE id = ${invite.id} FOR UPDATE`;
      let shared = false;
      if (personal) {
        const live = await tx.attendance.findMany({
          where: { inviteId: invite.id, leftAt: null, OR: [{ lastSeenAt: { gt: silentSince } }, { lastSeenAt: null, mintedAt: { gt: silentSince } }] },
          select: { device: true },
          take: 50,
        });
        shared = live.some((s) => !device || s.device !== device);
        if (shared && !meeting.allowLinkSharing) {
          await tx.invite.update({ where: { id: invite.id }, data: { refusedUses: { increment: 1 } } });
          return { kind: 'in_use' as const };
        }
      }
      const counted = await tx.invite.updateMany({
        where: { id: invite.id, revokedAt: null, expiresAt: { gt: now }, ...(invite.maxUses !== null ? { useCount: { lt: invite.maxUses } } : {}) },
        data: { useCount: { increment: 1 }, lastJoinedAt: now, ...(shared ? { sharedUses: { increment: 1 } } : {}) },
      });
      if (counted.count === 0) return { kind: 'invalid' as const };
      const ticket = await issueTicketFor(
        { tokenId: `invite:${invite.id}`, name, email: invite.email ?? '', inviteId: invite.id, device: device ?? undefined },
        { ok: true, room: meeting.room, meetingId: meeting.id, subject: meeting.title, role, lobby },
        'invite',
        tx,
      );
      return { kind: 'ok' as const, ticket, shared };
    },
    // A burst of guests queues for the connection pool; Prisma's 2 s default wait would fail them needlessly.
    { maxWait: 10_000 },
  );

  if (outcome.kind === 'invalid') return refused('invalid_invite', INVALID_INVITE);
  if (outcome.kind === 'in_use') {
    await recordAudit({ kind: 'invite.redeem_refused', roomId: meeting.room.id, meetingId: meeting.id, inviteId: invite.id, data: { reason: 'in_use' } });
    return refused('link_in_use', linkInUseMessage());
  }
  await recordAudit({ kind: 'invite.redeemed', roomId: meeting.room.id, meetingId: meeting.id, inviteId: invite.id, data: { jti: outcome.ticket.jti, role, ...(outcome.shared ? { shared: true } : {}) } });
  return { ok: true, ticket: outcome.ticket };
}

/** What a guest's meeting page reports, for tokens minted from this invite only (never a role change). */
export async function recordGuestAttendance(token: string, jti: string, kind: SessionEvent, now = new Date()): Promise<boolean | 'ended'> {
  if (!looksLikeInviteToken(token) || kind === 'role') return false;
  const invite = await db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, select: { id: true } });
  if (!invite) return false;
  return recordSessionEvent({ inviteId: invite.id }, jti, kind, undefined, now);
}
