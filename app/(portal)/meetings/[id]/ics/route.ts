// GET /meetings/:id/ics — the meeting (or series) as an iCalendar file, for people who may see it.
import { getCurrentUser } from '@/lib/auth/session';
import { toIcsMeeting } from '@/lib/calendar/ics-input';
import { portalOrigin } from '@/lib/origin';
import { meetingToIcs } from '@/lib/meetings/ics';
import { getMeetingForViewer } from '@/lib/meetings/queries';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response('Sign in to download this calendar entry.', { status: 401 });
  const meeting = await getMeetingForViewer(user, (await params).id);
  if (!meeting) return new Response('Not found', { status: 404 });
  const origin = portalOrigin(request.headers);
  const ics = meetingToIcs(toIcsMeeting({ ...meeting, room: meeting.room }, origin), { hostname: new URL(origin).hostname });
  const filename = (meeting.title.replace(/[^\w -]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'meeting') + '.ics';
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
