'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { sessionEventSchema } from '@/lib/attendance/schemas';
import { AppError } from '@/lib/errors';
import { createBulkInvites, previewBulkInvites } from '@/lib/invites/bulk';
import { problemText } from '@/lib/invites/csv';
import { enqueueInviteMails } from '@/lib/invites/delivery';
import { replaceInviteLink } from '@/lib/invites/links';
import { inviteLinksCsv } from '@/lib/invites/links-csv';
import { assertInviteEditable, createInvite, revokeInvite } from '@/lib/invites/mutations';
import { recordGuestAttendance, redeemInvite } from '@/lib/invites/redeem';
import { bulkUploadSchema, inviteCreateSchema, inviteRefSchema, redeemSchema } from '@/lib/invites/schemas';
import { mailDelivery } from '@/lib/mail/send';
import { portalOrigin } from '@/lib/origin';
import { clientAddress, consumeRateLimit } from '@/lib/rate-limit';
import { serverAction } from '@/lib/safe-action';

/** Guests have no account: anyone holding a link may call the guest actions; the link itself is checked. */
const guest = async () => null;
const meetingPage = (_data: unknown, { meetingId }: { meetingId: string }) => [`/meetings/${meetingId}`];

/** Creates an invite; its link is returned, or mailed to the person when the organiser asked for that. */
export const createInviteAction = serverAction({
  caller: requireUser,
  input: inviteCreateSchema,
  run: async (user, input): Promise<{ link: string | null }> => {
    const { token, id } = await createInvite(user, input);
    if (input.kind === 'personal' && input.mail && mailDelivery() !== 'none') {
      // The link goes out by mail, to the person it is for; it is not shown here.
      await enqueueInviteMails([id]);
      return { link: null };
    }
    return { link: `${portalOrigin(await headers())}/invite/${token}` };
  },
  revalidate: meetingPage,
});

export const revokeInviteAction = serverAction({
  caller: requireUser,
  input: inviteRefSchema,
  invalidInput: 'not-found',
  run: (user, { inviteId }) => revokeInvite(user, inviteId),
  revalidate: (_done, { meetingId }) => [`/meetings/${meetingId}`, '/admin/invites'],
});

/** Sends a personal invitation again with a new link (the previous link stops working at once). */
export const resendInviteAction = serverAction({
  caller: requireUser,
  input: inviteRefSchema,
  invalidInput: 'not-found',
  run: async (user, { inviteId }) => {
    if (mailDelivery() === 'none') throw new AppError('UNAVAILABLE', 'Mail is not set up on this Gatehouse (SMTP_URL).');
    await assertInviteEditable(user, inviteId);
    await replaceInviteLink(inviteId);
    await enqueueInviteMails([inviteId]);
  },
  revalidate: meetingPage,
});

/**
 * Guests (no account): redeem an invite for a meeting token. Rate-limited per client. `displayName`
 * is only used by open links; a personal invite joins under the invite's own name (send null).
 * `device` is the browser's own random id, so the same person can rejoin while a forwarded copy is refused.
 */
export const redeemInviteAction = serverAction({
  caller: guest,
  input: redeemSchema,
  args: ['token', 'displayName', 'device'],
  invalidInput: 'message',
  run: async (_guest, { token, displayName, device }) => {
    const limit = await consumeRateLimit(`invite:client:${clientAddress(await headers())}`, 30, 10 * 60);
    if (!limit.allowed) throw new AppError('RATE_LIMITED', `Too many attempts from your network. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
    const result = await redeemInvite(token, displayName, device);
    if (!result.ok) throw new AppError('FORBIDDEN', result.message);
    return result.ticket;
  },
});

/** A guest's meeting page reports joined/left and heartbeats for a token minted from this invite. */
export const reportGuestAttendanceAction = serverAction({
  caller: guest,
  input: z.strictObject({ token: z.string().max(256), event: sessionEventSchema }),
  args: ['token', 'event'],
  invalidInput: 'message',
  run: async (_guest, { token, event }) => {
    const recorded = await recordGuestAttendance(token, event.jti, event.kind);
    if (recorded === 'ended') throw new AppError('ENDED');
    if (!recorded) throw new AppError('NOT_FOUND');
  },
});

export type BulkPreviewData = {
  total: number;
  valid: number;
  revoked: number;
  invalid: number;
  /** People revoked earlier first (they need a decision), then rows with problems, then the rest; at most PREVIEW_ROWS. */
  rows: { line: number; name: string; email: string; problems: string[]; revoked: boolean }[];
};

/** How many rows the preview sends to the page (the file itself may hold 10,000). */
const PREVIEW_ROWS = 1000;

/** Step 1: check the uploaded attendee list; nothing is written. */
export const previewBulkAction = serverAction({
  caller: requireUser,
  input: bulkUploadSchema,
  run: async (user, { meetingId, file }): Promise<BulkPreviewData> => {
    const preview = await previewBulkInvites(user, meetingId, new Uint8Array(await file.arrayBuffer()));
    if (!preview.ok) throw new AppError('VALIDATION', preview.error, { file: [preview.error] });
    const ordered = [...preview.rows.filter((r) => r.revoked), ...preview.rows.filter((r) => r.problems.length), ...preview.rows.filter((r) => !r.revoked && !r.problems.length)];
    return {
      total: preview.rows.length,
      valid: preview.valid,
      revoked: preview.revoked,
      invalid: preview.invalid,
      rows: ordered.slice(0, PREVIEW_ROWS).map((r) => ({ ...r, problems: r.problems.map(problemText) })),
    };
  },
});

/** Step 2: create the invites for the valid rows; returns their links once, as CSV text (or mails them). */
export const createBulkAction = serverAction({
  caller: requireUser,
  input: bulkUploadSchema,
  run: async (user, { meetingId, file, deliver, reinvite = [] }) => {
    const result = await createBulkInvites(user, meetingId, new Uint8Array(await file.arrayBuffer()), new Set(reinvite));
    if (deliver === 'mail' && mailDelivery() !== 'none') {
      await enqueueInviteMails(result.created.map((r) => r.id));
      return { created: result.created.length, skipped: result.skipped, csv: '' };
    }
    return { created: result.created.length, skipped: result.skipped, csv: inviteLinksCsv(result.created, portalOrigin(await headers())) };
  },
  revalidate: meetingPage,
});
