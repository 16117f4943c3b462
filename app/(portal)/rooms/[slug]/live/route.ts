// GET /rooms/:slug/live — how many people are in the room's meeting now, by Jitsi's events (hosts and co-hosts only).
import { getCurrentUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { liveCount } from '@/lib/jitsi/events/live';
import { getRoomForViewer } from '@/lib/rooms/queries';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response('Sign in first.', { status: 401 });
  const room = await getRoomForViewer(user, (await params).slug, 'meeting.edit');
  if (!room) return new Response('Not found', { status: 404 });
  const enabled = !!getEnv().JITSI_EVENTS_SECRET;
  return Response.json({ enabled, inMeeting: enabled ? await liveCount(room.id) : null }, { headers: { 'Cache-Control': 'no-store' } });
}
