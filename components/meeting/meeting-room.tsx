'use client';

import { JitsiMeeting } from '@jitsi/react-sdk';
import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';
import type { ActionResult } from '@/lib/action-result';
import type { JoinTicket } from '@/lib/jitsi/join';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { backLinkText } from '@/components/meeting/join-refused';
import type { Reporter } from './attendance-session';
import { carriedConfig, meetingStatus } from './meeting-state';
import { useMeetingRoom } from './use-meeting-room';

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
  /** Records attendance (joined, left, role, heartbeat) for the ticket's jti. */
  report: Reporter;
  /** How long each connection step may take before "The video service can’t be reached". */
  unreachableAfterMs?: number;
  /** Ends the room's meeting for everyone in the portal; moderators then see *End meeting for everyone*. */
  endForEveryone?: () => Promise<ActionResult<unknown>>;
};

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

/**
 * The meeting page: gets a fresh ticket, embeds Jitsi with it, reports attendance, and explains
 * what went wrong when the video service cannot be reached or the token has expired. State and
 * effects live in `meeting-state.ts` and `use-meeting-room.ts`; this is the view.
 */
export function MeetingRoom({ roomLabel, backHref, backLabel = backLinkText(backHref), onExit, join, report, unreachableAfterMs = 15_000, endForEveryone }: MeetingRoomProps) {
  const { view, carried, connect, retry, leave, endMeeting } = useMeetingRoom({ join, report, backHref, onExit, unreachableAfterMs, endForEveryone });
  const meeting = view.kind === 'meeting' ? view : null;

  // With onExit, the page itself is the way back: the link stays a link, and the page resets in place.
  const backTo = (style: keyof typeof linkButton) => (
    <Link
      href={backHref}
      className={linkButton[style]}
      onClick={
        onExit &&
        ((event) => {
          event.preventDefault();
          onExit('back');
        })
      }
    >
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
    case 'reconnecting':
      content = (
        <div role="status" data-testid="reconnecting" className="mx-auto mt-12 flex max-w-lg items-center justify-center gap-3 text-slate-700">
          <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
          Reconnecting…
        </div>
      );
      break;
    case 'ended':
      content = (
        <Panel title="The meeting has ended" actions={backTo('primary')}>
          <p>The host ended this meeting for everyone.</p>
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
            <div className="flex flex-wrap gap-2">
              {endMeeting && view.joinedRole === 'moderator' && (
                <Button type="button" variant="danger" onClick={() => void endMeeting()} disabled={view.leaving}>
                  End meeting for everyone
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={leave} disabled={view.leaving}>
                Leave
              </Button>
            </div>
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
              configOverwrite={{ ...meeting.ticket.configOverwrite, ...carriedConfig(carried) }}
              interfaceConfigOverwrite={meeting.ticket.interfaceConfigOverwrite}
              userInfo={{ displayName: meeting.ticket.displayName, email: meeting.ticket.email }}
              // The SDK's type wants all three labels; the IFrame API takes any of them.
              devices={carried.devices as ComponentProps<typeof JitsiMeeting>['devices']}
              onApiReady={connect(meeting.ticket)}
              getIFrameRef={fillFrameBox}
            />
          )}
        </div>
      )}
    </div>
  );
}
