// GET /api/calendar/:token — a person's meetings as a calendar subscription (secret, revocable URL).
import { toIcsMeeting } from '@/lib/calendar/ics-input';
import { portalOrigin } from '@/lib/origin';
import { findFeedOwner } from '@/lib/calendar/feed';
import { calendarFeedToIcs } from '@/lib/meetings/ics';
import { listFeedMeetings } from '@/lib/meetings/queries';

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token.replace(/\.ics$/, '');
  const owner = await findFeedOwner(token);
  if (!owner) return new Response('This calendar link is no longer valid. Create a new one in Gatehouse → Settings.', { status: 404 });
  const origin = portalOrigin(request.headers);
  const meetings = await listFeedMeetings(owner);
  const ics = calendarFeedToIcs(meetings.map((m) => toIcsMeeting(m, origin)), { name: 'Gatehouse meetings', hostname: new URL(origin).hostname });
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' } });
}
