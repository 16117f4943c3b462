'use server';

import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { rotateCalendarFeed, revokeCalendarFeed } from '@/lib/calendar/feed';
import { serverAction } from '@/lib/safe-action';

const noInput = z.strictObject({});

/** Creates a new feed URL (shown once: only its hash is stored). */
export const createCalendarFeedAction = serverAction({
  caller: requireUser,
  input: noInput,
  run: async (user) => ({ token: await rotateCalendarFeed(user) }),
  revalidate: '/settings',
});

export const revokeCalendarFeedAction = serverAction({
  caller: requireUser,
  input: noInput,
  run: (user) => revokeCalendarFeed(user),
  revalidate: '/settings',
});
