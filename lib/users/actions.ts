'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formInput, fromError, ok, validationFailure, type ActionResult } from '@/lib/action-result';
import { requirePermission } from '@/lib/auth/session';
import { changeUserRole, disableUser, enableUser } from '@/lib/users/mutations';

const userIdSchema = z.strictObject({ userId: z.string().min(1).max(64) });
const roleSchema = z.strictObject({ userId: z.string().min(1).max(64), role: z.enum(['ADMIN', 'MEMBER']) });

async function run(formData: FormData, schema: z.ZodType<{ userId: string; role?: 'ADMIN' | 'MEMBER' }>, change: (actor: { id: string; email: string }, input: { userId: string; role?: 'ADMIN' | 'MEMBER' }) => Promise<void>): Promise<ActionResult> {
  const actor = await requirePermission('users.manage');
  const parsed = schema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  try {
    await change(actor, parsed.data);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/admin/users');
  return ok(undefined);
}

export async function disableUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return run(formData, userIdSchema, (actor, { userId }) => disableUser(actor, userId));
}

export async function enableUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return run(formData, userIdSchema, (actor, { userId }) => enableUser(actor, userId));
}

export async function changeRoleAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return run(formData, roleSchema, (actor, { userId, role }) => changeUserRole(actor, userId, role!));
}
