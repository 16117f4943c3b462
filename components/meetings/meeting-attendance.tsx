import { meetingAttendance, peopleCount, type AttendanceLine } from '@/lib/meetings/attendance';
import { formatInZone, spanWords } from '@/lib/time/zones';
import { Table } from '@/components/ui/table';
import { NoShows } from '@/components/meetings/no-shows';

/** People shown on the page; the CSV has everyone. */
const SHOWN = 500;

/** How a personal link was used by others than its owner, in words; empty when it was not. */
function linkUse(p: AttendanceLine): string {
  const parts = [];
  if (p.sharedUses) parts.push(p.sharedUses === 1 ? 'shared once' : `shared ${p.sharedUses} times`);
  if (p.refusedUses) parts.push(`${p.refusedUses} refused while in use`);
  return parts.join(' · ');
}

/** Who came to the meeting (one line per person), for how long, and which invited guests did not (hosts only). */
export async function MeetingAttendance({ meetingId, timeZone }: { meetingId: string; timeZone: string }) {
  const { people, noShows, source } = await meetingAttendance(meetingId);
  return (
    <section aria-labelledby="attendance" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="attendance" className="text-lg font-semibold text-slate-900">Attendance</h2>
        <a href={`/meetings/${meetingId}/attendance.csv`} className="text-sm font-semibold text-brand-700 hover:underline">Download CSV</a>
      </div>
      <p className="text-sm text-slate-600">{peopleCount(people.length)} · {noShows.length} invited guest{noShows.length === 1 ? '' : 's'} did not come</p>
      <p className="text-xs text-slate-500" data-testid="attendance-source" data-source={source}>
        {source === 'jitsi'
          ? 'Times as Jitsi’s server reported them.'
          : 'Times as the meeting pages reported them (someone who closed the page is counted until its last sign of life). With Jitsi’s server events on, Jitsi’s own times are shown.'}
      </p>
      {people.length > 0 && (
        <Table columns={['Person', 'Role', 'First joined', 'Last left', 'Time in meeting', 'Sessions']}>
          {people.slice(0, SHOWN).map((p) => {
            const use = linkUse(p);
            return (
              <tr key={`${p.kind}:${p.email}:${p.firstJoinedAt.getTime()}`} data-person={p.email || p.name}>
                <td className="px-3 py-2">
                  <span className="block font-medium text-slate-900">{p.name}</span>
                  <span className="block text-xs text-slate-500">{p.kind}{p.email ? ` · ${p.email}` : ''}</span>
                  {use && <span className="block text-xs font-medium text-amber-800">Personal link {use}</span>}
                </td>
                <td className="px-3 py-2">{p.role}</td>
                <td className="px-3 py-2">{formatInZone(p.firstJoinedAt, timeZone, 'short')}</td>
                <td className="px-3 py-2">{p.lastLeftAt ? formatInZone(p.lastLeftAt, timeZone, 'time') : 'Still in the meeting'}</td>
                <td className="px-3 py-2">{spanWords(p.minutes)}</td>
                <td className="px-3 py-2">{p.sessions}</td>
              </tr>
            );
          })}
        </Table>
      )}
      {people.length > SHOWN && <p className="text-sm text-slate-600">Showing the first {SHOWN}; the CSV lists everyone.</p>}
      <NoShows people={noShows} />
    </section>
  );
}
