import { z } from 'zod';
import { idSchema } from '@/lib/schemas';
import { isValidTimeZone } from '@/lib/time/zones';

export const userIdSchema = z.strictObject({ userId: idSchema });
export const roleChangeSchema = z.strictObject({ userId: idSchema, role: z.enum(['ADMIN', 'MEMBER']) });
export const timeZoneSchema = z.strictObject({ timeZone: z.string().refine(isValidTimeZone, 'Choose a time zone from the list.') });
