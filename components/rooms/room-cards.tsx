import Link from 'next/link';
import type { RoomRoleName } from '@/lib/auth/permissions';

type RoomCard = { id: string; slug: string; name: string; description: string; alwaysOpen: boolean; myRole: RoomRoleName };

const PART_IN: Record<RoomRoleName, string> = { host: 'You host this room', co_host: 'You co-host this room', participant: 'You take part in this room' };

/** The person's rooms as cards, each saying what part they play in it. */
export function RoomCards({ rooms }: { rooms: RoomCard[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {rooms.map((room) => (
        <li key={room.id}>
          <Link href={`/rooms/${room.slug}`} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600">
            <span className="block font-medium text-slate-900">{room.name}</span>
            <span className="mt-1 block text-sm text-slate-600">{room.description || 'No description.'}</span>
            <span className="mt-2 block text-xs text-slate-500">{PART_IN[room.myRole]}{room.alwaysOpen ? ' · always open' : ''}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
