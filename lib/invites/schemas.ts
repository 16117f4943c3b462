import { z } from 'zod';
import { emailAddressSchema } from '@/lib/auth/schemas';
import { plainText } from '@/lib/text';

const personName = plainText({ max: 200, required: 'Enter the person’s name.' });

/** A personal invite (one person, by name and address) or an open link with a use limit. */
export const inviteFormSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('personal'),
    meetingId: z.string().min(1).max(64),
    name: personName,
    email: emailAddressSchema,
    role: z.enum(['GUEST', 'CO_HOST']).default('GUEST'),
  }),
  z.strictObject({
    kind: z.literal('link'),
    meetingId: z.string().min(1).max(64),
    maxUses: z.coerce.number({ error: 'Enter how many people may use the link.' }).int('Use a whole number.').min(1, 'At least 1.').max(10_000, 'At most 10,000.'),
  }),
]);

export type InviteFormInput = z.infer<typeof inviteFormSchema>;

/** What a guest types on the invite page. */
export const guestNameSchema = personName.max(80, 'Use at most 80 characters.');

/** The largest attendee list that may be uploaded (the form checks it before sending, the server again). */
export const MAX_BYTES = 5 * 1024 * 1024;

export function tooLargeError(bytes: number): string {
  // Rounded up so a file just over the limit never reads as "5.0 MB".
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `The file is ${mb.toFixed(1)} MB; at most ${MAX_BYTES / (1024 * 1024)} MB can be uploaded. Split it into smaller files.`;
}
