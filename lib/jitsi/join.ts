import 'server-only';
import { metrics } from '@/lib/metrics/registry';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Role } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { roomMembershipSelect } from '@/lib/auth/permissions';
import { admissionFor, type Admission } from '@/lib/jitsi/admission';
import { recordAudit } from '@/lib/audit/record';
import { joinWindow } from '@/lib/meetings/join-window';
import { expandOccurrences } from '@/lib/meetings/recurrence';
import { jitsiSettings } from '@/lib/jitsi/config';
import { mintJoinToken, type TokenRole } from '@/lib/jitsi/token';
import { formatInZone } from '@/lib/time/zones';
import { sessionTiming } from '@/lib/attendance/sessions';
import { roomFullMessage } from '@/lib/jitsi/events/live';

export type JoinTarget = { kind: 'meeting'; meetingId: string } | { kind: 'room'; slug: string };

export type JoinViewer = { id: string; role: Role; email: string; name: string | null; image: string | null; timeZone: string };

/** Why someone may not join now; the page shows the message as it is. */
export type JoinRefusal = { reason: 'not_found' | 'archived' | 'cancelled' | 'too_early' | 'ended' | 'scheduled_only' | 'full'; message: string };

export const roomSelect = {
  id: true,
  name: true,
  slug: true,
  jitsiName: true,
  ownerId: true,
  alwaysOpen: true,
  archivedAt: true,
  lobby: true,
  maxParticipants: true,
  endedAt: true,
  startAudioMuted: true,
  startVideoMuted: true,
  everyoneCanShareScreen: true,
  moderatorRecording: true,
  moderatorLivestreaming: true,
  moderatorTranscription: true,
} as const;

const NOT_FOUND: JoinRefusal = {
  reason: 'not_found',
  message: 'This meeting does not exist, or you are not invited to it. Ask the organiser to add you.',
};

/**
 * The person's role and lobby claims for this room (and meeting) by the one role rule, `admissionFor`:
 * their room role, their portal role, and their invite to the meeting by address with its role.
 * Null: they may not enter.
 */
async function admissionOf(viewer: JoinViewer, room: { id: string; lobby: Room['lobby'] }, meetingId?: string): Promise<Admission | null> {
  const [membership, invites] = await Promise.all([
    db.room.findUniqueOrThrow({ where: { id: room.id }, select: roomMembershipSelect(viewer.id) }),
    meetingId ? db.invite.findMany({ where: { meetingId, email: viewer.email.toLowerCase(), revokedAt: null }, select: { role: true }, take: 10 }) : [],
  ]);
  const invitedAs = invites.some((i) => i.role === 'CO_HOST') ? 'CO_HOST' : invites.length ? 'GUEST' : null;
  return admissionFor({ via: 'portal', user: viewer, room: membership, invitedAs }, room.lobby);
}

type Room = Prisma.RoomGetPayload<{ select: typeof roomSelect }>;

export type JoinDecision = { ok: true; room: Room; meetingId: string | null; subject: string; role: TokenRole; lobby: { wait: boolean; bypass: boolean } } | ({ ok: false; /** For the audit log only, never shown. */ roomId?: string } & JoinRefusal);

/**
 * May this person enter this room or meeting now, and as what? Checks identity, role, archive state and
 * the join window. A refusal is audited with its reason, so an admin can answer "why can't Alice get in".
 */
export async function decideJoin(viewer: JoinViewer, target: JoinTarget, now = new Date()): Promise<JoinDecision> {
  const decision = await evaluateJoin(viewer, target, now);
  if (!decision.ok) {
    metrics().joinRefusals.inc({ reason: decision.reason });
    await recordAudit({
      kind: 'join.refused',
      actorId: viewer.id,
      actorEmail: viewer.email,
      roomId: decision.roomId ?? null,
      meetingId: target.kind === 'meeting' && decision.roomId ? target.meetingId : null,
      data: { reason: decision.reason, ...(target.kind === 'room' ? { slug: target.slug.slice(0, 60) } : { meetingId: target.meetingId.slice(0, 64) }) },
    });
  }
  return decision;
}

