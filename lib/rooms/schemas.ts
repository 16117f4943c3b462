import { z } from 'zod';
import { idSchema } from '@/lib/schemas';
import { plainText } from '@/lib/text';
import { normalizeEmail } from '@/lib/auth/schemas';

const RESERVED_SLUGS = new Set(['new', 'edit', 'admin', 'api', 'settings', 'join', 'invite']);

/** A checkbox: present ("on") is true, absent is false. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters.')
  .max(60, 'Use at most 60 characters.')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. team-standup.')
  .refine((s) => !RESERVED_SLUGS.has(s), 'That address is reserved. Choose another.');

/** Turns a name into a suggested slug: "Team Standup!" → "team-standup". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Co-hosts or participants as typed: addresses separated by commas, spaces or new lines. */
const addressList = z
  .string()
  .max(50000, 'That list is too long: add at most 500 people.')
  .default('')
  .transform((s) => [...new Set(s.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))])
  .refine((list) => list.length <= 500, 'Add at most 500 people.');


/** The room form, for creating and editing (the form and the action share it). */
export const roomFormSchema = z.strictObject({
  name: plainText({ max: 80, required: 'Give the room a name.' }),
  slug: slugSchema,
  description: plainText({ max: 1000, multiline: true }).default(''),
  coHosts: addressList,
  participants: addressList,
  alwaysOpen: checkbox,
  guestsAllowed: checkbox,
  lobby: z.enum(['OFF', 'GUESTS', 'EVERYONE'], { error: 'Choose who waits in the lobby.' }).default('OFF'),
  /** Empty: no limit. */
  maxParticipants: z
    .string()
    .trim()
    .default('')
    .transform((value, ctx) => {
      if (value === '') return null;
      const problem = !/^\d{1,6}$/.test(value)
        ? 'Enter a whole number of people, or leave it empty for no limit.'
        : Number(value) < 2
          ? 'Allow at least 2 people, or leave it empty for no limit.'
          : Number(value) > 10_000
            ? 'At most 10,000 people.'
            : null;
      if (!problem) return Number(value);
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }),
  startAudioMuted: checkbox,
  startVideoMuted: checkbox,
  moderatorRecording: checkbox,
  moderatorLivestreaming: checkbox,
  moderatorTranscription: checkbox,
  everyoneCanShareScreen: checkbox,
  /** The version the form was loaded with (edits only). */
  version: z.coerce.number().int().positive().optional(),
});

export type RoomFormInput = z.infer<typeof roomFormSchema>;

type RoomFormFields = z.input<typeof roomFormSchema>;
/** What the room form shows: the schema's fields, checkboxes as booleans. */
export type RoomFormValues = { [K in Exclude<keyof RoomFormFields, 'version'>]-?: unknown extends RoomFormFields[K] ? boolean : NonNullable<RoomFormFields[K]> } & { version?: number };

/** An edit states the version it was loaded with, so a concurrent change is a conflict, not lost. */
export const roomUpdateSchema = roomFormSchema.extend({ roomId: idSchema, version: z.coerce.number().int().positive() });

export const roomIdSchema = z.strictObject({ roomId: idSchema });

/** Admin: hand a room to another employee. */
export const transferRoomSchema = z.strictObject({
  roomId: idSchema,
  ownerEmail: z.string().transform((value, ctx) => {
    const email = normalizeEmail(value);
    if (!email) {
      ctx.addIssue({ code: 'custom', message: value.trim() ? 'That does not look like an email address.' : 'Enter the new host’s email address.' });
      return z.NEVER;
    }
    return email;
  }),
});
