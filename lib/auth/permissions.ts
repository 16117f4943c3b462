import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role, RoomRole } from '@/lib/generated/prisma/enums';

/**
 * What each portal-wide role may do. Pages, actions and queries ask `can(user, permission)` instead
 * of comparing roles.
 */
const permissions = {
  'admin.access': ['ADMIN'],
  'users.manage': ['ADMIN'],
  'rooms.manage_any': ['ADMIN'],
  'audit.read': ['ADMIN'],
  'jitsi.manage': ['ADMIN'],
  'rooms.create': ['ADMIN', 'MEMBER'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return !!user && (permissions[permission] as readonly Role[]).includes(user.role);
}

/** A person's role in one room: its owner is the host; co-hosts and participants are listed on the room. */
export type RoomRoleName = 'host' | 'co_host' | 'participant';

/** What each room role may do in that room. Admins may do all of it in every room. */
export const roomPermissions = {
  'room.view': ['host', 'co_host', 'participant'],
  'room.edit': ['host', 'co_host'],
  'room.rotate_link': ['host', 'co_host'],
  'room.archive': ['host'],
  'room.delete': ['host'],
  'room.moderate': ['host', 'co_host'],
  'meeting.schedule': ['host', 'co_host'],
  'meeting.edit': ['host', 'co_host'],
} as const satisfies Record<string, readonly RoomRoleName[]>;

export type RoomPermission = keyof typeof roomPermissions;

type Person = { id: string; role: Role };

/** The rooms of the person's own roles (`rooms.manage_any` plays no part): for "my rooms" and the dashboard. */
export function roomMemberWhere(userId: string, permission: RoomPermission): Prisma.RoomWhereInput {
  const roles = roomPermissions[permission] as readonly RoomRoleName[];
  const or: Prisma.RoomWhereInput[] = [];
  if (roles.includes('host')) or.push({ ownerId: userId });
  if (roles.includes('participant')) or.push({ members: { some: { userId } } });
  else if (roles.includes('co_host')) or.push({ members: { some: { userId, role: 'CO_HOST' } } });
  return { OR: or };
}

/**
 * True for every room. Not `{}`: Prisma drops an empty object inside `OR`, so `{ OR: [{ room: {} }, …] }`
 * would match no room at all.
 */
const EVERY_ROOM: Prisma.RoomWhereInput = { id: { not: '' } };

/**
 * The one room-access rule, as a Prisma `where` for rooms in which `user` holds `permission` (admins:
 * every room). Authorization lives in the query, so "not yours" and "does not exist" are the same empty
 * result. Nest it — `{ id, AND: roomAccessWhere(…) }` or `{ room: roomAccessWhere(…) }` — rather than
 * spreading it, so it can neither overwrite nor be overwritten by the caller's own keys.
 */
export function roomAccessWhere(user: Person, permission: RoomPermission): Prisma.RoomWhereInput {
  return can(user, 'rooms.manage_any') ? EVERY_ROOM : roomMemberWhere(user.id, permission);
}

/** What `roomRoleOf` reads: the room's owner and its membership rows (all, or just the person's). */
export type RoomMembership = { ownerId: string; members: readonly { userId: string; role: RoomRole }[] };

/** Selects what `roomRoleOf` needs for one person, without loading the whole member list. */
export const roomMembershipSelect = (userId: string) =>
  ({ ownerId: true, members: { where: { userId }, select: { userId: true, role: true } } }) satisfies Prisma.RoomSelect;

/** The person's own role in a room (host, co-host, participant), or null when they have none. */
export function roomRoleOf(userId: string, room: RoomMembership): RoomRoleName | null {
  if (room.ownerId === userId) return 'host';
  const member = room.members.find((m) => m.userId === userId);
  if (!member) return null;
  return member.role === 'CO_HOST' ? 'co_host' : 'participant';
}

/** The same rule as `roomAccessWhere`, for a room already loaded: may `user` do `permission` in it? */
export function roomCan(user: Person, room: RoomMembership, permission: RoomPermission): boolean {
  if (can(user, 'rooms.manage_any')) return true;
  const role = roomRoleOf(user.id, room);
  return !!role && (roomPermissions[permission] as readonly RoomRoleName[]).includes(role);
}
