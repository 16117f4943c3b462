import 'server-only';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { endingAfter } from '@/lib/meetings/queries';
import { roomAccessWhere, roomMemberWhere, roomMembershipSelect, roomRoleOf, type RoomPermission } from '@/lib/auth/permissions';

type Viewer = { id: string; role: Role };

/**
 * Rooms the person hosts, co-hosts or takes part in, not archived, by name, each with their role there
 * (admin powers play no part: these are the person's own rooms).
 */
export async function listMyRooms(userId: string) {
  const rooms = await db.room.findMany({
    where: { archivedAt: null, AND: roomMemberWhere(userId, 'room.view') },
    orderBy: { name: 'asc' },
    take: 100,
    select: { id: true, slug: true, name: true, description: true, alwaysOpen: true, ...roomMembershipSelect(userId) },
  });
  return rooms.map(({ ownerId, members, ...room }) => ({ ...room, myRole: roomRoleOf(userId, { ownerId, members }) ?? 'participant' }));
}

/** Archived rooms the person owns (admins: every archived room). */
export function listMyArchivedRooms(viewer: Viewer) {
  return db.room.findMany({
    where: { archivedAt: { not: null }, AND: roomAccessWhere(viewer, 'room.archive') },
    orderBy: { name: 'asc' },
    take: 100,
    select: { id: true, slug: true, name: true },
  });
}

/**
 * One room by its slug, if the viewer holds `permission` in it (admins: any room); otherwise null, the
 * same for "not yours" and "does not exist". Never selects secrets. What the viewer may do there:
 * `roomCan(viewer, room, …)`.
 */
export async function getRoomForViewer(viewer: Viewer, slug: string, permission: RoomPermission = 'room.view') {
  const room = await db.room.findFirst({
    where: { slug, AND: roomAccessWhere(viewer, permission) },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      ownerId: true,
      alwaysOpen: true,
      guestsAllowed: true,
      lobby: true,
      maxParticipants: true,
      startAudioMuted: true,
      startVideoMuted: true,
      moderatorRecording: true,
      moderatorLivestreaming: true,
      moderatorTranscription: true,
      everyoneCanShareScreen: true,
      archivedAt: true,
      version: true,
      owner: { select: { name: true, email: true } },
      members: { select: { userId: true, role: true, user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: 'asc' } },
    },
  });
  return room;
}

export type RoomForViewer = NonNullable<Awaited<ReturnType<typeof getRoomForViewer>>>;

/** Active rooms the person may schedule meetings in (admins: all active rooms). */
export function listSchedulableRooms(viewer: Viewer) {
  return db.room.findMany({
    where: { archivedAt: null, AND: roomAccessWhere(viewer, 'meeting.schedule') },
    orderBy: { name: 'asc' },
    take: 200,
    select: { id: true, slug: true, name: true },
  });
}

/** Every room for the admin list (callers check `rooms.manage_any`), by name, with who runs it and what is coming up. */
export async function listAllRooms({ search, archived, take = 50, skip = 0 }: { search?: string; archived?: boolean; take?: number; skip?: number }, now = new Date()) {
  const where = {
    ...(archived === undefined ? {} : { archivedAt: archived ? { not: null } : null }),
    ...(search
      ? { OR: [{ name: { contains: search, mode: 'insensitive' as const } }, { slug: { contains: search.toLowerCase() } }, { owner: { email: { contains: search.toLowerCase() } } }] }
      : {}),
  };
  const [rooms, total] = await Promise.all([
    db.room.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take,
      skip,
      select: {
        id: true,
        slug: true,
        name: true,
        alwaysOpen: true,
        archivedAt: true,
        owner: { select: { name: true, email: true } },
        members: { where: { role: 'CO_HOST' }, select: { user: { select: { name: true, email: true } } }, orderBy: { user: { email: 'asc' } }, take: 5 },
      },
    }),
    db.room.count({ where }),
  ]);
  // Counted for this page's rooms only: Prisma's `_count` with a filter groups every meeting of every room first.
  const ids = rooms.map((r) => r.id);
  const [meetings, coHosts] = ids.length
    ? await Promise.all([
        db.meeting.groupBy({ by: ['roomId'], where: { roomId: { in: ids }, cancelledAt: null, ...endingAfter(now) }, _count: { _all: true } }),
        db.roomMember.groupBy({ by: ['roomId'], where: { roomId: { in: ids }, role: 'CO_HOST' }, _count: { _all: true } }),
      ])
    : [[], []];
  const count = (groups: { roomId: string; _count: { _all: number } }[]) => new Map(groups.map((g) => [g.roomId, g._count._all]));
  const upcoming = count(meetings);
  const members = count(coHosts);
  const rows = rooms.map((room) => ({ ...room, _count: { meetings: upcoming.get(room.id) ?? 0, members: members.get(room.id) ?? 0 } }));
  return { rows, total };
}
