'use client';

import { useState, useSyncExternalStore } from 'react';
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
  notOpenYet: string | null;
};

const noSubscribe = () => () => {};

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
  const [name, setName] = useState(props.defaultName);
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);

  if (joining) {
    return (
      <MeetingRoom
        roomLabel={props.title}
        backHref={`/invite/${props.token}`}
        join={() => redeemInviteAction(props.token, name)}
        report={(event) => reportGuestAttendanceAction(props.token, event)}
      />
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
          const trimmed = name.trim();
          if (!trimmed) return setError('Enter the name others will see.');
          if (trimmed.length > 80) return setError('Use at most 80 characters.');
          setError(null);
          setJoining(true);
        }}
      >
        <TextField label="Your name" name="displayName" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="name" errors={error ? [error] : undefined} hint="Shown to the other people in the meeting." />
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
