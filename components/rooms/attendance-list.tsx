import { listRoomAttendance } from '@/lib/rooms/attendance';
import { formatInZone, spanWords } from '@/lib/time/zones';
import { Table } from '@/components/ui/table';

/** Who joined this room recently, one line per person, and for how long (from the meeting page's reports). Hosts only. */
export async function AttendanceList({ roomId, timeZone }: { roomId: string; timeZone: string }) {
  const people = await listRoomAttendance(roomId);
  return (
    <section aria-labelledby="attendance">
      <h2 id="attendance" className="mb-3 text-lg font-semibold text-slate-900">Who joined</h2>
      {people.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">Nobody has joined yet. People appear here once they are in the meeting.</p>
      ) : (
        <Table columns={['Person', 'Role', 'First joined', 'Time in meeting', 'Sessions']}>
          {people.map((p) => (
            <tr key={p.person}>
              <td className="px-3 py-2">{p.displayName}</td>
              <td className="px-3 py-2">{p.role === 'moderator' ? 'Moderator' : 'Participant'}</td>
              <td className="px-3 py-2">{formatInZone(p.firstJoinedAt, timeZone, 'short')}</td>
              <td className="px-3 py-2">{spanWords(p.minutes)}{p.lastLeftAt ? '' : ' · still in the meeting'}</td>
              <td className="px-3 py-2">{p.sessions}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
