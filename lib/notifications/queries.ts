import 'server-only';
import { db } from '@/lib/db';
import type { DeliveryState, NotificationKind } from '@/lib/generated/prisma/enums';

type NotificationProblem = { id: string; email: string; kind: NotificationKind; subject: string; delivery: DeliveryState; error: string; at: Date };
export type NotificationDelivery = {
  counts: Record<NotificationKind, Record<'QUEUED' | 'SENT' | 'FAILED', number>>;
  /** The latest failed mails, and queued ones waiting out a temporary failure (newest first, at most `limit`). */
  problems: NotificationProblem[];
};

/**
 * How the meeting's reminder, update and cancel mails went, per person where something went wrong.
 * The caller has checked that the viewer may edit the meeting. Two indexed reads, bounded.
 */
export async function notificationDelivery(meetingId: string, limit = 20): Promise<NotificationDelivery> {
  const [groups, problems] = await Promise.all([
    db.notification.groupBy({ by: ['kind', 'delivery'], where: { meetingId }, _count: { _all: true } }),
    db.notification.findMany({
      where: { meetingId, error: { not: null }, delivery: { in: ['FAILED', 'QUEUED'] } },
      orderBy: { createdAt: 'desc' },
      take: limit,
      select: { id: true, email: true, kind: true, subject: true, delivery: true, error: true, createdAt: true },
    }),
  ]);
  const empty = () => ({ QUEUED: 0, SENT: 0, FAILED: 0 });
  const counts = { UPDATE: empty(), CANCEL: empty(), REMINDER: empty() };
  for (const g of groups) if (g.delivery !== 'NOT_SENT') counts[g.kind][g.delivery] += g._count._all;
  return { counts, problems: problems.map((p) => ({ ...p, error: p.error ?? '', at: p.createdAt })) };
}
