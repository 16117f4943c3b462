import { db } from '@/lib/db';

/** Rooms the person hosts or co-hosts, not archived, by name. */
export function listMyRooms(userId: string) {
  return db.room.findMany({
    where: { archivedAt: null, OR: [{ ownerId: userId }, { members: { some: { userId } } }] },
    orderBy: { name: 'asc' },
    take: 50,
    select: { id: true, slug: true, name: true, description: true, alwaysOpen: true, ownerId: true },
  });
}
