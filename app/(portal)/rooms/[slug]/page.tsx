import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { roomCan } from '@/lib/auth/permissions';
import { getRoomForViewer } from '@/lib/rooms/queries';
import { listRoomMeetings } from '@/lib/meetings/queries';
import { describeRecurrence } from '@/lib/meetings/recurrence';
import { formatInZone } from '@/lib/time/zones';
import { Notice } from '@/components/ui/notice';
import { RoomCommands } from '@/components/rooms/room-commands';
import { AttendanceList } from '@/components/rooms/attendance-list';
import { LiveCount } from '@/components/rooms/live-count';

export const metadata: Metadata = { title: 'Room' };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ created?: string; saved?: string }> };

export default async function RoomPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const room = await getRoomForViewer(user, (await params).slug);
  if (!room) notFound();
  const { created, saved } = await searchParams;
  const upcoming = await listRoomMeetings(room.id);
  const manages = roomCan(user, room, 'room.edit');
  const coHosts = room.members.filter((m) => m.role === 'CO_HOST');
  const participants = room.members.filter((m) => m.role === 'PARTICIPANT');
  const settings = [
    room.alwaysOpen && 'Always open',
    room.guestsAllowed ? 'Guests allowed' : 'No guests',
    room.lobby === 'GUESTS' ? 'Lobby: guests on open links wait' : room.lobby === 'EVERYONE' && 'Lobby: everyone waits except hosts and co-hosts',
    room.maxParticipants && `At most ${room.maxParticipants} people at once`,
    room.startAudioMuted && 'Microphones start muted',
    room.startVideoMuted && 'Cameras start off',
    room.everyoneCanShareScreen ? 'Everyone may share screens' : 'Only moderators share screens',
    [room.moderatorRecording && 'recording', room.moderatorLivestreaming && 'live streaming', room.moderatorTranscription && 'transcription'].filter(Boolean).join(', ').replace(/^(.+)$/, 'Moderators may use $1'),
  ].filter(Boolean) as string[];

  return (
    <div className="space-y-8">
      {created && <Notice tone="success">Room created. Schedule its first meeting below.</Notice>}
      {saved && <Notice tone="success">Changes saved.</Notice>}
      {room.archivedAt && <Notice tone="warning">This room is archived: nobody can join it until it is restored.</Notice>}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{room.name}</h1>
          <p className="mt-1 text-slate-600">{room.description || 'No description.'}</p>
          <p className="mt-2 text-sm text-slate-500">
            Host: {room.owner.name ?? room.owner.email}
            {coHosts.length > 0 && <> · Co-hosts: {coHosts.map((m) => m.user.name ?? m.user.email).join(', ')}</>}
            {participants.length > 0 && <> · {participants.length} participant{participants.length === 1 ? '' : 's'}</>}
          </p>
          {roomCan(user, room, 'meeting.edit') && (
            <div className="mt-2">
              <LiveCount slug={room.slug} />
            </div>
          )}
        </div>
        <div className="flex gap-2">
          {room.alwaysOpen && !room.archivedAt && (
            <Link href={`/rooms/${room.slug}/join`} className="rounded-md bg-green-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-green-700">Join room</Link>
          )}
          {manages && (
            <Link href={`/rooms/${room.slug}/edit`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">Edit room</Link>
          )}
          {roomCan(user, room, 'meeting.schedule') && !room.archivedAt && (
            <Link href={`/meetings/new?room=${room.slug}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">Schedule meeting</Link>
          )}
        </div>
      </div>

      <ul className="flex flex-wrap gap-2 text-xs">
        {settings.map((s) => (
          <li key={s} className="rounded-full bg-slate-100 px-3 py-1 text-slate-700">{s}</li>
        ))}
      </ul>

      <section aria-labelledby="room-meetings">
        <h2 id="room-meetings" className="mb-3 text-lg font-semibold text-slate-900">Upcoming meetings</h2>
        {upcoming.length ? (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {upcoming.map((m) => (
              <li key={m.meetingId} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
                <span>
                  <Link href={`/meetings/${m.meetingId}`} className="font-medium text-slate-900 hover:underline">{m.title}</Link>
                  {m.recurrence && <span className="ml-2 text-sm text-slate-500">{describeRecurrence(m.recurrence, m.timeZone)}</span>}
                </span>
                <span className="text-sm text-slate-700">{m.recurrence ? 'Next: ' : ''}{formatInZone(m.next.startsAt, user.timeZone, 'short')}–{formatInZone(m.next.endsAt, user.timeZone, 'time')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
            No upcoming meetings. {room.alwaysOpen ? 'This room is always open, so people can drop in any time.' : 'Schedule one so people can join.'}
          </p>
        )}
      </section>

      {manages && <AttendanceList roomId={room.id} timeZone={user.timeZone} />}

      {manages && (
      <section aria-labelledby="room-manage" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="room-manage" className="mb-3 text-sm font-semibold text-slate-900">Manage</h2>
        <RoomCommands
          roomId={room.id}
          roomName={room.name}
          archived={!!room.archivedAt}
          canArchive={roomCan(user, room, 'room.archive')}
          canDelete={roomCan(user, room, 'room.delete')}
          upcomingTitles={upcoming.map((m) => `${m.title} (${m.recurrence ? 'series, next ' : ''}${formatInZone(m.next.startsAt, user.timeZone, 'short')})`)}
        />
      </section>
      )}
    </div>
  );
}
