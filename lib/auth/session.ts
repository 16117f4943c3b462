import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { auth } from '@/lib/auth/config';
import { can, type Permission } from '@/lib/auth/permissions';
import { DATABASE_UNAVAILABLE, databaseDownSince } from '@/lib/db-state';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';

export type CurrentUser = { id: string; name: string | null; email: string; image: string | null; role: Role; timeZone: string };

/**
 * The signed-in person for this request, or null. Memoised per request; the session lookup reads the
 * user row from the database every time, so a role change or a disable counts at the next request.
 * Disabled accounts have no sessions (disabling deletes them), and are treated as signed out here too.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const user = session?.user;
  // Auth.js reports a failed session lookup as "signed out"; while the database is unreachable that would
  // send signed-in people to the sign-in page, so fail the request instead (proxy.ts answers 503 next).
  if (!user?.id && databaseDownSince()) throw new AppError('UNAVAILABLE', DATABASE_UNAVAILABLE);
  if (!user?.id) return null;
  return { id: user.id, name: user.name, email: user.email, image: user.image, role: user.role, timeZone: user.timeZone };
});

/** The signed-in person; a visitor is sent to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** The signed-in person if they hold `permission`; anyone else gets the 403 page. */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, permission)) forbidden();
  return user;
}

/** The signed-in admin; members get the 403 page, visitors the sign-in page. */
export function requireAdmin(): Promise<CurrentUser> {
  return requirePermission('admin.access');
}
