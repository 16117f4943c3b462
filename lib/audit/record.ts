import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Prisma } from '@/lib/generated/prisma/client';

/** Kinds of audit events; the admin audit log filters by them. */
type AuditKind =
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
  | 'room.meeting_ended'
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
  | 'invite.unsubscribed'
  | 'jitsi.secret_revealed'
  | 'jitsi.token_inspected'
  | 'jitsi.live_checked'
  | 'jitsi.events_refused';

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

/** A JWT, or a long random code such as an invite token or a session id. */
const CREDENTIAL = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|[A-Za-z0-9_-]{40,}/g;

/**
 * Replaces anything that looks like a token or a raw code in the event's details — a safety net under
 * the rule that callers never pass one — and keeps details small.
 */
export function redactDetails(value: Prisma.InputJsonValue): Prisma.InputJsonValue {
  if (typeof value === 'string') return value.replace(CREDENTIAL, '[redacted]').slice(0, 1000);
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => (v === null ? null : redactDetails(v as Prisma.InputJsonValue)));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? null : redactDetails(v as Prisma.InputJsonValue)]));
  }
  return value;
}

/** The event as one JSON line for log collectors: newline-safe (JSON escapes them), details redacted. */
export function securityLogLine(event: AuditInput, at: Date): string {
  const { data, ...fields } = event;
  return JSON.stringify({ time: at.toISOString(), type: 'audit', ...fields, data: redactDetails(data ?? {}) });
}

/** Records one audit event. Pass a transaction client to write it together with the change it describes. */
export async function recordAudit(event: AuditInput, client: Pick<typeof db, 'auditEvent'> = db): Promise<void> {
  const at = new Date();
  await client.auditEvent.create({ data: { ...event, createdAt: at, data: redactDetails(event.data ?? {}) as Prisma.InputJsonObject } });
  if (getEnv().SECURITY_LOG === 'stdout') process.stdout.write(`${securityLogLine(event, at)}\n`);
}
