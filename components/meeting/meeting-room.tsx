'use client';

import type { JoinTicket } from '@/lib/jitsi/join';
import { JitsiMeeting } from '@jitsi/react-sdk';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useEffectEvent, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { externalApiUrl, loadExternalApi } from './external-api-script';

/** What the join action returns: everything the browser needs to enter one Jitsi room once. */
export type { JoinTicket };

type Role = JoinTicket['role'];

export type AttendanceReport = { jti: string; kind: 'joined' | 'left' | 'role' | 'heartbeat'; role?: Role };

export type MeetingRoomProps = {
  roomLabel: string;
  /** Where "Back" and leaving the meeting go. */
  backHref: string;
  /** The words on the way back (default "Back to your dashboard"). */
  backLabel?: string;
  /**
   * Instead of navigating to `backHref`: called after the person left the meeting ('left') or chose
   * to go back from a refusal ('back'). For pages that are themselves the way back (the invite page).
   */
  onExit?: (reason: 'left' | 'back') => void;
  /** Mints a fresh ticket on every call. */
  join: () => Promise<ActionResult<JoinTicket>>;
  /** Records attendance for the ticket's jti. */
  report: (event: AttendanceReport) => Promise<unknown>;
  /** How long each connection step may take before "The video service can’t be reached". */
  unreachableAfterMs?: number;
};

type JitsiApi = Parameters<NonNullable<ComponentProps<typeof JitsiMeeting>['onApiReady']>>[0];

/** After `videoConferenceLeft` without `readyToClose` (and no rejoin, e.g. a breakout room), go back. */
const LEFT_GRACE_MS = 3_000;
/** After "Leave" sent `hangup`, go back even if Jitsi never answers. */
const LEAVE_FALLBACK_MS = 4_000;
/** How long navigation waits for the "left" report to reach the server. */
const REPORT_WAIT_MS = 2_000;
const MAX_TIMER_MS = 2_147_483_647;
const TOKEN_REJECTIONS = new Set(['connection.passwordRequired', 'conference.connectionError.notAllowed']);

/**
 * Connection steps. Each of 'starting' (script and `onApiReady`) and 'frame-loaded' (waiting for the
 * conference, the prejoin screen or an error) has `unreachableAfterMs`; 'api-ready' waits for the
 * iframe without a limit (the expiry deadline still applies); 'answered' means Jitsi spoke.
 */
type Stage = 'starting' | 'api-ready' | 'frame-loaded' | 'answered';

type Connection = { api: JitsiApi; session: Session };

type Meeting = {
  kind: 'meeting';
  ticket: JoinTicket;
  /** Client-clock time after which this token can no longer get a person in. */
  deadline: number;
  scriptReady: boolean;
  stage: Stage;
  connection: Connection | null;
  prejoin: boolean;
  /** The person's role while they are in the conference. */
  joinedRole: Role | null;
  everJoined: boolean;
  left: boolean;
  leaving: boolean;
};

type View =
  | { kind: 'loading' }
  | { kind: 'refused'; message: string }
  | { kind: 'failed' }
  | Meeting
  | { kind: 'unreachable'; domain: string; standin: boolean }
  | { kind: 'expired' };

/** Attendance for one ticket: joined once per conference, role changes of the local participant, left once. */
class Session {
  private localId: string | null = null;
  private role: Role;
  private joinedOnce = false;
  private leftReport: Promise<unknown> | null = null;
  private readonly earlyRoles = new Map<string, Role>();

