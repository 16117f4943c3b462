import { z } from 'zod';
import { idSchema } from '@/lib/schemas';
import { isValidTimeZone } from '@/lib/time/zones';
import { REMINDER_CHOICES } from '@/lib/notifications/settings';

export const userIdSchema = z.strictObject({ userId: idSchema });
export const roleChangeSchema = z.strictObject({ userId: idSchema, role: z.enum(['ADMIN', 'MEMBER']) });
export const timeZoneSchema = z.strictObject({ timeZone: z.string().refine(isValidTimeZone, 'Choose a time zone from the list.') });

/** A checkbox: sent as "on" when ticked, not sent at all otherwise. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/** The notification settings form: a reminder lead time from the list (0: off), update mails and the morning digest on or off. */
export const notificationSettingsSchema = z.strictObject({
  reminderMinutes: z.coerce
    .number()
    .refine((n) => (REMINDER_CHOICES as readonly number[]).includes(n), 'Choose a reminder time from the list.'),
  updateMails: checkbox,
  digestMails: checkbox,
});
