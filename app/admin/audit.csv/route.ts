// GET /admin/audit.csv — the filtered audit log as a spreadsheet-safe CSV (admins only).
import { auditCsv, auditFilterSchema, exportAuditEvents } from '@/lib/audit/queries';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { csvDownloadHeaders } from '@/lib/csv';

export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!can(user, 'audit.read')) return new Response('Not found', { status: 404 });
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(auditCsv(await exportAuditEvents(filter)), { headers: csvDownloadHeaders('audit.csv') });
}
