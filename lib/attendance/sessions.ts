import { getEnv } from '@/lib/env';

/**
 * Attendance sessions (one per minted token the holder used) folded into one line per person.
 * Pure, so the meeting page, the room page and the CSV count people and minutes the same way.
 */

/** Heartbeat interval and the silence after which a session without a Leave counts as ended. */
export type SessionTiming = { intervalMs: number; timeoutMs: number };

export function sessionTiming(): SessionTiming {
  const intervalMs = getEnv().ATTENDANCE_HEARTBEAT_SECONDS * 1000;
  return { intervalMs, timeoutMs: Math.ceil(intervalMs * 2.5) };
}

export type SessionTimes = { mintedAt: Date; joinedAt: Date | null; leftAt: Date | null; lastSeenAt: Date | null };

/**
 * When a session ended: its Leave; otherwise its last sign of life (heartbeat, else the join) once
 * that is older than the timeout (tab closed, crash). Null while it is still live.
 */
export function sessionEnd(s: SessionTimes, now: Date, timeoutMs: number): Date | null {
  if (s.leftAt) return s.leftAt;
  const seen = s.lastSeenAt ?? s.joinedAt ?? s.mintedAt;
  return now.getTime() - seen.getTime() > timeoutMs ? seen : null;
}

/** A meeting page is still open on this token (joined or on the way in). */
export function isLive(s: SessionTimes, now: Date, timeoutMs: number): boolean {
  return sessionEnd(s, now, timeoutMs) === null;
}

export type Session = SessionTimes & {
  /** Who the session belongs to: one key per employee, per personal invite, or per open-link use. */
  person: string;
  displayName: string;
  role: string;
  joinedAt: Date;
};

export type PersonLine = {
  person: string;
  /** The name of the latest session. */
  displayName: string;
  /** "moderator" if any session was, else the role of the sessions. */
  role: string;
  firstJoinedAt: Date;
  /** End of the last session; null while the person is still in. */
  lastLeftAt: Date | null;
  /** Minutes present: the union of the sessions, so overlapping tabs are not counted twice. */
  minutes: number;
  sessions: number;
};

/** Folds sessions into one line per person, in order of first join. */
export function foldSessions(sessions: Session[], now: Date, timeoutMs: number): PersonLine[] {
  const byPerson = new Map<string, Session[]>();
  for (const s of sessions) {
    const list = byPerson.get(s.person);
    if (list) list.push(s);
    else byPerson.set(s.person, [s]);
  }
  const lines: PersonLine[] = [];
  for (const [person, list] of byPerson) {
    const spans = list
      .map((s) => {
        const end = sessionEnd(s, now, timeoutMs);
        return { s, start: s.joinedAt.getTime(), end: Math.max(s.joinedAt.getTime(), (end ?? now).getTime()), live: end === null };
      })
      .sort((a, b) => a.start - b.start);
    let total = 0;
    let open: { start: number; end: number } | null = null;
    for (const span of spans) {
      if (open && span.start <= open.end) open.end = Math.max(open.end, span.end);
      else {
        if (open) total += open.end - open.start;
        open = { start: span.start, end: span.end };
      }
    }
    if (open) total += open.end - open.start;
    const first = spans[0];
    const latest = spans[spans.length - 1];
    if (!first || !latest) continue;
    const live = spans.some((x) => x.live);
    lines.push({
      person,
      displayName: latest.s.displayName,
      role: list.some((s) => s.role === 'moderator') ? 'moderator' : latest.s.role,
      firstJoinedAt: new Date(first.start),
      lastLeftAt: live ? null : new Date(Math.max(...spans.map((x) => x.end))),
      minutes: Math.round(total / 60_000),
      sessions: list.length,
    });
  }
  return lines.sort((a, b) => a.firstJoinedAt.getTime() - b.firstJoinedAt.getTime());
}

/** The person a session belongs to: the employee, the personal invite, or (open links) the session itself. */
export function personKey(row: { jti: string; userId: string | null; inviteId: string | null }, personalInvites: Set<string>): string {
  if (row.userId) return `user:${row.userId}`;
  if (row.inviteId && personalInvites.has(row.inviteId)) return `invite:${row.inviteId}`;
  return `session:${row.jti}`;
}
