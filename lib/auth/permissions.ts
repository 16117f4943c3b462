import type { Role } from '@/lib/generated/prisma/enums';

/**
 * What each portal-wide role may do. Pages, actions and queries ask `can(user, permission)` instead
 * of comparing roles. Per-room roles (host, co-host) extend this map with the rooms feature.
 */
export const permissions = {
  'admin.access': ['ADMIN'],
  'users.manage': ['ADMIN'],
  'rooms.manage_any': ['ADMIN'],
  'audit.read': ['ADMIN'],
  'rooms.create': ['ADMIN', 'MEMBER'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return !!user && (permissions[permission] as readonly Role[]).includes(user.role);
}
