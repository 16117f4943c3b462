import type { JitsiMeeting } from '@jitsi/react-sdk';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState, type ComponentProps } from 'react';
import type { ActionResult } from '@/lib/action-result';
import type { JoinTicket } from '@/lib/jitsi/join';
import { AttendanceSession, type Reporter } from './attendance-session';
import { externalApiUrl, loadExternalApi } from './external-api-script';
import { asRole, closeDelay, deviceLabels, field, isTokenRejection, meetingReducer, text, watchedStage, type CarriedSettings, type View } from './meeting-state';

export type JitsiApi = Parameters<NonNullable<ComponentProps<typeof JitsiMeeting>['onApiReady']>>[0];

/** What a connected meeting holds: the IFrame API and the attendance session of its ticket. */
export type Connection = { api: JitsiApi; session: AttendanceSession };

type MeetingView = View<Connection>;

/** After `videoConferenceLeft` without `readyToClose` (and no rejoin, e.g. a breakout room), go back. */
const LEFT_GRACE_MS = 3_000;
/** After "Leave" sent `hangup`, go back even if Jitsi never answers. */
const LEAVE_FALLBACK_MS = 4_000;
/** How long going back waits for the "left" report to reach the server. */
const REPORT_WAIT_MS = 2_000;
const MAX_TIMER_MS = 2_147_483_647;

export type MeetingRoomOptions = {
  join: () => Promise<ActionResult<JoinTicket>>;
  report: Reporter;
  backHref: string;
  onExit?: (reason: 'left' | 'back') => void;
  unreachableAfterMs: number;
  /** Ends the room's meeting for everyone in the portal (moderators only; the server checks). */
  endForEveryone?: () => Promise<ActionResult<unknown>>;
};

/** Jitsi's answer when the room has a lobby and this person must wait (a non-fatal conference error). */
const LOBBY_ERROR = 'conference.connectionError.membersOnly';

/** A heartbeat answer that says a host ended the meeting for everyone. */
function saysEnded(result: unknown): boolean {
  return field(result, 'ok') === false && field(result, 'code') === 'ENDED';
}

