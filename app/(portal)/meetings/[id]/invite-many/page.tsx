import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { getMeetingForViewer } from '@/lib/meetings/queries';
import { BulkInvite } from '@/components/invites/bulk-invite';
import { mailDelivery } from '@/lib/mail/send';

export const metadata: Metadata = { title: 'Invite many guests' };

export default async function InviteManyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const meeting = await getMeetingForViewer(user, (await params).id);
  if (!meeting || !meeting.canEdit) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link href={`/meetings/${meeting.id}`} className="text-sm text-brand-700 hover:underline">← {meeting.title}</Link>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Invite many guests</h1>
        <p className="mt-1 text-sm text-slate-600">Every attendee gets a personal link, so you know exactly who joined. Uploading the same list again invites nobody twice.</p>
      </div>
      {meeting.room.guestsAllowed ? (
        <BulkInvite meetingId={meeting.id} canMail={mailDelivery() !== 'none'} />
      ) : (
        <p className="text-sm text-slate-700">This room does not admit guests. Turn on “Guests allowed” in the room’s settings first.</p>
      )}
    </div>
  );
}
