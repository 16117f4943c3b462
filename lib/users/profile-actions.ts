'use server';
import 'server-only';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formInput, ok, validationFailure, type ActionResult } from '@/lib/action-result';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { isValidTimeZone } from '@/lib/time/zones';

const timeZoneSchema = z.strictObject({ timeZone: z.string().refine(isValidTimeZone, 'Choose a time zone from the list.') });

/** The signed-in person's own time zone. */
export async function updateTimeZoneAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = timeZoneSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  await db.user.update({ where: { id: user.id }, data: { timeZone: parsed.data.timeZone } });
  revalidatePath('/', 'layout');
  return ok(undefined);
}
