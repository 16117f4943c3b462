import { db } from '@/lib/db';

/** A meeting's invites for its hosts (the caller has checked they may edit the meeting). */
export function listMeetingInvites(meetingId: string) {
  return db.invite.findMany({
    where: { meetingId },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, name: true, email: true, role: true, maxUses: true, useCount: true, expiresAt: true, revokedAt: true, lastJoinedAt: true, delivery: true, deliveryError: true },
  });
}

/** Delivery counts of a meeting's invitation mails, for the progress view. */
export async function inviteDeliveryCounts(meetingId: string) {
  const groups = await db.invite.groupBy({ by: ['delivery'], where: { meetingId, revokedAt: null }, _count: { _all: true } });
  const count = (state: string) => groups.find((g) => g.delivery === state)?._count._all ?? 0;
  return { queued: count('QUEUED'), sent: count('SENT'), failed: count('FAILED') };
}
