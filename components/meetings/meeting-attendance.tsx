import { meetingAttendance } from '@/lib/meetings/attendance';
import { formatInZone } from '@/lib/time/zones';
import { NoShows } from '@/components/meetings/no-shows';

/** Who came to the meeting, for how long, and which invited guests did not (hosts only). */
export async function MeetingAttendance({ meetingId, timeZone }: { meetingId: string; timeZone: string }) {
  const { present, noShows } = await meetingAttendance(meetingId);
  return (
    <section aria-labelledby="attendance" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="attendance" className="text-lg font-semibold text-slate-900">Attendance</h2>
        <a href={`/meetings/${meetingId}/attendance.csv`} className="text-sm font-semibold text-brand-700 hover:underline">Download CSV</a>
      </div>
      <p className="text-sm text-slate-600">{present.length} joined · {noShows.length} invited guest{noShows.length === 1 ? '' : 's'} did not come</p>
      {present.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm">
          {present.slice(0, 100).map((r, i) => (
            <li key={i} className="flex flex-wrap justify-between gap-2 py-1.5">
              <span>{r.name} <span className="text-slate-500">· {r.kind} · {r.role}</span></span>
              <span className="text-slate-600">{r.joinedAt ? formatInZone(r.joinedAt, timeZone, 'short') : ''}{r.minutes !== null ? ` · ${r.minutes} min` : ''}</span>
            </li>
          ))}
        </ul>
      )}
      <NoShows people={noShows} />
    </section>
  );
}
