import { db } from '@/lib/db';

/** The next meetings in rooms the person hosts or co-hosts (first occurrences; series expand with the meetings feature). */
export function listUpcomingMeetings(userId: string, now = new Date()) {
  return db.meeting.findMany({
    where: {
      cancelledAt: null,
      endsAt: { gte: now },
      room: { archivedAt: null, OR: [{ ownerId: userId }, { members: { some: { userId } } }] },
    },
    orderBy: { startsAt: 'asc' },
    take: 10,
    select: { id: true, title: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true, room: { select: { name: true, slug: true } } },
  });
}