  constructor(
    private readonly jti: string,
    role: Role,
    private readonly report: MeetingRoomProps['report'],
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

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

function asRole(value: unknown): Role | null {
  return value === 'moderator' || value === 'participant' ? value : null;
}

/** Jitsi (or the stand-in) refused the token: expired, not yet valid, wrong room, bad signature… */
function isTokenRejection(payload: unknown): boolean {
  const inner = field(payload, 'error');
  const name = text(field(payload, 'name')) ?? text(field(inner, 'name')) ?? '';
  const message = text(field(payload, 'message')) ?? text(field(inner, 'message')) ?? '';
  return TOKEN_REJECTIONS.has(name) || /\bexp\b|expired/i.test(`${name} ${message}`);
}

function joinDeadline(ticket: JoinTicket, now: number): number {
  // The lifetime comes from the server, so this device's clock does not matter. A little early:
  // connecting takes a moment, and Jitsi allows no clock tolerance.
  const lifetime = ticket.lifetimeSeconds * 1000;
  return now + lifetime - Math.min(5_000, lifetime / 10);
}

async function fetchTicket(join: MeetingRoomProps['join']): Promise<View> {
  try {
    const result = await join();
    if (!result.ok) return { kind: 'refused', message: result.message };
    const ticket = result.data;
    return {
      kind: 'meeting',
      ticket,
      deadline: joinDeadline(ticket, Date.now()),
      scriptReady: false,
      stage: 'starting',
      connection: null,
      prejoin: false,
      joinedRole: null,
      everJoined: false,
      left: false,
      leaving: false,
    };
  } catch {
    return { kind: 'failed' };
  }
}

function settleWithin(promise: Promise<unknown> | undefined, ms: number): Promise<unknown> {
  if (!promise) return Promise.resolve();
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

const unreachable = (meeting: Meeting): View => ({ kind: 'unreachable', domain: meeting.ticket.domain, standin: meeting.ticket.standin });
const expired = (): View => ({ kind: 'expired' });

/** `getIFrameRef`: the SDK's div (and its iframe) fill the frame box below the bar. */
function fillFrameBox(node: HTMLDivElement) {
  Object.assign(node.style, { position: 'absolute', inset: '0', width: '100%', height: '100%' });
  const frame = node.querySelector('iframe');
  if (frame) frame.style.display = 'block';
}

function focusOnMount(node: HTMLElement | null) {
  node?.focus();
}

const linkButton = {
  primary: 'inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
  secondary: 'inline-flex items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-500',
} as const;

function Panel({ title, children, actions }: { title: string; children?: ReactNode; actions: ReactNode }) {
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 ref={focusOnMount} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
        {title}
      </h1>
      <div className="mt-3 space-y-3 text-slate-700">{children}</div>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-3">{actions}</div>
    </div>
  );
}

function StandinNotice({ domain }: { domain: string }) {
  const health = `https://${domain}/health`;
  return (
    <Notice tone="warning">
      Development stand-in: not a real video bridge. First time? open{' '}
      <a href={health} target="_blank" rel="noreferrer" className="font-medium underline">
        {health}
      </a>{' '}
      in a tab and accept its certificate.
    </Notice>
  );
}

function meetingStatus(meeting: Meeting): string {
  if (meeting.leaving) return 'Leaving the meeting…';
  if (meeting.joinedRole) return `Joined as ${meeting.joinedRole}`;
  if (meeting.left) return 'You left the meeting.';
  if (meeting.prejoin) return 'Check your camera and microphone, then join.';
  return 'Connecting to the meeting…';
}

/**
 * The meeting page: gets a fresh ticket, embeds Jitsi with it, reports attendance, and explains
 * what went wrong when the video service cannot be reached or the token has expired.
 */
export function MeetingRoom({ roomLabel, backHref, backLabel = 'Back to your dashboard', onExit, join, report, unreachableAfterMs = 15_000 }: MeetingRoomProps) {
  const router = useRouter();
  const [attempt, setAttempt] = useState(0);
  const [view, setView] = useState<View>({ kind: 'loading' });
  // One join() per attempt, even when Strict Mode runs the effect twice.
  const requests = useRef<{ attempt: number; result: Promise<View> } | null>(null);
  const closing = useRef(false);
  const requestTicket = useEffectEvent(() => fetchTicket(join));

  useEffect(() => {
    let active = true;
    let request = requests.current;
    if (!request || request.attempt !== attempt) {
      request = { attempt, result: requestTicket() };
      requests.current = request;
    }
    void request.result.then((next) => {
      if (active) setView(next);
    });
    return () => {
      active = false;
    };
  }, [attempt]);

  /** Updates the meeting view, but only while it still shows this ticket. */
  const patch = useCallback((jti: string, update: (meeting: Meeting) => View) => {
    setView((current) => (current.kind === 'meeting' && current.ticket.jti === jti ? update(current) : current));
  }, []);

  const close = useCallback(
    (pending?: Promise<unknown>) => {
      if (closing.current) return;
      closing.current = true;
      void settleWithin(pending, REPORT_WAIT_MS).then(() => (onExit ? onExit('left') : router.push(backHref)));
    },
    [router, backHref, onExit],
  );

  const meeting = view.kind === 'meeting' ? view : null;
  const jti = meeting?.ticket.jti ?? null;

  // Load external_api.js ourselves, so a failure shows at once and "Try again" loads it again.
  const scriptSrc = meeting && !meeting.scriptReady ? externalApiUrl(meeting.ticket.domain, meeting.ticket.roomName) : null;
  useEffect(() => {
    if (!scriptSrc || !jti) return;
    let active = true;
    loadExternalApi(scriptSrc).then(
      () => {
        if (active) patch(jti, (m) => ({ ...m, scriptReady: true }));
      },
      () => {
        if (active) patch(jti, unreachable);
      },
    );
    return () => {
      active = false;
    };
  }, [scriptSrc, jti, patch]);

  // Unreachable: no onApiReady in time, or no answer from Jitsi in time after the iframe loaded.
  const watchedStage = meeting && (meeting.stage === 'starting' || meeting.stage === 'frame-loaded') ? meeting.stage : null;
  useEffect(() => {
    if (!watchedStage || !jti) return;
    const timer = setTimeout(() => patch(jti, (m) => (m.stage === watchedStage ? unreachable(m) : m)), unreachableAfterMs);
    return () => clearTimeout(timer);
  }, [watchedStage, jti, unreachableAfterMs, patch]);

  // Expired: the token ran out before the person got in. Joined people are never sent away for it.
  const deadline = meeting && !meeting.everJoined ? meeting.deadline : null;
  useEffect(() => {
    if (deadline === null || !jti) return;
    const delay = Math.min(Math.max(0, deadline - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => patch(jti, (m) => (m.everJoined ? m : expired())), delay);
    return () => clearTimeout(timer);
  }, [deadline, jti, patch]);

  // Leaving: go back when Jitsi does not say readyToClose by itself.
  const connection = meeting?.connection ?? null;
  const closeAfter = meeting?.leaving ? LEAVE_FALLBACK_MS : meeting?.left ? LEFT_GRACE_MS : null;
  useEffect(() => {
    if (closeAfter === null || !connection) return;
    const timer = setTimeout(() => close(connection.session.reportLeft()), closeAfter);
    return () => clearTimeout(timer);
  }, [closeAfter, connection, close]);

  // Heartbeats while the meeting page is open on this ticket, so a closed tab still ends the session.
  const heartbeatMs = meeting && !meeting.left && !meeting.leaving ? meeting.ticket.heartbeatSeconds * 1000 : null;
  const sendHeartbeat = useEffectEvent((id: string) => {
    try {
      void report({ jti: id, kind: 'heartbeat' }).catch(() => undefined);
    } catch {
      // the next beat tries again
    }
  });
  useEffect(() => {
    if (heartbeatMs === null || !jti) return;
    const timer = setInterval(() => sendHeartbeat(jti), heartbeatMs);
    return () => clearInterval(timer);
  }, [heartbeatMs, jti]);

  // The SDK never disposes its IFrame API; do it when this ticket's meeting goes away.
  useEffect(() => {
    if (!connection) return;
    return () => {
      void connection.session.reportLeft();
      try {
        connection.api.dispose();
      } catch {
        // already gone
      }
    };
  }, [connection]);

  const connect = (ticket: JoinTicket) => (api: JitsiApi) => {
    const id = ticket.jti;
    const session = new Session(id, ticket.role, report);
    patch(id, (m) => ({ ...m, connection: { api, session }, stage: m.stage === 'starting' ? 'api-ready' : m.stage }));
    api.getIFrame()?.addEventListener('load', () => patch(id, (m) => (m.stage === 'api-ready' ? { ...m, stage: 'frame-loaded' } : m)));
    api.on('prejoinScreenLoaded', () => patch(id, (m) => ({ ...m, stage: 'answered', prejoin: !m.joinedRole })));
    api.on('videoConferenceJoined', (payload: unknown) => {
      const first = !session.hasJoined;
      const role = session.joined(text(field(payload, 'id')), asRole(field(payload, 'role')));
      patch(id, (m) => ({ ...m, stage: 'answered', joinedRole: role, everJoined: true, left: false, prejoin: false }));
      if (first && role === 'moderator' && ticket.subject) api.executeCommand('subject', ticket.subject);
    });
    api.on('participantRoleChanged', (payload: unknown) => {
      const role = session.roleChanged(text(field(payload, 'id')), asRole(field(payload, 'role')));
      if (role) patch(id, (m) => (m.joinedRole ? { ...m, joinedRole: role } : m));
    });
    api.on('videoConferenceLeft', () => {
      void session.reportLeft();
      patch(id, (m) => ({ ...m, joinedRole: null, left: true }));
    });
    api.on('readyToClose', () => close(session.reportLeft()));
    api.on('errorOccurred', (payload: unknown) => {
      if (isTokenRejection(payload)) {
        void session.reportLeft();
        patch(id, expired);
      } else {
        // Jitsi shows its own explanation in the frame; it did answer, so it is not unreachable.
        patch(id, (m) => ({ ...m, stage: 'answered' }));
      }
    });
  };

  const retry = () => {
    setView({ kind: 'loading' });
    setAttempt((n) => n + 1);
  };

  const leave = () => {
    if (!meeting) return;
    const current = meeting.connection;
    if (!current) {
      close();
      return;
    }
    patch(meeting.ticket.jti, (m) => ({ ...m, leaving: true }));
    current.api.executeCommand('hangup');
  };

  const backTo = (style: keyof typeof linkButton) =>
    onExit ? (
      <Button type="button" variant={style} onClick={() => onExit('back')}>
        {backLabel}
      </Button>
    ) : (
      <Link href={backHref} className={linkButton[style]}>
        {backLabel}
      </Link>
    );
  const back = backTo('secondary');
  const retryOrBack = (
    <>
      <Button type="button" onClick={retry}>
        Try again
      </Button>
      {back}
    </>
  );

  let content: ReactNode;
  switch (view.kind) {
    case 'loading':
      content = (
        <div role="status" className="mx-auto mt-12 flex max-w-lg items-center justify-center gap-3 text-slate-700">
          <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
          Getting your meeting ready…
        </div>
      );
      break;
    case 'refused':
      content = (
        <Panel
          title="You can’t join right now"
          actions={backTo('primary')}
        >
          <p>{view.message}</p>
        </Panel>
      );
      break;
    case 'failed':
      content = (
        <Panel
          title="You can’t join right now"
          actions={retryOrBack}
        >
          <p>Gatehouse could not get your meeting ready. Check your connection and try again.</p>
        </Panel>
      );
      break;
    case 'unreachable':
      content = (
        <Panel
          title="The video service can’t be reached"
          actions={retryOrBack}
        >
          <p>Gatehouse could not connect to the meeting server at {view.domain}. Check your connection and try again.</p>
          {view.standin && <StandinNotice domain={view.domain} />}
        </Panel>
      );
      break;
    case 'expired':
      content = (
        <Panel
          title="Your meeting link expired"
          actions={
            <>
              <Button type="button" onClick={retry}>
                Rejoin
              </Button>
              {back}
            </>
          }
        >
          <p>For your security, meeting links only work for a few minutes.</p>
        </Panel>
      );
      break;
    case 'meeting':
      content = (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm">
            <div className="min-w-0">
              <h1 className="truncate text-base font-semibold text-slate-900">{roomLabel}</h1>
              <p className="text-sm text-slate-600">{meetingStatus(view)}</p>
            </div>
            <Button type="button" variant="secondary" onClick={leave} disabled={view.leaving}>
              Leave
            </Button>
          </div>
          {view.ticket.standin && <StandinNotice domain={view.ticket.domain} />}
        </div>
      );
      break;
  }

  return (
    <div className={meeting ? 'flex h-[calc(100dvh_-_6rem)] min-h-[28rem] flex-col gap-3' : undefined}>
      <div aria-live="polite">{content}</div>
      {meeting && (
        <div className="relative min-h-0 flex-1 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          {meeting.scriptReady && (
            <JitsiMeeting
              key={meeting.ticket.jti}
              domain={meeting.ticket.domain}
              roomName={meeting.ticket.roomName}
              jwt={meeting.ticket.token}
              configOverwrite={meeting.ticket.configOverwrite}
              interfaceConfigOverwrite={meeting.ticket.interfaceConfigOverwrite}
              userInfo={{ displayName: meeting.ticket.displayName, email: meeting.ticket.email }}
              onApiReady={connect(meeting.ticket)}
              getIFrameRef={fillFrameBox}
            />
          )}
        </div>
      )}
    </div>
  );
}
