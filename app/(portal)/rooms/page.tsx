import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { listMyArchivedRooms, listMyRooms } from '@/lib/rooms/queries';
import { RoomCards } from '@/components/rooms/room-cards';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';

export const metadata: Metadata = { title: 'Rooms' };

type Props = { searchParams: Promise<{ deleted?: string }> };

export default async function RoomsPage({ searchParams }: Props) {
  const user = await requireUser();
  const { deleted } = await searchParams;
  const [rooms, archived] = await Promise.all([listMyRooms(user.id), listMyArchivedRooms(user)]);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold text-slate-900">Your rooms</h1>
        <Link href="/rooms/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">New room</Link>
      </div>
      {deleted && <Notice tone="success">The room was deleted.</Notice>}
      {rooms.length ? (
        <RoomCards rooms={rooms} />
      ) : (
        <Card>
          <p className="font-medium text-slate-900">You have no rooms yet</p>
          <p className="mt-1 text-sm text-slate-600">A room is a permanent meeting place, like “Team Standup”. Create one, then schedule meetings in it.</p>
          <Link href="/rooms/new" className="mt-4 inline-block text-sm font-semibold text-brand-700 hover:underline">Create your first room →</Link>
        </Card>
      )}
      {archived.length > 0 && (
        <section>
          <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Archived</h2>
          <ul className="space-y-1 text-sm">
            {archived.map((room) => (
              <li key={room.id}><Link href={`/rooms/${room.slug}`} className="text-slate-700 hover:underline">{room.name}</Link></li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
