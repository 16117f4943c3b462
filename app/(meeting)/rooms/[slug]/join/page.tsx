import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { joinAction, reportAttendanceAction } from '@/lib/jitsi/actions';
import { decideJoin } from '@/lib/jitsi/join';
import { endMeetingFromCallAction } from '@/lib/rooms/actions';
import { JoinRefused } from '@/components/meeting/join-refused';
import { MeetingRoom } from '@/components/meeting/meeting-room';

export const metadata: Metadata = { title: 'Meeting', referrer: 'no-referrer' };

export default async function JoinRoomPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser();
  const target = { kind: 'room' as const, slug: (await params).slug };
  const decision = await decideJoin(user, target);
  if (!decision.ok) return <JoinRefused message={decision.message} />;
  return <MeetingRoom roomLabel={decision.room.name} backHref={`/rooms/${target.slug}`} join={joinAction.bind(null, target)} report={reportAttendanceAction} endForEveryone={decision.role === 'moderator' ? endMeetingFromCallAction.bind(null, decision.room.id) : undefined} />;
}
