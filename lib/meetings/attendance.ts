import { db } from '@/lib/db';
import { toCsv } from '@/lib/csv';

export type AttendanceRow = { name: string; email: string; kind: 'Employee' | 'Guest'; role: string; joinedAt: Date | null; leftAt: Date | null; minutes: number | null };

/**
 * Who came to a meeting and for how long, plus the personal invites nobody used (no-shows). The
 * caller has checked that the viewer may edit the meeting.
 */
export async function meetingAttendance(meetingId: string, now = new Date()): Promise<{ present: AttendanceRow[]; noShows: AttendanceRow[] }> {
  const [rows, invites] = await Promise.all([
    db.attendance.findMany({
      where: { meetingId, joinedAt: { not: null } },
      orderBy: { joinedAt: 'asc' },
      select: { displayName: true, role: true, joinedAt: true, leftAt: true, inviteId: true, userId: true, expiresAt: true },
      take: 20_000,
    }),
    db.invite.findMany({ where: { meetingId, email: { not: null }, revokedAt: null }, select: { id: true, name: true, email: true, role: true }, take: 20_000 }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.userId ? [r.userId] : [])) } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const inviteOf = new Map(invites.map((i) => [i.id, i]));
  const present: AttendanceRow[] = rows.map((r) => {
    const end = r.leftAt ?? (r.expiresAt > now ? now : null);
    return {
      name: r.displayName,
      email: r.userId ? (emailOf.get(r.userId) ?? '') : (inviteOf.get(r.inviteId ?? '')?.email ?? ''),
      kind: r.userId ? 'Employee' : 'Guest',
      role: r.role === 'moderator' ? 'Moderator' : 'Participant',
      joinedAt: r.joinedAt,
      leftAt: r.leftAt,
      minutes: end && r.joinedAt ? Math.max(0, Math.round((end.getTime() - r.joinedAt.getTime()) / 60_000)) : null,
    };
  });
  const came = new Set(rows.flatMap((r) => (r.inviteId ? [r.inviteId] : [])));
  const noShows: AttendanceRow[] = invites
    .filter((i) => !came.has(i.id))
    .map((i) => ({ name: i.name ?? '', email: i.email ?? '', kind: 'Guest', role: i.role === 'CO_HOST' ? 'Moderator' : 'Participant', joinedAt: null, leftAt: null, minutes: null }));
  return { present, noShows };
}

export function attendanceCsv({ present, noShows }: { present: AttendanceRow[]; noShows: AttendanceRow[] }): string {
  const line = (r: AttendanceRow, attended: string) => [r.name, r.email, r.kind, r.role, attended, r.joinedAt, r.leftAt, r.minutes];
  return toCsv(['name', 'email', 'kind', 'role', 'attended', 'joined (UTC)', 'left (UTC)', 'minutes'], [...present.map((r) => line(r, 'yes')), ...noShows.map((r) => line(r, 'no'))]);
}
