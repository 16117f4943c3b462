import 'server-only';
import { db } from '@/lib/db';

type UserRow = {
  id: string;
  name: string | null;
  email: string;
  role: 'ADMIN' | 'MEMBER';
  disabledAt: Date | null;
  lastSignInAt: Date | null;
};

/** Users for the admin list, newest first, optionally filtered by name or email. Callers check admin rights. */
export async function listUsers({ search, take = 50, skip = 0 }: { search?: string; take?: number; skip?: number }) {
  const where = search
    ? { OR: [{ email: { contains: search, mode: 'insensitive' as const } }, { name: { contains: search, mode: 'insensitive' as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take,
      skip,
      select: { id: true, name: true, email: true, role: true, disabledAt: true, lastSignInAt: true },
    }),
    db.user.count({ where }),
  ]);
  return { rows: rows satisfies UserRow[], total };
}

/** Active users for the development sign-in picker (embedded default only). */
export function listDevSignInUsers() {
  return db.user.findMany({
    where: { disabledAt: null },
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    take: 20,
    select: { id: true, name: true, email: true, role: true },
  });
}

/** The person's own reminder lead time and update-mail choice (settings page). */
export async function getNotificationSettings(userId: string): Promise<{ reminderMinutes: number; updateMails: boolean; digestMails: boolean }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { reminderMinutes: true, updateMails: true, digestMails: true } });
  return user ?? { reminderMinutes: 10, updateMails: true, digestMails: false };
}
