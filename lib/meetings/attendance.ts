import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { foldSessions, personKey, sessionTiming } from '@/lib/attendance/sessions';
import { toCsv, type CsvCell } from '@/lib/csv';

/** One person at a meeting: every session on their account or personal link folded into one line. */
export type AttendanceLine = {
  name: string;
  email: string;
  kind: 'Employee' | 'Guest';
  role: 'Moderator' | 'Participant';
  firstJoinedAt: Date;
  /** End of their last session; null while they are still in. */
  lastLeftAt: Date | null;
  minutes: number;
  sessions: number;
  /** Personal links: uses refused while someone was in on the link, and uses let in alongside someone. */
  refusedUses: number;
  sharedUses: number;
};

export type NoShow = { name: string; email: string; role: 'Moderator' | 'Participant' };

/** Sessions read per meeting at most (a 100-person workshop with rejoins is a few hundred). */
const MAX_SESSIONS = 20_000;

/**
 * Where the times come from: `jitsi` — Jitsi's own events (event_sync), when they are enabled and
 * Jitsi reported stays for the meeting; `portal` — the meeting pages' reports and heartbeats.
 */
export type AttendanceSource = 'jitsi' | 'portal';

type SessionRow = { key: string; displayName: string; role: string; mintedAt: Date; joinedAt: Date; leftAt: Date | null; lastSeenAt: Date | null; userId: string | null; inviteId: string | null };

/** The meeting's sessions: Jitsi's stays when there are any (and events are on), else the portal's tickets. */
async function meetingSessions(meetingId: string): Promise<{ source: AttendanceSource; rows: SessionRow[] }> {
  if (getEnv().JITSI_EVENTS_SECRET) {
    const stays = await db.jitsiPresence.findMany({
      where: { meetingId },
      orderBy: { joinedAt: 'asc' },
      select: { id: true, name: true, role: true, joinedAt: true, leftAt: true, userId: true, inviteId: true },
      take: MAX_SESSIONS,
    });
    if (stays.length) {
      return { source: 'jitsi', rows: stays.map((s) => ({ key: s.id, displayName: s.name, role: s.role, mintedAt: s.joinedAt, joinedAt: s.joinedAt, leftAt: s.leftAt, lastSeenAt: null, userId: s.userId, inviteId: s.inviteId })) };
    }
  }
  const tickets = await db.attendance.findMany({
    where: { meetingId, joinedAt: { not: null } },
    orderBy: { joinedAt: 'asc' },
    select: { jti: true, displayName: true, role: true, mintedAt: true, joinedAt: true, leftAt: true, lastSeenAt: true, inviteId: true, userId: true },
    take: MAX_SESSIONS,
  });
  return { source: 'portal', rows: tickets.flatMap(({ jti, joinedAt, ...t }) => (joinedAt ? [{ ...t, key: jti, joinedAt }] : [])) };
}

/**
 * Who came to a meeting (one line per person, with first join, last leave, minutes and sessions)
 * and the personal invites nobody used. The caller has checked that the viewer may edit the meeting.
 */
export async function meetingAttendance(meetingId: string, now = new Date()): Promise<{ people: AttendanceLine[]; noShows: NoShow[]; source: AttendanceSource }> {
  const [{ source, rows }, invites] = await Promise.all([
    meetingSessions(meetingId),
    db.invite.findMany({
      where: { meetingId, email: { not: null } },
      select: { id: true, name: true, email: true, role: true, revokedAt: true, refusedUses: true, sharedUses: true },
      take: MAX_SESSIONS,
    }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))] } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const inviteOf = new Map(invites.map((i) => [i.id, i]));
  const personal = new Set(invites.map((i) => i.id));
  const owner = new Map<string, { userId: string | null; inviteId: string | null }>();
  const sessions = rows.map((r) => {
    const person = personKey({ jti: r.key, userId: r.userId, inviteId: r.inviteId }, personal);
    owner.set(person, { userId: r.userId, inviteId: r.inviteId });
    return { ...r, person };
  });

  // Jitsi says when a stay ends (or the room does); the portal's sessions end after heartbeats stop.
  const timeoutMs = source === 'jitsi' ? Number.POSITIVE_INFINITY : sessionTiming().timeoutMs;
  const people: AttendanceLine[] = foldSessions(sessions, now, timeoutMs).map((line) => {
    const { userId, inviteId } = owner.get(line.person) ?? { userId: null, inviteId: null };
    const invite = inviteId ? inviteOf.get(inviteId) : undefined;
    return {
      name: invite?.name ?? line.displayName,
      email: userId ? (emailOf.get(userId) ?? '') : (invite?.email ?? ''),
      kind: userId ? 'Employee' : 'Guest',
      role: line.role === 'moderator' ? 'Moderator' : 'Participant',
      firstJoinedAt: line.firstJoinedAt,
      lastLeftAt: line.lastLeftAt,
      minutes: line.minutes,
      sessions: line.sessions,
      refusedUses: invite?.refusedUses ?? 0,
      sharedUses: invite?.sharedUses ?? 0,
    };
  });
  const came = new Set(sessions.flatMap((s) => (s.inviteId ? [s.inviteId] : [])));
  const noShows: NoShow[] = invites
    .filter((i) => !i.revokedAt && !came.has(i.id))
    .map((i) => ({ name: i.name ?? '', email: i.email ?? '', role: i.role === 'CO_HOST' ? 'Moderator' : 'Participant' }));
  return { people, noShows, source };
}

/** "3 people" / "1 person". */
export function peopleCount(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`;
}

const ATTENDANCE_CSV_HEADER = ['name', 'email', 'kind', 'role', 'attended', 'first joined (UTC)', 'last left (UTC)', 'minutes', 'sessions', 'link refused while in use', 'link shared'];

/** The attendance export's rows: one per person who came, then one per invited person who did not. */
function attendanceRows({ people, noShows }: { people: AttendanceLine[]; noShows: NoShow[] }): CsvCell[][] {
  return [
    ...people.map((p) => [
      p.name,
      p.email,
      p.kind,
      p.role,
      'yes',
      p.firstJoinedAt,
      // Empty only while the person is still in the meeting.
      p.lastLeftAt,
      p.minutes,
      p.sessions,
      p.refusedUses,
      p.sharedUses,
    ]),
    ...noShows.map((n) => [n.name, n.email, 'Guest', n.role, 'no', null, null, 0, 0, null, null]),
  ];
}

export function attendanceCsv(attendance: { people: AttendanceLine[]; noShows: NoShow[] }): string {
  return toCsv(ATTENDANCE_CSV_HEADER, attendanceRows(attendance));
}
