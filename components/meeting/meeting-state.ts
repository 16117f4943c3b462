import type { JoinTicket } from '@/lib/jitsi/join';
import type { ActionResult } from '@/lib/action-result';

/**
 * The meeting page's state as a pure reducer: what the page shows (loading, refused, the meeting,
 * unreachable, expired) and, for the meeting, how far the connection got. Effects live in
 * `use-meeting-room.ts`, the view in `meeting-room.tsx`.
 */

export type Role = JoinTicket['role'];

/**
 * Connection steps. Each of 'starting' (script and `onApiReady`) and 'frame-loaded' (waiting for the
 * conference, the prejoin screen or an error) has a time limit; 'api-ready' waits for the iframe
 * without one (the expiry deadline still applies); 'answered' means Jitsi spoke.
 */
export type Stage = 'starting' | 'api-ready' | 'frame-loaded' | 'answered';

export type Meeting<C = unknown> = {
  kind: 'meeting';
  ticket: JoinTicket;
  /** Client-clock time after which this token can no longer get a person in. */
  deadline: number;
  scriptReady: boolean;
  stage: Stage;
  /** The Jitsi API and attendance session once `onApiReady` fired (opaque to the reducer). */
  connection: C | null;
  prejoin: boolean;
  /** The person's role while they are in the conference. */
  joinedRole: Role | null;
  everJoined: boolean;
  left: boolean;
  leaving: boolean;
  /** In the lobby, waiting for a moderator. */
  waiting: boolean;
  /** How many times this page re-entered by itself with a fresh token (0 for the first entry). */
  reconnects: number;
};

/** Fresh tokens the page mints by itself after a dropped connection or an expired token, before "Rejoin". */
const MAX_RECONNECTS = 3;

export type View<C = unknown> =
  | { kind: 'loading' }
  | { kind: 'refused'; message: string }
  | { kind: 'failed' }
  | Meeting<C>
  | { kind: 'unreachable'; domain: string; standin: boolean }
  | { kind: 'expired' }
  /** The conference failed after the person was in: a fresh token is on its way. */
  | { kind: 'reconnecting'; attempt: number }
  /** A host ended the meeting for everyone. */
  | { kind: 'ended' };

/** Everything that can happen to the page. Events about a ticket carry its jti: stale ones are ignored. */
export type MeetingEvent<C = unknown> =
  | { type: 'retry' }
  | { type: 'ticket'; result: ActionResult<JoinTicket> | null; now: number }
  | { type: 'script-loaded'; jti: string }
  | { type: 'script-failed'; jti: string }
  | { type: 'api-ready'; jti: string; connection: C }
  | { type: 'frame-loaded'; jti: string }
  | { type: 'prejoin'; jti: string }
  | { type: 'lobby'; jti: string }
  | { type: 'ended'; jti: string }
  | { type: 'joined'; jti: string; role: Role }
  | { type: 'role-changed'; jti: string; role: Role }
  | { type: 'conference-left'; jti: string }
  | { type: 'leave'; jti: string }
  | { type: 'jitsi-error'; jti: string; tokenRejected: boolean; fatal: boolean }
  | { type: 'stage-timeout'; jti: string; stage: Stage }
  | { type: 'deadline'; jti: string };

/** When a ticket stops being able to get a person in: its lifetime from the server, a little early. */
export function joinDeadline(ticket: JoinTicket, now: number): number {
  // Connecting takes a moment, and Jitsi allows no clock tolerance.
  const lifetime = ticket.lifetimeSeconds * 1000;
  return now + lifetime - Math.min(5_000, lifetime / 10);
}

/** The page for a join result: the meeting, the refusal, or "failed" (null: the request itself failed). */
function viewForTicket<C>(result: ActionResult<JoinTicket> | null, now: number, reconnects = 0): View<C> {
  // A failed re-entry falls back to the existing Rejoin state.
  if (reconnects > 0 && (!result || !result.ok)) return result && !result.ok && result.code === 'ENDED' ? { kind: 'ended' } : { kind: 'expired' };
  if (!result) return { kind: 'failed' };
  if (!result.ok) return { kind: 'refused', message: result.message };
  const ticket = result.data;
  return {
    kind: 'meeting',
    ticket,
    deadline: joinDeadline(ticket, now),
    scriptReady: false,
    stage: 'starting',
    connection: null,
    prejoin: false,
    joinedRole: null,
    everJoined: false,
    left: false,
    leaving: false,
    waiting: false,
    reconnects,
  };
}

const unreachable = <C,>(meeting: Meeting<C>): View<C> => ({ kind: 'unreachable', domain: meeting.ticket.domain, standin: meeting.ticket.standin });

function onMeeting<C>(view: View<C>, jti: string, update: (meeting: Meeting<C>) => View<C>): View<C> {
  return view.kind === 'meeting' && view.ticket.jti === jti ? update(view) : view;
}

