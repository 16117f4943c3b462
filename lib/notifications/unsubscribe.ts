import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { db } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { recordAudit } from '@/lib/audit/record';

/**
 * A guest's unsubscribe link: the invite id and an HMAC over it (keyed with the portal's secret), so
 * the link works without signing in, cannot be made up for another invite, and carries nothing that
 * opens the meeting. It stops reminders and update mails; the invitation itself keeps working.
 */
function signature(inviteId: string): string {
  return createHmac('sha256', authSecret()).update(`unsubscribe:${inviteId}`).digest('base64url');
}

function unsubscribeToken(inviteId: string): string {
  return `${inviteId}.${signature(inviteId)}`;
}

/** The unsubscribe page (a button; link checkers that open it change nothing) and the RFC 8058 one-click address. */
export function unsubscribeUrls(origin: string, inviteId: string) {
  const page = `${origin}/invite/unsubscribe/${unsubscribeToken(inviteId)}`;
  return { page, oneClick: `${page}/one-click` };
}

function inviteIdOf(token: string): string | null {
  const match = /^([a-z0-9]{10,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, sig] = match;
  const expected = Buffer.from(signature(id!));
  const given = Buffer.from(sig!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id! : null;
}

/** What the unsubscribe page shows about the invitation a token names, or null for a bad token. */
export async function findUnsubscribeTarget(token: string) {
  const id = inviteIdOf(token);
  if (!id) return null;
  return db.invite.findUnique({
    where: { id },
    select: { id: true, email: true, unsubscribedAt: true, room: { select: { name: true } }, meeting: { select: { title: true } } },
  });
}

/** Stops reminders and updates for the invite a token names (idempotent). False for a bad token. */
export async function unsubscribeInvite(token: string): Promise<boolean> {
  const id = inviteIdOf(token);
  if (!id) return false;
  const { count } = await db.invite.updateMany({ where: { id, unsubscribedAt: null }, data: { unsubscribedAt: new Date() } });
  if (count) {
    const invite = await db.invite.findUnique({ where: { id }, select: { roomId: true, meetingId: true } });
    await recordAudit({ kind: 'invite.unsubscribed', roomId: invite?.roomId, meetingId: invite?.meetingId ?? undefined, inviteId: id });
  }
  return (await db.invite.count({ where: { id } })) > 0;
}