async function evaluateJoin(viewer: JoinViewer, target: JoinTarget, now: Date): Promise<JoinDecision> {
  if (target.kind === 'room') {
    const room = await db.room.findUnique({ where: { slug: target.slug }, select: roomSelect });
    if (!room) return { ok: false, ...NOT_FOUND };
    const admission = await admissionOf(viewer, room);
    if (!admission) return { ok: false, ...NOT_FOUND, roomId: room.id };
    if (room.archivedAt) return { ok: false, roomId: room.id, reason: 'archived', message: `${room.name} is archived. Ask its host to restore it.` };
    if (!room.alwaysOpen) return { ok: false, roomId: room.id, reason: 'scheduled_only', message: `${room.name} opens only for its scheduled meetings. Join from the meeting instead.` };
    const full = await roomFullMessage(room, admission.role, viewer.id, room.name);
    if (full) return { ok: false, roomId: room.id, reason: 'full', message: full };
    return { ok: true, room, meetingId: null, subject: room.name, ...ticketRole(admission) };
  }

  const meeting = await db.meeting.findUnique({
    where: { id: target.meetingId },
    select: { id: true, title: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true, cancelledAt: true, cancelledOccurrences: true, room: { select: roomSelect } },
  });
  if (!meeting) return { ok: false, ...NOT_FOUND };
  const admission = await admissionOf(viewer, meeting.room, meeting.id);
  if (!admission) return { ok: false, ...NOT_FOUND, roomId: meeting.room.id };
  if (meeting.room.archivedAt) return { ok: false, roomId: meeting.room.id, reason: 'archived', message: `${meeting.room.name} is archived, so its meetings cannot be joined.` };
  if (meeting.cancelledAt) return { ok: false, roomId: meeting.room.id, reason: 'cancelled', message: `“${meeting.title}” was cancelled.` };

  const refusal = meetingWindowRefusal(meeting, now, viewer.timeZone);
  if (refusal) return { ok: false, roomId: meeting.room.id, ...refusal };
  const full = await roomFullMessage(meeting.room, admission.role, viewer.id, meeting.title);
  if (full) return { ok: false, roomId: meeting.room.id, reason: 'full', message: full };
  return { ok: true, room: meeting.room, meetingId: meeting.id, subject: meeting.title, ...ticketRole(admission) };
}

/** The decision's role and lobby claims from an admission. */
export function ticketRole(admission: Admission): { role: TokenRole; lobby: { wait: boolean; bypass: boolean } } {
  return { role: admission.role, lobby: { wait: admission.lobby, bypass: admission.lobbyBypass } };
}

/** Null when an occurrence of the meeting is inside its join window now; otherwise why not. */
export function meetingWindowRefusal(
  meeting: { title: string; startsAt: Date; endsAt: Date; timeZone: string; recurrence: string | null; cancelledOccurrences: Date[]; room: { endedAt: Date | null } },
  now: Date,
  viewerZone: string,
): JoinRefusal | null {
  const openMinutes = getEnv().JOIN_WINDOW_MINUTES;
  const lookBehind = new Date(now.getTime() - 2 * 86_400_000);
  const horizon = new Date(now.getTime() + 366 * 86_400_000);
  const occurrences = expandOccurrences(meeting, { from: lookBehind, to: horizon });
  const current = occurrences.find((o) => joinWindow(o, now, openMinutes).state === 'open');
  if (current?.cancelled) return { reason: 'cancelled', message: `Today’s “${meeting.title}” was cancelled.` };
  // A host ended this occurrence for everyone: nobody gets a new token for it.
  const endedAt = meeting.room.endedAt;
  if (current && endedAt && endedAt.getTime() >= current.startsAt.getTime() - openMinutes * 60_000) return { reason: 'ended', message: `“${meeting.title}” was ended for everyone by its host.` };
  if (current) return null;
  const next = occurrences.find((o) => !o.cancelled && o.startsAt > now);
  if (next) {
    const window = joinWindow(next, now, openMinutes);
    const opensAt = window.state === 'early' ? window.opensAt : next.startsAt;
    return { reason: 'too_early', message: `It is too early to join. “${meeting.title}” starts ${formatInZone(next.startsAt, viewerZone, 'full')}; joining opens at ${formatInZone(opensAt, viewerZone, 'time')}.` };
  }
  return { reason: 'ended', message: `“${meeting.title}” has ended.` };
}