export function meetingReducer<C>(view: View<C>, event: MeetingEvent<C>): View<C> {
  switch (event.type) {
    case 'retry':
      return { kind: 'loading' };
    case 'ticket':
      if (view.kind === 'reconnecting') return viewForTicket(event.result, event.now, view.attempt);
      return view.kind === 'loading' ? viewForTicket(event.result, event.now) : view;
    case 'script-loaded':
      return onMeeting(view, event.jti, (m) => ({ ...m, scriptReady: true }));
    case 'script-failed':
      return onMeeting(view, event.jti, unreachable);
    case 'api-ready':
      return onMeeting(view, event.jti, (m) => ({ ...m, connection: event.connection, stage: m.stage === 'starting' ? 'api-ready' : m.stage }));
    case 'frame-loaded':
      return onMeeting(view, event.jti, (m) => (m.stage === 'api-ready' ? { ...m, stage: 'frame-loaded' } : m));
    case 'prejoin':
      return onMeeting(view, event.jti, (m) => ({ ...m, stage: 'answered', prejoin: !m.joinedRole }));
    case 'lobby':
      return onMeeting(view, event.jti, (m) => ({ ...m, stage: 'answered', waiting: true, prejoin: false }));
    case 'ended':
      // A moderator who ended it is on the way out already: their page goes back by itself.
      return onMeeting(view, event.jti, (m) => (m.leaving ? m : { kind: 'ended' }));
    case 'joined':
      return onMeeting(view, event.jti, (m) => ({ ...m, stage: 'answered', joinedRole: event.role, everJoined: true, left: false, prejoin: false, waiting: false }));
    case 'role-changed':
      return onMeeting(view, event.jti, (m) => (m.joinedRole ? { ...m, joinedRole: event.role } : m));
    case 'conference-left':
      return onMeeting(view, event.jti, (m) => ({ ...m, joinedRole: null, left: true }));
    case 'leave':
      return onMeeting(view, event.jti, (m) => ({ ...m, leaving: true }));
    case 'jitsi-error':
      // Once in, a refused token (it expired) or a fatal error (the connection dropped) re-enters with a
      // fresh token, a bounded number of times. Any other error: Jitsi shows its own explanation in the
      // frame; it did answer, so it is not unreachable.
      return onMeeting(view, event.jti, (m) => {
        if (m.everJoined && !m.leaving && (event.tokenRejected || event.fatal)) return m.reconnects < MAX_RECONNECTS ? { kind: 'reconnecting', attempt: m.reconnects + 1 } : { kind: 'expired' };
        return event.tokenRejected ? { kind: 'expired' } : { ...m, stage: 'answered' };
      });
    case 'stage-timeout':
      return onMeeting(view, event.jti, (m) => (m.stage === event.stage ? unreachable(m) : m));
    case 'deadline':
      // Joined people are never sent away for it.
      return onMeeting(view, event.jti, (m) => (m.everJoined ? m : { kind: 'expired' }));
  }
}

/** The status line above the frame. */
export function meetingStatus(meeting: Meeting): string {
  if (meeting.leaving) return 'Leaving the meeting…';
  if (meeting.joinedRole) return `Joined as ${meeting.joinedRole}`;
  if (meeting.left) return 'You left the meeting.';
  if (meeting.waiting) return 'Waiting for a moderator to let you in…';
  if (meeting.reconnects > 0) return 'Reconnecting…';
  if (meeting.prejoin) return 'Check your camera and microphone, then join.';
  return 'Connecting to the meeting…';
}

/** Which stage is waiting against the "unreachable" time limit, if any. */
export function watchedStage(view: View): Stage | null {
  return view.kind === 'meeting' && (view.stage === 'starting' || view.stage === 'frame-loaded') ? view.stage : null;
}

/** How long to wait before going back after leaving: Jitsi may not say `readyToClose` by itself. */
export function closeDelay(view: View, delays: { leaving: number; left: number }): number | null {
  if (view.kind !== 'meeting') return null;
  return view.leaving ? delays.leaving : view.left ? delays.left : null;
}

// ---------- Reading Jitsi's event payloads ----------

const TOKEN_REJECTIONS = new Set(['connection.passwordRequired', 'conference.connectionError.notAllowed']);

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

export function asRole(value: unknown): Role | null {
  return value === 'moderator' || value === 'participant' ? value : null;
}

/** Jitsi (or the stand-in) refused the token: expired, not yet valid, wrong room, bad signature… */
export function isTokenRejection(payload: unknown): boolean {
  const inner = field(payload, 'error');
  const name = text(field(payload, 'name')) ?? text(field(inner, 'name')) ?? '';
  const message = text(field(payload, 'message')) ?? text(field(inner, 'message')) ?? '';
  return TOKEN_REJECTIONS.has(name) || /\bexp\b|expired/i.test(`${name} ${message}`);
}

/** What a new connection keeps from the last one on this page: mute state and the devices in use (by label). */
export type CarriedSettings = {
  audioMuted?: boolean;
  videoMuted?: boolean;
  devices?: { audioInput?: string; audioOutput?: string; videoInput?: string };
};

/**
 * The labels of the devices in `getCurrentDevices()`'s answer (`{ audioInput: { label, deviceId… } }`),
 * which is how the IFrame API's `devices` option names them; null when it names none.
 */
export function deviceLabels(current: unknown): CarriedSettings['devices'] | null {
  const devices: NonNullable<CarriedSettings['devices']> = {};
  for (const kind of ['audioInput', 'audioOutput', 'videoInput'] as const) {
    const label = text(field(field(current, kind), 'label'));
    if (label) devices[kind] = label.slice(0, 200);
  }
  return Object.keys(devices).length ? devices : null;
}

/** The configOverwrite entries that start a new connection the way the last one was (muted stays muted). */
export function carriedConfig(carried: CarriedSettings): Record<string, boolean> {
  return {
    ...(carried.audioMuted !== undefined ? { startWithAudioMuted: carried.audioMuted } : {}),
    ...(carried.videoMuted !== undefined ? { startWithVideoMuted: carried.videoMuted } : {}),
  };
}
