import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { roomAccessWhere, type RoomRoleName } from '@/lib/auth/permissions';

type Viewer = { id: string; role: Role };

/** Rooms the person hosts or co-hosts, not archived, by name. */
export function listMyRooms(userId: string) {
  return db.room.findMany({
    where: { archivedAt: null, OR: [{ ownerId: userId }, { members: { some: { userId } } }] },
    orderBy: { name: 'asc' },
    take: 100,
    select: { id: true, slug: true, name: true, description: true, alwaysOpen: true, ownerId: true, archivedAt: true },
  });
}

/** Archived rooms the person owns (admins: every archived room). */
export function listMyArchivedRooms(viewer: Viewer) {
  return db.room.findMany({
    where: { archivedAt: { not: null }, ...roomAccessWhere(viewer, 'room.archive') },
    orderBy: { name: 'asc' },
    take: 100,
    select: { id: true, slug: true, name: true },
  });
}

/**
 * One room by its slug, if the viewer hosts or co-hosts it (admins: any room); otherwise null, the
 * same for "not yours" and "does not exist". Never selects secrets.
 */
export async function getRoomForViewer(viewer: Viewer, slug: string) {
  const room = await db.room.findFirst({
    where: { slug, ...roomAccessWhere(viewer, 'room.view') },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      ownerId: true,
      alwaysOpen: true,
      guestsAllowed: true,
      lobbyEnabled: true,
      startAudioMuted: true,
      startVideoMuted: true,
      moderatorRecording: true,
      moderatorLivestreaming: true,
      moderatorTranscription: true,
      everyoneCanShareScreen: true,
      archivedAt: true,
      version: true,
      owner: { select: { name: true, email: true } },
      members: { select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!room) return null;
  const myRole: RoomRoleName | 'admin' = room.ownerId === viewer.id ? 'host' : room.members.some((m) => m.user.id === viewer.id) ? 'co_host' : 'admin';
  return { ...room, myRole };
}

export type RoomForViewer = NonNullable<Awaited<ReturnType<typeof getRoomForViewer>>>;

/** Active rooms the person may schedule meetings in (admins: all active rooms). */
export function listSchedulableRooms(viewer: Viewer) {
  return db.room.findMany({
    where: { archivedAt: null, ...roomAccessWhere(viewer, 'meeting.schedule') },
    orderBy: { name: 'asc' },
    take: 200,
    select: { id: true, slug: true, name: true },
  });
}
