import 'server-only';
import { db } from '@/lib/db';
import { foldSessions, personKey, sessionTiming } from '@/lib/attendance/sessions';

/** Sessions read for the room page: the latest ones, enough for the 50 people it shows. */
const RECENT_SESSIONS = 1_000;

/**
 * Who joined this room recently, one line per person (employee or personal invite) with their
 * sessions folded, newest first; at most 50. The caller has checked that the viewer manages the room.
 */
export async function listRoomAttendance(roomId: string, now = new Date()) {
  const rows = await db.attendance.findMany({
    where: { roomId, joinedAt: { not: null } },
    orderBy: { joinedAt: 'desc' },
    take: RECENT_SESSIONS,
    select: { jti: true, displayName: true, role: true, mintedAt: true, joinedAt: true, leftAt: true, lastSeenAt: true, userId: true, inviteId: true },
  });
  const inviteIds = [...new Set(rows.flatMap((r) => (r.inviteId ? [r.inviteId] : [])))];
  const personal = await db.invite.findMany({ where: { id: { in: inviteIds }, email: { not: null } }, select: { id: true } });
  const personalIds = new Set(personal.map((i) => i.id));
  const sessions = rows.flatMap((r) => (r.joinedAt ? [{ ...r, joinedAt: r.joinedAt, person: personKey(r, personalIds) }] : []));
  return foldSessions(sessions, now, sessionTiming().timeoutMs).reverse().slice(0, 50);
}
