import { db } from '@/lib/db';

/** A meeting's invites for its hosts (the caller has checked they may edit the meeting). */
export function listMeetingInvites(meetingId: string) {
  return db.invite.findMany({
    where: { meetingId },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, name: true, email: true, role: true, maxUses: true, useCount: true, expiresAt: true, revokedAt: true, lastJoinedAt: true, delivery: true },
  });
}
