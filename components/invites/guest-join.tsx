'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState, useSyncExternalStore } from 'react';
import { redeemInviteAction, reportGuestAttendanceAction } from '@/lib/invites/actions';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { MeetingRoom } from '@/components/meeting/meeting-room';

type Props = {
  token: string;
  title: string;
  roomName: string;
  host: string;
  description: string;
  startsAt: string | null;
  endsAt: string | null;
  defaultName: string;
  /** A personal invite: the name is the invite's and cannot be changed; the link is for one person. */
  personal: boolean;
  notOpenYet: string | null;
};

const noSubscribe = () => () => {};

/**
 * This browser's random id, kept in local storage, so the portal can tell the invited person coming
 * back (a closed tab, a reload) from someone else opening a forwarded link. Not a secret.
 */
function browserId(): string {
  try {
    const known = localStorage.getItem('gatehouse-guest');
    if (known) return known;
    const id = crypto.randomUUID();
    localStorage.setItem('gatehouse-guest', id);
    return id;
  } catch {
    return crypto.randomUUID();
  }
}

/** The meeting time in the visitor's own time zone (rendered in the browser, which knows it). */
function LocalTime({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const text = useSyncExternalStore(
    noSubscribe,
    () => {
      const f = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
      const t = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
      return `${f.format(new Date(startsAt))} – ${t.format(new Date(endsAt))}`;
    },
    () => new Date(startsAt).toUTCString(),
  );
  return <time dateTime={startsAt}>{text}</time>;
}

export function GuestJoin(props: Props) {
  const router = useRouter();
  const [name, setName] = useState(props.defaultName);
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<'form' | 'meeting' | 'left'>('form');
  const exit = useCallback(
    (reason: 'left' | 'back') => {
      setStage(reason === 'left' ? 'left' : 'form');
      // The page checks the invite again: a revoked or expired link shows as such, an ended meeting can't be rejoined.
      router.refresh();
    },
    [router],
  );

  if (stage === 'meeting') {
    return (
      <MeetingRoom
        roomLabel={props.title}
        backHref={`/invite/${props.token}`}
        backLabel="Back to your invitation"
        onExit={exit}
        join={() => redeemInviteAction(props.token, props.personal ? null : name, browserId())}
        report={(event) => reportGuestAttendanceAction(props.token, event)}
      />
    );
  }

  if (stage === 'left') {
    return (
      <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 ref={(node) => node?.focus()} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
          You left the meeting
        </h1>
        <p className="mt-3 text-slate-700">You have left “{props.title}”.{props.notOpenYet ? '' : ' You can rejoin with this link while the invitation is valid.'}</p>
        {props.notOpenYet && <div className="mt-3"><Notice tone="info">{props.notOpenYet}</Notice></div>}
        <div className="mt-6 flex justify-center">
          <Button type="button" onClick={() => setStage('meeting')} disabled={!!props.notOpenYet}>
            Rejoin
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto mt-8 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-medium text-brand-700">You are invited</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{props.title}</h1>
      <p className="mt-2 text-slate-700">
        {props.startsAt && props.endsAt ? <LocalTime startsAt={props.startsAt} endsAt={props.endsAt} /> : 'No upcoming date'}
      </p>
      <p className="mt-1 text-sm text-slate-500">Hosted by {props.host} · {props.roomName}</p>
      {props.description && <p className="mt-4 whitespace-pre-wrap text-sm text-slate-700">{props.description}</p>}
      <form
        className="mt-6 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.personal) {
            const trimmed = name.trim();
            if (!trimmed) return setError('Enter the name others will see.');
            if (trimmed.length > 80) return setError('Use at most 80 characters.');
          }
          setError(null);
          setStage('meeting');
        }}
      >
        {props.personal ? (
          <TextField
            label="Your name"
            name="displayName"
            value={props.defaultName}
            readOnly
            className="mt-1 block w-full rounded-md border-0 bg-slate-100 px-3 py-2 text-slate-900 ring-1 ring-inset ring-slate-200"
            hint="This invitation is for you by name, so the name can’t be changed here. The link is for you alone: while you are in the meeting, nobody else can use it."
          />
        ) : (
          <TextField label="Your name" name="displayName" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="name" errors={error ? [error] : undefined} hint="Shown to the other people in the meeting." />
        )}
        {props.notOpenYet ? (
          <Notice tone="info">{props.notOpenYet}</Notice>
        ) : null}
        <Button type="submit" block disabled={!!props.notOpenYet}>
          Join meeting
        </Button>
      </form>
    </div>
  );
}
