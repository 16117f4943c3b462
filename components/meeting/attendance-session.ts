import type { JoinTicket } from '@/lib/jitsi/join';

type Role = JoinTicket['role'];

export type AttendanceReport = { jti: string; kind: 'joined' | 'left' | 'role' | 'heartbeat'; role?: Role };

export type Reporter = (event: AttendanceReport) => Promise<unknown>;

/** Attendance for one ticket: joined once per conference, role changes of the local participant, left once. */
export class AttendanceSession {
  private localId: string | null = null;
  private role: Role;
  private joinedOnce = false;
  private leftReport: Promise<unknown> | null = null;
  private readonly earlyRoles = new Map<string, Role>();

  constructor(
    private readonly jti: string,
    role: Role,
    private readonly report: Reporter,
  ) {
    this.role = role;
  }

  get hasJoined(): boolean {
    return this.joinedOnce;
  }

  /** Returns the role the person joined with: the event's, an earlier role change for their id, or the ticket's. */
  joined(id: string | null, role: Role | null): Role {
    this.localId = id;
    this.role = role ?? (id === null ? undefined : this.earlyRoles.get(id)) ?? this.role;
    this.joinedOnce = true;
    void this.send({ jti: this.jti, kind: 'joined', role: this.role });
    return this.role;
  }

  /** Returns the new role when the local participant's role really changed. */
  roleChanged(id: string | null, role: Role | null): Role | null {
    if (id === null || role === null) return null;
    if (this.localId === null) {
      // Jitsi may announce the local role before videoConferenceJoined tells us the local id.
      this.earlyRoles.set(id, role);
      return null;
    }
    if (id !== this.localId || role === this.role) return null;
    this.role = role;
    void this.send({ jti: this.jti, kind: 'role', role });
    return role;
  }

  /** Ends the session once (also before joining, so a personal link is free again at once). */
  reportLeft(): Promise<unknown> {
    this.leftReport ??= this.send({ jti: this.jti, kind: 'left' });
    return this.leftReport;
  }

  private send(event: AttendanceReport): Promise<unknown> {
    try {
      return this.report(event).catch(() => undefined);
    } catch {
      return Promise.resolve();
    }
  }
}
