import { listRoomAttendance } from '@/lib/rooms/attendance';
import { formatInZone } from '@/lib/time/zones';
import { Table } from '@/components/ui/table';

function duration(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Who joined this room recently and for how long (from the meeting page's reports). Hosts only. */
export async function AttendanceList({ roomId, timeZone }: { roomId: string; timeZone: string }) {
  const rows = await listRoomAttendance(roomId);
  return (
    <section aria-labelledby="attendance">
      <h2 id="attendance" className="mb-3 text-lg font-semibold text-slate-900">Who joined</h2>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">Nobody has joined yet. People appear here once they are in the meeting.</p>
      ) : (
        <Table columns={['Person', 'Role', 'Joined', 'Time in meeting']}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-2">{r.displayName}</td>
              <td className="px-3 py-2">{r.role === 'moderator' ? 'Moderator' : 'Participant'}</td>
              <td className="px-3 py-2">{formatInZone(r.joinedAt, timeZone, 'short')}</td>
              <td className="px-3 py-2">{r.leftAt ? duration(r.joinedAt, r.leftAt) : 'Still in the meeting'}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
