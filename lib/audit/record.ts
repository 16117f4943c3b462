import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/** Kinds of audit events; the admin audit log filters by them. */
export type AuditKind =
  | 'auth.sign_in'
  | 'auth.sign_in_refused'
  | 'auth.sign_out'
  | 'auth.link_requested'
  | 'auth.link_rate_limited'
  | 'user.role_changed'
  | 'user.disabled'
  | 'user.enabled'
  | 'mail.failed'
  | 'room.created'
  | 'room.updated'
  | 'room.link_rotated'
  | 'room.archived'
  | 'room.unarchived'
  | 'room.deleted'
  | 'room.ownership_transferred'
  | 'meeting.created'
  | 'meeting.updated'
  | 'meeting.cancelled'
  | 'meeting.occurrence_cancelled'
  | 'calendar.feed_created'
  | 'calendar.feed_revoked'
  | 'token.minted'
  | 'join.refused'
  | 'invite.created'
  | 'invite.revoked'
  | 'invite.redeemed'
  | 'invite.redeem_refused'
  | 'invite.bulk_created'
  | 'jitsi.secret_revealed'
  | 'jitsi.token_inspected';

export type AuditInput = {
  kind: AuditKind;
  actorId?: string | null;
  actorEmail?: string | null;
  subjectUserId?: string | null;
  roomId?: string | null;
  meetingId?: string | null;
  inviteId?: string | null;
  ip?: string | null;
  /** Details that depend on the kind. Never a token, a link or a secret. */
  data?: Prisma.InputJsonObject;
};

/** Records one audit event. Pass a transaction client to write it together with the change it describes. */
export async function recordAudit(event: AuditInput, client: Pick<typeof db, 'auditEvent'> = db): Promise<void> {
  await client.auditEvent.create({ data: { ...event, data: event.data ?? {} } });
}
