import 'server-only';
import { db } from '@/lib/db';

/** The latest 50 joins in a room (the caller has checked that the viewer manages the room). */
export async function listRoomAttendance(roomId: string) {
  const rows = await db.attendance.findMany({
    where: { roomId, joinedAt: { not: null } },
    orderBy: { joinedAt: 'desc' },
    take: 50,
    select: { id: true, displayName: true, role: true, joinedAt: true, leftAt: true },
  });
  return rows.map((r) => ({ ...r, joinedAt: r.joinedAt! }));
}
