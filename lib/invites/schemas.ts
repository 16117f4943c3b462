import { z } from 'zod';
import { idSchema } from '@/lib/schemas';
import { emailAddressSchema } from '@/lib/auth/schemas';
import { plainText } from '@/lib/text';

const personName = plainText({ max: 200, required: 'Enter the person’s name.' });

const personalInvite = z.strictObject({
  kind: z.literal('personal'),
  meetingId: idSchema,
  name: personName,
  email: emailAddressSchema,
  role: z.enum(['GUEST', 'CO_HOST']).default('GUEST'),
});

const linkInvite = z.strictObject({
  kind: z.literal('link'),
  meetingId: idSchema,
  maxUses: z.coerce.number({ error: 'Enter how many people may use the link.' }).int('Use a whole number.').min(1, 'At least 1.').max(10_000, 'At most 10,000.'),
});

/** The invite form: a personal invite may be mailed (with a fresh link of its own) instead of shown. */
export const inviteCreateSchema = z.discriminatedUnion('kind', [
  personalInvite.extend({ mail: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()) }),
  linkInvite,
]);

/** A personal invite (one person, by name and address) or an open link with a use limit. */
export type InviteFormInput = z.infer<typeof personalInvite> | z.infer<typeof linkInvite>;

/** What a guest types on the invite page. */
const guestNameSchema = personName.max(80, 'Use at most 80 characters.');

/** One invite of a meeting (revoke, re-send). */
export const inviteRefSchema = z.strictObject({ inviteId: idSchema, meetingId: idSchema });

/** A guest's request for a meeting token: the link's token, the typed name (open links only), the browser's random id. */
export const redeemSchema = z.strictObject({
  token: z.string().max(256).catch(''),
  displayName: guestNameSchema.nullable(),
  // Not a secret: it only tells one guest browser from another. Anything but a UUID counts as none.
  device: z.uuid().nullable().catch(null),
});

/** The largest attendee list that may be uploaded (the form checks it before sending, the server again). */
export const MAX_BYTES = 5 * 1024 * 1024;

export function tooLargeError(bytes: number): string {
  // Rounded up so a file just over the limit never reads as "5.0 MB".
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `The file is ${mb.toFixed(1)} MB; at most ${MAX_BYTES / (1024 * 1024)} MB can be uploaded. Split it into smaller files.`;
}

/** A step of the bulk invitation: the meeting, the attendee list, and (to create) how and whom to invite again. */
export const bulkUploadSchema = z.strictObject({
  meetingId: idSchema,
  file: z
    .instanceof(File, { error: 'Choose a CSV file first.' })
    .refine((file) => file.size > 0, 'Choose a CSV file first.')
    .refine((file) => file.size <= MAX_BYTES, 'The file is larger than 5 MB. Split it into smaller files.'),
  deliver: z.enum(['mail', 'links']).optional(),
  reinvite: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(emailAddressSchema).max(10_000)).optional(),
});
