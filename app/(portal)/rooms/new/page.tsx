import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';
import { createRoomAction } from '@/lib/rooms/actions';
import { emptyRoom, RoomForm } from '@/components/rooms/room-form';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'New room' };

export default async function NewRoomPage() {
  await requirePermission('rooms.create');
  return (
    <div className="max-w-2xl">
      <h1 className="mb-1 text-2xl font-semibold text-slate-900">New room</h1>
      <p className="mb-6 text-sm text-slate-600">You will be its host. You can change everything later.</p>
      <RoomForm action={createRoomAction} initial={emptyRoom} submitLabel="Create room" eventsEnabled={!!getEnv().JITSI_EVENTS_SECRET} />
    </div>
  );
}
