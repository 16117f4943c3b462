import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { updateMeetingAction } from '@/lib/meetings/actions';
import { dateWindowForForm, meetingValues } from '@/lib/meetings/form-values';
import { timeZoneOptions } from '@/lib/time/zones';
import { getMeetingForViewer } from '@/lib/meetings/queries';
import { MeetingForm } from '@/components/meetings/meeting-form';

export const metadata: Metadata = { title: 'Edit meeting' };

export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const meeting = await getMeetingForViewer(user, (await params).id);
  if (!meeting || !meeting.canEdit) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">Edit {meeting.title}</h1>
      <MeetingForm
        action={updateMeetingAction.bind(null, meeting.id)}
        initial={meetingValues(meeting)}
        rooms={[{ id: meeting.room.id, name: meeting.room.name }]}
        roomLocked
        timeZones={timeZoneOptions(meeting.timeZone)}
        dateWindow={dateWindowForForm()}
        submitLabel="Save changes"
      />
    </div>
  );
}
