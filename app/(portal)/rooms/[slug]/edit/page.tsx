import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { getRoomForViewer } from '@/lib/rooms/queries';
import { updateRoomAction } from '@/lib/rooms/actions';
import { RoomForm } from '@/components/rooms/room-form';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Edit room' };

export default async function EditRoomPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser();
  const room = await getRoomForViewer(user, (await params).slug, 'room.edit');
  if (!room) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">Edit {room.name}</h1>
      <RoomForm
        action={updateRoomAction.bind(null, room.id)}
        submitLabel="Save changes"
        eventsEnabled={!!getEnv().JITSI_EVENTS_SECRET}
        initial={{
          ...room,
          maxParticipants: room.maxParticipants?.toString() ?? '',
          coHosts: room.members.filter((m) => m.role === 'CO_HOST').map((m) => m.user.email).join(', '),
          participants: room.members.filter((m) => m.role === 'PARTICIPANT').map((m) => m.user.email).join(', '),
          version: room.version,
        }}
      />
    </div>
  );
}