function settleWithin(promise: Promise<unknown> | undefined, ms: number): Promise<unknown> {
  if (!promise) return Promise.resolve();
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

/**
 * The meeting page's effects: gets a ticket per attempt, loads Jitsi's script, runs the time limits
 * (unreachable, token deadline, leaving), sends heartbeats, wires Jitsi's events into the reducer and
 * disposes the IFrame API. Returns the view and the handlers the page needs.
 */
export function useMeetingRoom({ join, report, backHref, onExit, unreachableAfterMs, endForEveryone }: MeetingRoomOptions) {
  const router = useRouter();
  const [view, dispatch] = useReducer(meetingReducer<Connection>, { kind: 'loading' } as MeetingView);
  const [attemptKey, bump] = useReducer((n: number) => n + 1, 0);
  // One join() per attempt, even when Strict Mode runs the effect twice.
  const requests = useRef<{ attempt: number; result: Promise<ActionResult<JoinTicket> | null> } | null>(null);
  const closing = useRef(false);
  // Mute state and devices of the last connection, so re-entering (by itself or by Rejoin) keeps them.
  const [carried, setCarried] = useState<CarriedSettings>({});
  const requestTicket = useEffectEvent(() => join().catch(() => null));

  useEffect(() => {
    let active = true;
    let request = requests.current;
    if (!request || request.attempt !== attemptKey) {
      request = { attempt: attemptKey, result: requestTicket() };
      requests.current = request;
    }
    void request.result.then((result) => {
      if (active) dispatch({ type: 'ticket', result, now: Date.now() });
    });
    return () => {
      active = false;
    };
  }, [attemptKey]);

  // Re-entering by itself: the conference failed after the person was in, so mint a fresh token.
  const reconnectAttempt = view.kind === 'reconnecting' ? view.attempt : null;
  useEffect(() => {
    if (reconnectAttempt !== null) bump();
  }, [reconnectAttempt]);

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
      () => active && dispatch({ type: 'script-loaded', jti }),
      () => active && dispatch({ type: 'script-failed', jti }),
    );
    return () => {
      active = false;
    };
  }, [scriptSrc, jti]);

  // Unreachable: no onApiReady in time, or no answer from Jitsi in time after the iframe loaded.
  const stage = watchedStage(view);
  useEffect(() => {
    if (!stage || !jti) return;
    const timer = setTimeout(() => dispatch({ type: 'stage-timeout', jti, stage }), unreachableAfterMs);
    return () => clearTimeout(timer);
  }, [stage, jti, unreachableAfterMs]);

  // Expired: the token ran out before the person got in.
  const deadline = meeting && !meeting.everJoined ? meeting.deadline : null;
  useEffect(() => {
    if (deadline === null || !jti) return;
    const timer = setTimeout(() => dispatch({ type: 'deadline', jti }), Math.min(Math.max(0, deadline - Date.now()), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [deadline, jti]);

  // Leaving: go back when Jitsi does not say readyToClose by itself.
  const connection = meeting?.connection ?? null;
  const closeAfter = closeDelay(view, { leaving: LEAVE_FALLBACK_MS, left: LEFT_GRACE_MS });
  useEffect(() => {
    if (closeAfter === null || !connection) return;
    const timer = setTimeout(() => close(connection.session.reportLeft()), closeAfter);
    return () => clearTimeout(timer);
  }, [closeAfter, connection, close]);

  /** The devices in use, as Jitsi reports them (asked on joining and with every heartbeat). */
  const rememberDevices = (api: JitsiApi) => {
    void Promise.resolve(api.getCurrentDevices())
      .then((current) => {
        const devices = deviceLabels(current);
        if (devices) setCarried((before) => ({ ...before, devices }));
      })
      .catch(() => undefined);
  };

  // Heartbeats while the meeting page is open on this ticket, so a closed tab still ends the session.
  const heartbeatMs = meeting && !meeting.left && !meeting.leaving ? meeting.ticket.heartbeatSeconds * 1000 : null;
  const sendHeartbeat = useEffectEvent((id: string) => {
    if (connection) rememberDevices(connection.api);
    try {
      void report({ jti: id, kind: 'heartbeat' }).then(
        // Ended for everyone: the page leaves, and disposing the IFrame API takes the person out of Jitsi.
        (result) => saysEnded(result) && dispatch({ type: 'ended', jti: id }),
        () => undefined,
      );
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

  /** `onApiReady` for a ticket: wires Jitsi's events into the reducer and the attendance session. */
  const connect = (ticket: JoinTicket) => (api: JitsiApi) => {
    const id = ticket.jti;
    const session = new AttendanceSession(id, ticket.role, report);
    dispatch({ type: 'api-ready', jti: id, connection: { api, session } });
    api.getIFrame()?.addEventListener('load', () => dispatch({ type: 'frame-loaded', jti: id }));
    api.on('prejoinScreenLoaded', () => dispatch({ type: 'prejoin', jti: id }));
    api.on('videoConferenceJoined', (payload: unknown) => {
      const first = !session.hasJoined;
      const role = session.joined(text(field(payload, 'id')), asRole(field(payload, 'role')));
      dispatch({ type: 'joined', jti: id, role });
      if (first && role === 'moderator' && ticket.subject) api.executeCommand('subject', ticket.subject);
      rememberDevices(api);
    });
    api.on('audioMuteStatusChanged', (payload: unknown) => setCarried((before) => ({ ...before, audioMuted: field(payload, 'muted') === true })));
    api.on('videoMuteStatusChanged', (payload: unknown) => setCarried((before) => ({ ...before, videoMuted: field(payload, 'muted') === true })));
    api.on('participantRoleChanged', (payload: unknown) => {
      const role = session.roleChanged(text(field(payload, 'id')), asRole(field(payload, 'role')));
      if (role) dispatch({ type: 'role-changed', jti: id, role });
    });
    api.on('videoConferenceLeft', () => {
      void session.reportLeft();
      dispatch({ type: 'conference-left', jti: id });
    });
    api.on('readyToClose', () => close(session.reportLeft()));
    api.on('errorOccurred', (payload: unknown) => {
      const name = text(field(payload, 'name')) ?? text(field(field(payload, 'error'), 'name'));
      if (name === LOBBY_ERROR) return dispatch({ type: 'lobby', jti: id });
      const tokenRejected = isTokenRejection(payload);
      const fatal = field(payload, 'isFatal') === true || field(field(payload, 'error'), 'isFatal') === true;
      if (tokenRejected || fatal) void session.reportLeft();
      dispatch({ type: 'jitsi-error', jti: id, tokenRejected, fatal });
    });
  };

  const retry = () => {
    dispatch({ type: 'retry' });
    bump();
  };

  const leave = () => {
    if (!meeting) return;
    const current = meeting.connection;
    if (!current) {
      close();
      return;
    }
    dispatch({ type: 'leave', jti: meeting.ticket.jti });
    current.api.executeCommand('hangup');
  };

  /** Ends the meeting for everyone: in the portal first (sessions close), then in Jitsi (`endConference`). */
  const endMeeting = async () => {
    if (!meeting?.connection || !endForEveryone) return;
    const current = meeting.connection;
    dispatch({ type: 'leave', jti: meeting.ticket.jti });
    await endForEveryone().catch(() => null);
    current.api.executeCommand('endConference');
  };

  return { view, carried, connect, retry, leave, endMeeting: endForEveryone ? endMeeting : null };
}
