// GET /meetings/:id/attendance.csv — who came, for how long, and who did not (hosts only).
import { getCurrentUser } from '@/lib/auth/session';
import { csvDownloadHeaders } from '@/lib/csv';
import { attendanceCsv, meetingAttendance } from '@/lib/meetings/attendance';
import { getMeetingForViewer } from '@/lib/meetings/queries';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response('Sign in first.', { status: 401 });
  const meeting = await getMeetingForViewer(user, (await params).id);
  if (!meeting?.canEdit) return new Response('Not found', { status: 404 });
  return new Response(attendanceCsv(await meetingAttendance(meeting.id)), { headers: csvDownloadHeaders('attendance.csv') });
}
