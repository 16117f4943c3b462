import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { joinWindow } from '@/lib/meetings/join-window';
import { listUpcomingOccurrences } from '@/lib/meetings/queries';
import { listMyRooms } from '@/lib/rooms/queries';
import { RoomCards } from '@/components/rooms/room-cards';
import { formatInZone, relativeStart } from '@/lib/time/zones';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser();
  const now = new Date();
  const [rooms, upcoming] = await Promise.all([listMyRooms(user.id), listUpcomingOccurrences(user, now)]);
  const openMinutes = getEnv().JOIN_WINDOW_MINUTES;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Welcome, {user.name ?? user.email}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Times are shown in {user.timeZone.replace(/_/g, ' ')} (<Link href="/settings" className="underline">change</Link>).
          </p>
        </div>
        {rooms.length > 0 && (
          <Link href="/meetings/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Schedule a meeting</Link>
        )}
      </div>

      <section aria-labelledby="upcoming">
        <h2 id="upcoming" className="mb-3 text-lg font-semibold text-slate-900">Upcoming meetings</h2>
        {upcoming.length ? (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {upcoming.map((o) => {
              const window = joinWindow(o, now, openMinutes);
              return (
                <li key={`${o.meetingId}-${o.startsAt.toISOString()}`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="upcoming-meeting">
                  <div>
                    <Link href={`/meetings/${o.meetingId}`} className="font-medium text-slate-900 hover:underline">{o.title}</Link>
                    <p className="text-sm text-slate-600">
                      <time dateTime={o.startsAt.toISOString()}>{formatInZone(o.startsAt, user.timeZone, 'short')}–{formatInZone(o.endsAt, user.timeZone, 'time')}</time>
                      {' · '}{o.room.name}{o.recurring ? ' · repeats' : ''}{o.invited ? ' · invited' : ''}
                    </p>
                  </div>
                  <div className="flex items-center gap-3">
                    <span className="text-sm text-slate-500">{relativeStart(o.startsAt, now)}</span>
                    {window.state === 'open' ? (
                      <Link href={`/meetings/${o.meetingId}/join`} className="rounded-md bg-green-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-green-700">Join</Link>
                    ) : (
                      <span aria-disabled="true" title={`Joining opens ${openMinutes} minutes before the start`} className="cursor-not-allowed rounded-md bg-slate-100 px-3 py-1.5 text-sm font-semibold text-slate-400">Join</span>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <Card>
            <p className="text-sm text-slate-700">
              Nothing in the next two weeks.{' '}
              {rooms.length ? <Link href="/meetings/new" className="font-semibold text-brand-700 hover:underline">Schedule a meeting</Link> : 'Create a room first, then schedule meetings in it.'}
            </p>
          </Card>
        )}
      </section>

      <section aria-labelledby="rooms">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="rooms" className="text-lg font-semibold text-slate-900">Your rooms</h2>
          <Link href="/rooms/new" className="text-sm font-semibold text-brand-700 hover:underline">New room</Link>
        </div>
        {rooms.length ? (
          <RoomCards rooms={rooms} />
        ) : (
          <Card>
            <p className="font-medium text-slate-900">Start with a room</p>
            <p className="mt-1 text-sm text-slate-600">A room is a permanent meeting place, like “Team Standup”. Create one, then schedule meetings in it and invite people.</p>
            <Link href="/rooms/new" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Create a room</Link>
          </Card>
        )}
      </section>
    </div>
  );
}
