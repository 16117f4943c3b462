import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { listMyRooms } from '@/lib/rooms/queries';
import { listUpcomingMeetings } from '@/lib/meetings/queries';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser();
  const [rooms, meetings] = await Promise.all([listMyRooms(user.id), listUpcomingMeetings(user.id)]);
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: user.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Welcome, {user.name ?? user.email}</h1>
        <p className="mt-1 text-sm text-slate-600">Times are shown in {user.timeZone.replace(/_/g, ' ')}.</p>
      </div>

      <section aria-labelledby="upcoming">
        <h2 id="upcoming" className="mb-3 text-lg font-semibold text-slate-900">Upcoming meetings</h2>
        {meetings.length ? (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {meetings.map((m) => (
              <li key={m.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
                <span>
                  <span className="font-medium text-slate-900">{m.title}</span>
                  <span className="ml-2 text-sm text-slate-500">in {m.room.name}{m.recurrence ? ' · repeats' : ''}</span>
                </span>
                <time dateTime={m.startsAt.toISOString()} className="text-sm text-slate-700">{format.format(m.startsAt)}</time>
              </li>
            ))}
          </ul>
        ) : (
          <Card>
            <p className="text-sm text-slate-700">No upcoming meetings in your rooms.</p>
          </Card>
        )}
      </section>

      <section aria-labelledby="rooms">
        <h2 id="rooms" className="mb-3 text-lg font-semibold text-slate-900">Your rooms</h2>
        {rooms.length ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {rooms.map((room) => (
              <li key={room.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium text-slate-900">{room.name}</p>
                <p className="mt-1 text-sm text-slate-600">{room.description || 'No description.'}</p>
                <p className="mt-2 text-xs text-slate-500">{room.ownerId === user.id ? 'You host this room' : 'You co-host this room'}{room.alwaysOpen ? ' · always open' : ''}</p>
              </li>
            ))}
          </ul>
        ) : (
          <Card>
            <p className="text-sm text-slate-700">You do not host any rooms yet. Rooms you host or co-host will appear here.</p>
          </Card>
        )}
      </section>
    </div>
  );
}
