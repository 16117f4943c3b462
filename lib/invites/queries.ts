import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/** What an invite list shows of each invite. */
const inviteRow = { id: true, name: true, email: true, role: true, maxUses: true, useCount: true, expiresAt: true, revokedAt: true, lastJoinedAt: true, refusedUses: true, sharedUses: true, delivery: true, deliveryError: true } as const;

/** Invites whose guest's name or address contains `search` (any case); everything when it is empty. */
function inviteSearchWhere(search: string | undefined): Prisma.InviteWhereInput {
  return search ? { OR: [{ email: { contains: search.toLowerCase() } }, { name: { contains: search, mode: 'insensitive' } }] } : {};
}

/** How many invites a page of a meeting's invite list shows. */
export const INVITE_PAGE_SIZE = 50;

/**
 * One page of a meeting's invites for its hosts (the caller has checked they may edit the meeting),
 * by name then address (open links last), with the total of all that match `search`.
 */
export async function listMeetingInvites(meetingId: string, { search, page = 1 }: { search?: string; page?: number } = {}) {
  const where: Prisma.InviteWhereInput = { meetingId, ...inviteSearchWhere(search) };
  const [rows, total] = await Promise.all([
    db.invite.findMany({
      where,
      orderBy: [{ name: { sort: 'asc', nulls: 'last' } }, { email: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      take: INVITE_PAGE_SIZE,
      skip: (page - 1) * INVITE_PAGE_SIZE,
      select: inviteRow,
    }),
    db.invite.count({ where }),
  ]);
  return { rows, total };
}

/** Delivery counts of a meeting's invitation mails, for the progress view. */
export async function inviteDeliveryCounts(meetingId: string) {
  const groups = await db.invite.groupBy({ by: ['delivery'], where: { meetingId, revokedAt: null }, _count: { _all: true } });
  const count = (state: string) => groups.find((g) => g.delivery === state)?._count._all ?? 0;
  return { queued: count('QUEUED'), sent: count('SENT'), failed: count('FAILED') };
}

export const INVITE_FILTERS = ['all', 'active', 'joined', 'not_joined', 'used_up', 'expired', 'revoked', 'mail_failed', 'mail_queued'] as const;
export type InviteFilter = (typeof INVITE_FILTERS)[number];

function stateWhere(state: InviteFilter, now: Date): Prisma.InviteWhereInput {
  const live = { revokedAt: null, expiresAt: { gt: now } };
  const usable = { OR: [{ maxUses: null }, { useCount: { lt: db.invite.fields.maxUses } }] };
  switch (state) {
    case 'all':
      return {};
    case 'active':
      return { ...live, ...usable };
    case 'joined':
      return { lastJoinedAt: { not: null } };
    case 'not_joined':
      return { ...live, ...usable, lastJoinedAt: null };
    case 'used_up':
      return { revokedAt: null, useCount: { gte: db.invite.fields.maxUses } };
    case 'expired':
      return { revokedAt: null, expiresAt: { lte: now } };
    case 'revoked':
      return { revokedAt: { not: null } };
    case 'mail_failed':
      return { delivery: 'FAILED' };
    case 'mail_queued':
      return { delivery: 'QUEUED' };
  }
}

/** Every invite across the portal for admins (callers check `rooms.manage_any`), newest first. */
export async function listAllInvites(
  { state = 'all', meetingId, meeting, search, take = 50, skip = 0 }: { state?: InviteFilter; meetingId?: string; meeting?: string; search?: string; take?: number; skip?: number },
  now = new Date(),
) {
  const where: Prisma.InviteWhereInput = {
    ...stateWhere(state, now),
    ...(meetingId ? { meetingId } : {}),
    ...(meeting ? { meeting: { title: { contains: meeting, mode: 'insensitive' } } } : {}),
    ...inviteSearchWhere(search),
  };
  const [rows, total] = await Promise.all([
    db.invite.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take,
      skip,
      select: {
        ...inviteRow,
        meetingId: true,
        meeting: { select: { title: true } },
        room: { select: { name: true, slug: true } },
        createdBy: { select: { email: true } },
      },
    }),
    db.invite.count({ where }),
  ]);
  return { rows, total };
}