/** For the command line: the same role rules as joining, without the join window or always-open check. */
export async function roomForMinting(viewer: JoinViewer, slug: string): Promise<JoinDecision> {
  const room = await db.room.findUnique({ where: { slug }, select: roomSelect });
  if (!room) return { ok: false, reason: 'not_found', message: `There is no room with the address "${slug}".` };
  const admission = await admissionOf(viewer, room);
  if (!admission) return { ok: false, reason: 'not_found', message: `${viewer.email} is not a host, co-host or participant of "${slug}" (and not an admin).` };
  if (room.archivedAt) return { ok: false, reason: 'archived', message: `${room.name} is archived.` };
  return { ok: true, room, meetingId: null, subject: room.name, ...ticketRole(admission) };
}

export type JoinTicket = {
  domain: string;
  roomName: string;
  token: string;
  jti: string;
  expiresAt: string;
  /** The token's lifetime as minted, so the browser needs neither its clock nor the JWT's claims. */
  lifetimeSeconds: number;
  /** How often the meeting page reports that the person is still there. */
  heartbeatSeconds: number;
  role: TokenRole;
  displayName: string;
  email: string;
  subject: string;
  configOverwrite: Record<string, unknown>;
  interfaceConfigOverwrite: Record<string, unknown>;
  standin: boolean;
};

/** Jitsi client settings from the room: prejoin, no third-party requests, muted start, screen sharing. */
function clientConfig(room: Room, role: TokenRole): Record<string, unknown> {
  return {
    prejoinConfig: { enabled: true },
    disableThirdPartyRequests: true,
    startWithAudioMuted: room.startAudioMuted,
    startWithVideoMuted: room.startVideoMuted,
    // Client-side only: Jitsi has no token feature for screen sharing.
    disableScreensharing: role !== 'moderator' && !room.everyoneCanShareScreen,
    lobby: { autoKnock: true },
  };
}

/**
 * Mints a token for an allowed decision, records it (audit event and attendance row, never the
 * token), and returns what the meeting page needs.
 */
export async function issueTicket(viewer: JoinViewer, decision: Extract<JoinDecision, { ok: true }>, via: 'portal' | 'cli' = 'portal'): Promise<JoinTicket> {
  const name = viewer.name ?? viewer.email;
  return issueTicketFor({ tokenId: viewer.id, name, email: viewer.email, avatar: viewer.image, userId: viewer.id }, decision, via);
}

/**
 * A person the token is for: an employee (userId) or a guest (inviteId; tokenId "invite:<id>"; device:
 * the browser that redeemed the invite).
 */
export type TicketHolder = { tokenId: string; name: string; email: string; avatar?: string | null; userId?: string; inviteId?: string; device?: string };

/**
 * Mints and records a ticket. Pass `tx` to record it inside the caller's transaction (redeeming an
 * invite decides "is the link in use" and records the new use under one lock).
 */
