import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { toCsv } from '@/lib/csv';
import type { Prisma } from '@/lib/generated/prisma/client';

/** The audit log's filters, from the page's query string (unknown or bad values are ignored). */
export const auditFilterSchema = z.object({
  person: z.string().trim().max(200).optional().catch(undefined),
  room: z.string().trim().max(60).optional().catch(undefined),
  kind: z.string().regex(/^[a-z_.]{1,60}$/).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  before: z.string().max(64).optional().catch(undefined),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

async function whereFor(filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.kind) where.kind = filter.kind;
  if (filter.person) where.actorEmail = { contains: filter.person.toLowerCase(), mode: 'insensitive' };
  if (filter.room) {
    const room = await db.room.findUnique({ where: { slug: filter.room }, select: { id: true } });
    where.roomId = room?.id ?? '-';
  }
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  return where;
}

const auditSelect = { id: true, kind: true, actorEmail: true, roomId: true, meetingId: true, inviteId: true, subjectUserId: true, data: true, createdAt: true } as const;

/** One page of audit events, newest first; `before` is the id of the last event of the previous page. Callers check audit.read. */
export async function listAuditEvents(filter: AuditFilter, take = 50) {
  const where = await whereFor(filter);
  const cursor = filter.before ? await db.auditEvent.findUnique({ where: { id: filter.before }, select: { createdAt: true, id: true } }) : null;
  const rows = await db.auditEvent.findMany({
    where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    select: auditSelect,
  });
  return { rows: rows.slice(0, take), next: rows.length > take ? rows[take - 1]!.id : null };
}

/** Every matching event for the CSV export (capped). */
export async function exportAuditEvents(filter: AuditFilter, cap = 50_000) {
  return db.auditEvent.findMany({ where: await whereFor(filter), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: cap, select: auditSelect });
}

/** The audit export as CSV (see `toCsv`); `details` is the event's data as JSON. */
export function auditCsv(events: Awaited<ReturnType<typeof exportAuditEvents>>): string {
  return toCsv(
    ['time (UTC)', 'kind', 'actor', 'room', 'meeting', 'invite', 'subject user', 'details'],
    events.map((e) => [e.createdAt, e.kind, e.actorEmail, e.roomId, e.meetingId, e.inviteId, e.subjectUserId, JSON.stringify(e.data)]),
  );
}

/**
 * The kinds that occur in the log (for the filter), in order. A loose index scan over (kind, createdAt):
 * one index probe per kind. (Prisma's `distinct` is done in memory and read every event: seconds at a
 * million events.)
 */
export async function listAuditKinds(): Promise<string[]> {
  const rows = await db.$queryRaw<{ kind: string }[]>`
    WITH RECURSIVE kinds AS (
      (SELECT kind FROM "AuditEvent" ORDER BY kind LIMIT 1)
      UNION ALL
      SELECT (SELECT e.kind FROM "AuditEvent" e WHERE e.kind > kinds.kind ORDER BY e.kind LIMIT 1) FROM kinds WHERE kinds.kind IS NOT NULL
    )
    SELECT kind FROM kinds WHERE kind IS NOT NULL LIMIT 100`;
  return rows.map((r) => r.kind);
}
