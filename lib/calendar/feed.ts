import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/record';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates (or replaces) the person's secret calendar feed token; the old URL stops working. */
export async function rotateCalendarFeed(user: { id: string; email: string }): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.user.update({ where: { id: user.id }, data: { calendarTokenHash: hash(token) } });
  await recordAudit({ kind: 'calendar.feed_created', actorId: user.id, actorEmail: user.email });
  return token;
}

export async function revokeCalendarFeed(user: { id: string; email: string }): Promise<void> {
  await db.user.update({ where: { id: user.id }, data: { calendarTokenHash: null } });
  await recordAudit({ kind: 'calendar.feed_revoked', actorId: user.id, actorEmail: user.email });
}

/** The active person a feed token belongs to, or null. */
export function findFeedOwner(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return db.user.findFirst({ where: { calendarTokenHash: hash(token), disabledAt: null }, select: { id: true, email: true, name: true } });
}

export async function hasCalendarFeed(userId: string): Promise<boolean> {
  return (await db.user.count({ where: { id: userId, calendarTokenHash: { not: null } } })) > 0;
}
