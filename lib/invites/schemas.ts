import { z } from 'zod';
import { emailAddressSchema } from '@/lib/auth/schemas';

const noControlChars = (s: string) => !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s);
const personName = z.string().trim().min(1, 'Enter the person’s name.').max(200, 'Use at most 200 characters.').refine(noControlChars, 'Remove the control characters.');

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