export async function issueTicketFor(
  holder: TicketHolder,
  decision: Extract<JoinDecision, { ok: true }>,
  via: 'portal' | 'cli' | 'invite',
  tx?: Prisma.TransactionClient,
): Promise<JoinTicket> {
  const settings = jitsiSettings();
  const displayName = holder.name;
  const minted = await mintJoinToken({ identity: { id: holder.tokenId, name: displayName, email: holder.email, avatar: holder.avatar }, room: decision.room, role: decision.role, lobby: decision.lobby });
  const record = async (tx: Prisma.TransactionClient) => {
    await tx.attendance.create({
      data: {
        jti: minted.jti,
        roomId: decision.room.id,
        meetingId: decision.meetingId,
        userId: holder.userId,
        inviteId: holder.inviteId,
        device: holder.device,
        displayName,
        role: decision.role,
        expiresAt: minted.expiresAt,
      },
    });
    await recordAudit(
      {
        kind: 'token.minted',
        actorId: holder.userId ?? null,
        actorEmail: holder.email || null,
        inviteId: holder.inviteId ?? null,
        roomId: decision.room.id,
        meetingId: decision.meetingId,
        data: { jti: minted.jti, role: decision.role, expiresAt: minted.expiresAt.toISOString(), via },
      },
      tx,
    );
  };
  // A burst of joins queues for the connection pool; Prisma's 2 s default wait would fail them needlessly.
  if (tx) await record(tx);
  else await db.$transaction(record, { maxWait: 10_000 });
  metrics().tokensMinted.inc({ role: decision.role, via });
  return {
    domain: settings.domain,
    roomName: minted.roomName,
    token: minted.token,
    jti: minted.jti,
    expiresAt: minted.expiresAt.toISOString(),
    lifetimeSeconds: settings.ttlSeconds,
    heartbeatSeconds: sessionTiming().intervalMs / 1000,
    role: decision.role,
    displayName,
    email: holder.email,
    subject: decision.subject,
    configOverwrite: clientConfig(decision.room, decision.role),
    interfaceConfigOverwrite: { SHOW_JITSI_WATERMARK: false, SHOW_BRAND_WATERMARK: false },
    standin: settings.standin,
  };
}

export type SessionEvent = 'joined' | 'left' | 'role' | 'heartbeat';

/**
 * Records what the meeting page reports for one token, scoped to its holder (`{ userId }` or
 * `{ inviteId }`): the first join, a leave, a role change, or a heartbeat. One indexed row per call;
 * heartbeats closer together than half an interval are dropped, so a chatty page cannot make work.
 * Unknown jti, someone else's token, or a session that already left: nothing happens (false).
 * 'ended': a host ended the room's meeting for everyone after this token was minted (the page leaves).
 */
export async function recordSessionEvent(
  holder: { userId: string } | { inviteId: string },
  jti: string,
  kind: SessionEvent,
  role?: TokenRole,
  now = new Date(),
): Promise<boolean | 'ended'> {
  const mine = { jti, ...holder };
  // One indexed read, only when nothing was recorded: was this session ended for everyone?
  const endedForEveryone = async () => {
    const row = await db.attendance.findFirst({ where: mine, select: { mintedAt: true, room: { select: { endedAt: true } } } });
    return row?.room.endedAt && row.room.endedAt >= row.mintedAt ? ('ended' as const) : false;
  };
  const roleData = role ? { role } : {};
  switch (kind) {
    case 'joined': {
      const first = await db.attendance.updateMany({ where: { ...mine, joinedAt: null }, data: { joinedAt: now, lastSeenAt: now, leftAt: null, ...roleData } });
      if (first.count > 0) return true;
      // A reconnect on the same token: the session goes on from its first join, unless it was ended for everyone.
      const ended = await endedForEveryone();
      if (ended) return ended;
      return (await db.attendance.updateMany({ where: mine, data: { lastSeenAt: now, leftAt: null, ...roleData } })).count > 0;
    }
    case 'left':
      return (await db.attendance.updateMany({ where: { ...mine, leftAt: null }, data: { leftAt: now, lastSeenAt: now } })).count > 0;
    case 'role':
      return role ? (await db.attendance.updateMany({ where: mine, data: { role } })).count > 0 : false;
    case 'heartbeat': {
      const quiet = new Date(now.getTime() - sessionTiming().intervalMs / 2);
      const seen = await db.attendance.updateMany({ where: { ...mine, leftAt: null, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: quiet } }] }, data: { lastSeenAt: now } });
      return seen.count > 0 || endedForEveryone();
    }
  }
}
