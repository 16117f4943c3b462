'use server';

import { revalidatePath } from 'next/cache';
import { ok, type ActionResult } from '@/lib/action-result';
import { requireUser } from '@/lib/auth/session';
import { rotateCalendarFeed, revokeCalendarFeed } from '@/lib/calendar/feed';

/** Creates a new feed URL (shown once: only its hash is stored). */
export async function createCalendarFeedAction(): Promise<ActionResult<{ token: string }>> {
  const user = await requireUser();
  const token = await rotateCalendarFeed(user);
  revalidatePath('/settings');
  return ok({ token });
}

export async function revokeCalendarFeedAction(): Promise<ActionResult> {
  const user = await requireUser();
  await revokeCalendarFeed(user);
  revalidatePath('/settings');
  return ok(undefined);
}
