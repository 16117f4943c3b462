// GET /admin/audit.csv — the filtered audit log as a spreadsheet-safe CSV (admins only).
import { auditFilterSchema, exportAuditEvents } from '@/lib/audit/queries';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { csvCell } from '@/lib/meetings/attendance';

export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!can(user, 'audit.read')) return new Response('Not found', { status: 404 });
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await exportAuditEvents(filter);
  const header = ['time (UTC)', 'kind', 'actor', 'room', 'meeting', 'invite', 'subject user', 'details'];
  const lines = rows.map((e) => [e.createdAt.toISOString(), e.kind, e.actorEmail ?? '', e.roomId ?? '', e.meetingId ?? '', e.inviteId ?? '', e.subjectUserId ?? '', JSON.stringify(e.data)].map(csvCell).join(','));
  return new Response(`\uFEFF${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audit.csv"', 'Cache-Control': 'private, no-store' },
  });
}
