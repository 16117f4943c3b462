import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { isEmbeddedDevelopment } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config';

/** Whether the development sign-in exists: only on the embedded default, never in production mode. */
export function devSignInEnabled(): boolean {
  return isEmbeddedDevelopment();
}

/**
 * Starts a database session for a demo user, exactly like a real sign-in would (so disabling ends it
 * the same way). Returns the session token for the cookie.
 */
export async function startDevSession(userId: string): Promise<{ sessionToken: string; expires: Date }> {
  if (!devSignInEnabled()) throw new AppError('UNAVAILABLE');
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } });
  if (!user || user.disabledAt) throw new AppError('NOT_FOUND');
  const sessionToken = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await db.$transaction([
    db.session.create({ data: { sessionToken, userId, expires } }),
    db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } }),
  ]);
  await recordAudit({ kind: 'auth.sign_in', actorId: user.id, actorEmail: user.email, data: { method: 'development' } });
  return { sessionToken, expires };
}
