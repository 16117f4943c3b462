'use server';
import 'server-only';

import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { serverAction } from '@/lib/safe-action';
import { timeZoneSchema } from '@/lib/users/schemas';

/** The signed-in person's own time zone. */
export const updateTimeZoneAction = serverAction({
  caller: requireUser,
  input: timeZoneSchema,
  run: async (user, { timeZone }) => {
    await db.user.update({ where: { id: user.id }, data: { timeZone } });
  },
  revalidate: 'layout',
});
