'use server';
import 'server-only';

import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { serverAction } from '@/lib/safe-action';
import { notificationSettingsSchema, timeZoneSchema } from '@/lib/users/schemas';

/** The signed-in person's own time zone. */
export const updateTimeZoneAction = serverAction({
  caller: requireUser,
  input: timeZoneSchema,
  run: async (user, { timeZone }) => {
    await db.user.update({ where: { id: user.id }, data: { timeZone } });
  },
  revalidate: 'layout',
});

/** The signed-in person's own reminder lead time and whether they get update mails. */
export const updateNotificationSettingsAction = serverAction({
  caller: requireUser,
  input: notificationSettingsSchema,
  run: async (user, settings) => {
    await db.user.update({ where: { id: user.id }, data: settings });
  },
  revalidate: '/settings',
});
