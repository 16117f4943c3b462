import type { Role } from '@/lib/generated/prisma/enums';

/**
 * What each portal-wide role may do. Pages, actions and queries ask `can(user, permission)` instead
 * of comparing roles.
 */
export const permissions = {
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
  'meeting.schedule': ['host', 'co_host'],
  'meeting.edit': ['host', 'co_host'],
} as const satisfies Record<string, readonly RoomRoleName[]>;

export type RoomPermission = keyof typeof roomPermissions;

/**
 * The Prisma `where` fragment for rooms in which `user` holds `permission` — authorization lives in
 * the query, so "not yours" and "does not exist" are the same empty result.
 */
export function roomAccessWhere(user: { id: string; role: Role }, permission: RoomPermission) {
  if (can(user, 'rooms.manage_any')) return {};
  const roles = roomPermissions[permission] as readonly RoomRoleName[];
  const or: object[] = [{ ownerId: user.id }];
  if (roles.includes('participant')) or.push({ members: { some: { userId: user.id } } });
  else if (roles.includes('co_host')) or.push({ members: { some: { userId: user.id, role: 'CO_HOST' } } });
  return { OR: or };
}
