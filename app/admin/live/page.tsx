import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { lastEventAt, liveRooms } from '@/lib/jitsi/events/live';
import { formatInZone } from '@/lib/time/zones';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Card } from '@/components/ui/card';

export const metadata = { title: 'Live now · Gatehouse' };

/** Meetings in progress by Jitsi's own events, refreshed every 10 seconds. */
export default async function LiveNowPage() {
  const admin = await requireAdmin();
  const enabled = !!getEnv().JITSI_EVENTS_SECRET;
  const [rooms, lastEvent] = enabled ? await Promise.all([liveRooms(), lastEventAt()]) : [[], null];
  const zone = admin.timeZone;
  return (
    <div className="space-y-4">
      <AutoRefresh seconds={10} />
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Live now</h1>
        <p className="text-sm text-slate-600">Meetings in progress and who is in them, as Jitsi reports them. This page updates itself.</p>
      </div>
      {!enabled ? (
        <Card>
          <p className="font-medium text-slate-900">Jitsi’s events are not switched on.</p>
          <p className="mt-1 text-sm text-slate-700">
            Set <code>JITSI_EVENTS_SECRET</code> (at least 32 random bytes) and add Jitsi’s <code>event_sync</code> component with the lines on{' '}
            <Link href="/admin/jitsi" className="font-semibold text-brand-700 hover:underline">Jitsi setup</Link>. Then this page shows who is in which meeting, and attendance comes from Jitsi itself.
          </p>
        </Card>
      ) : rooms.length === 0 ? (
        <Card>
          <p className="font-medium text-slate-900" data-testid="live-empty">No meeting is in progress.</p>
          <p className="mt-1 text-sm text-slate-700">
            {lastEvent ? `The last event from Jitsi arrived ${formatInZone(lastEvent, zone, 'short')}.` : 'No event from Jitsi has arrived yet: check the event_sync lines on Jitsi setup and Prosody’s log.'}
          </p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Meetings in progress">
          {rooms.map((room) => (
            <li key={room.roomId} data-live-room={room.slug}>
              <Card className="space-y-2">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-lg font-semibold text-slate-900">
                    {room.meeting ? <Link href={`/meetings/${room.meeting.id}`} className="hover:underline">{room.meeting.title}</Link> : 'No scheduled meeting'}
                    <span className="ml-2 text-sm font-normal text-slate-600">in <Link href={`/rooms/${room.slug}`} className="text-brand-700 hover:underline">{room.roomName}</Link></span>
                  </h2>
                  <p className="text-sm text-slate-700" data-testid="live-count">
                    {room.people.length} {room.people.length === 1 ? 'person' : 'people'} in · since {formatInZone(room.since, zone, 'time')}
                  </p>
                </div>
                <ul className="flex flex-wrap gap-2 text-sm" aria-label={`Who is in ${room.roomName}`}>
                  {room.people.map((p) => (
                    <li key={`${p.name}:${p.email}:${p.since.getTime()}`} className="rounded-full bg-slate-100 px-3 py-1 text-slate-800" title={p.email ?? undefined}>
                      {p.name}
                      {p.guest && <span className="text-slate-500"> · guest</span>}
                      {p.inBreakout && <span className="text-slate-500"> · breakout room</span>}
                    </li>
                  ))}
                </ul>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
