import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { recordAudit } from '@/lib/audit/record';
import type { Prisma } from '@/lib/generated/prisma/client';

type Actor = { id: string; email: string };

/** Throws LAST_ADMIN unless another active admin than `userId` exists. Call inside the transaction. */
async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: string) {
  const others = await tx.user.count({ where: { role: 'ADMIN', disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError('LAST_ADMIN');
}

/**
 * Disables an account: its sessions are deleted in the same transaction, so the person is out at
 * their next request. The last active admin cannot be disabled.
 */
export async function disableUser(actor: Actor, userId: string): Promise<void> {
  if (actor.id === userId) throw new AppError('SELF');
  await db.$transaction(async (tx) => {
    // Serialise admin changes so two admins cannot disable each other at the same moment.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7301)`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
    if (!user) throw new AppError('NOT_FOUND');
    if (user.disabledAt) return;
    if (user.role === 'ADMIN') await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit({ kind: 'user.disabled', actorId: actor.id, actorEmail: actor.email, subjectUserId: userId }, tx);
  });
}

export async function enableUser(actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId, disabledAt: { not: null } }, data: { disabledAt: null } });
    if (updated.count === 0) {
      if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new AppError('NOT_FOUND');
      return;
    }
    await recordAudit({ kind: 'user.enabled', actorId: actor.id, actorEmail: actor.email, subjectUserId: userId }, tx);
  });
}

/** Changes a portal role; demoting the last active admin is refused. */
export async function changeUserRole(actor: Actor, userId: string, role: Role): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7301)`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) throw new AppError('NOT_FOUND');
    if (user.role === role) return;
    if (user.role === 'ADMIN') await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit({ kind: 'user.role_changed', actorId: actor.id, actorEmail: actor.email, subjectUserId: userId, data: { from: user.role, to: role } }, tx);
  });
}
