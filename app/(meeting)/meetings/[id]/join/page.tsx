import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { joinAction, reportAttendanceAction } from '@/lib/jitsi/actions';
import { decideJoin } from '@/lib/jitsi/join';
import { endMeetingFromCallAction } from '@/lib/rooms/actions';
import { JoinRefused } from '@/components/meeting/join-refused';
import { MeetingRoom } from '@/components/meeting/meeting-room';

export const metadata: Metadata = { title: 'Meeting', referrer: 'no-referrer' };

export default async function JoinMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const target = { kind: 'meeting' as const, meetingId: (await params).id };
  // A first look without minting: refusals get a page of their own.
  const decision = await decideJoin(user, target);
  if (!decision.ok) return <JoinRefused message={decision.message} />;
  return <MeetingRoom roomLabel={`${decision.subject} · ${decision.room.name}`} backHref={`/meetings/${target.meetingId}`} join={joinAction.bind(null, target)} report={reportAttendanceAction} endForEveryone={decision.role === 'moderator' ? endMeetingFromCallAction.bind(null, decision.room.id) : undefined} />;
}
