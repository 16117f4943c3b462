import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { createMeetingAction } from '@/lib/meetings/actions';
import { dateWindowForForm, newMeetingValues } from '@/lib/meetings/form-values';
import { timeZoneOptions } from '@/lib/time/zones';
import { listSchedulableRooms } from '@/lib/rooms/queries';
import { Card } from '@/components/ui/card';
import { MeetingForm } from '@/components/meetings/meeting-form';

export const metadata: Metadata = { title: 'Schedule a meeting' };

export default async function NewMeetingPage({ searchParams }: { searchParams: Promise<{ room?: string }> }) {
  const user = await requireUser();
  const rooms = await listSchedulableRooms(user);
  const { room: slug } = await searchParams;
  if (!rooms.length) {
    return (
      <Card>
        <p className="font-medium text-slate-900">Create a room first</p>
        <p className="mt-1 text-sm text-slate-600">Meetings take place in rooms you host or co-host.</p>
        <Link href="/rooms/new" className="mt-4 inline-block text-sm font-semibold text-brand-700 hover:underline">Create a room →</Link>
      </Card>
    );
  }
  const selected = rooms.find((r) => r.slug === slug) ?? rooms[0]!;
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">Schedule a meeting</h1>
      <MeetingForm action={createMeetingAction} initial={newMeetingValues(selected.id, user.timeZone)} rooms={rooms} timeZones={timeZoneOptions(user.timeZone)} dateWindow={dateWindowForForm()} submitLabel="Schedule meeting" />
    </div>
  );
}
