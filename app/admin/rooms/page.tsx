import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session';
import { listAllRooms } from '@/lib/rooms/queries';
import { AdminRoomActions } from '@/components/admin/room-actions';
import { Pager, pageNumber } from '@/components/ui/pager';

export const metadata: Metadata = { title: 'Rooms' };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<{ q?: string; status?: string; page?: string }> };

export default async function AdminRoomsPage({ searchParams }: Props) {
  await requirePermission('rooms.manage_any');
  const params = await searchParams;
  const search = params.q?.trim().slice(0, 100) || undefined;
  const status = params.status === 'archived' || params.status === 'all' ? params.status : 'active';
  const page = pageNumber(params.page);
  const { rows, total } = await listAllRooms({ search, archived: status === 'all' ? undefined : status === 'archived', take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
  const input = 'rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Rooms</h1>
          <p className="text-sm text-slate-600">
            {total} {total === 1 ? 'room' : 'rooms'}
            {search ? ` matching “${search}”` : ''}. Hand a room to someone else, archive or delete it, or give it a new meeting link when one has leaked.
          </p>
        </div>
        <form role="search" className="flex flex-wrap gap-2">
          <label htmlFor="q" className="sr-only">Search by room, address or host email</label>
          <input id="q" name="q" defaultValue={search} placeholder="Room, address or host email" className={input} />
          <label htmlFor="status" className="sr-only">Show</label>
          <select id="status" name="status" defaultValue={status} className={input}>
            <option value="active">Active rooms</option>
            <option value="archived">Archived rooms</option>
            <option value="all">All rooms</option>
          </select>
          <button className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">Search</button>
        </form>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
          {search || status !== 'active' ? 'No rooms match. Try another search.' : 'No rooms yet. Employees create rooms from their dashboard.'}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((room) => {
            const upcoming = room._count.meetings;
            const more = room._count.members - room.members.length;
            return (
              <li key={room.id} data-testid="admin-room" data-slug={room.slug} className="flex flex-wrap items-start justify-between gap-4 px-4 py-3 text-sm">
                <div className="min-w-0 space-y-0.5">
                  <p className="font-medium text-slate-900">
                    <Link href={`/rooms/${room.slug}`} className="hover:underline">{room.name}</Link>
                    {room.archivedAt && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Archived</span>}
                    {room.alwaysOpen && <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">Always open</span>}
                  </p>
                  <p className="text-xs text-slate-500">/{room.slug}</p>
                  <p className="text-slate-700">
                    Host: <span data-testid="room-owner">{room.owner.name ? `${room.owner.name} (${room.owner.email})` : room.owner.email}</span>
                  </p>
                  <p className="text-slate-600">
                    Co-hosts: {room.members.length ? room.members.map((m) => m.user.name ?? m.user.email).join(', ') : 'none'}
                    {more > 0 ? ` and ${more} more` : ''}
                  </p>
                  <p className="text-slate-600">{upcoming === 0 ? 'No upcoming meetings' : `${upcoming} upcoming ${upcoming === 1 ? 'meeting' : 'meetings'}`}</p>
                </div>
                <AdminRoomActions room={{ id: room.id, name: room.name, archived: !!room.archivedAt, upcomingMeetings: upcoming }} />
              </li>
            );
          })}
        </ul>
      )}
      <Pager path="/admin/rooms" params={{ q: search, status: status === 'active' ? undefined : status }} page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
