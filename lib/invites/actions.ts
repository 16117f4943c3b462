'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { fail, formInput, fromError, ok, validationFailure, type ActionResult } from '@/lib/action-result';
import { requireUser } from '@/lib/auth/session';
import type { JoinTicket } from '@/lib/jitsi/join';
import { assertInviteEditable, createInvite, InviteFieldError, revokeInvite } from '@/lib/invites/mutations';
import { createBulkInvites, previewBulkInvites } from '@/lib/invites/bulk';
import { enqueueInviteMails } from '@/lib/invites/delivery';
import { mailDelivery } from '@/lib/mail/send';
import { problemText } from '@/lib/invites/csv';
import { normalizeEmail } from '@/lib/auth/schemas';
import { inviteLinksCsv } from '@/lib/invites/links-csv';
import { recordGuestAttendance, redeemInvite } from '@/lib/invites/redeem';
import { guestNameSchema, inviteFormSchema } from '@/lib/invites/schemas';
import { clientAddress, consumeRateLimit } from '@/lib/rate-limit';
import { portalOrigin } from '@/lib/origin';
import { sessionEventSchema } from '@/lib/attendance/schemas';

/** Creates an invite; the link (with its token) is returned once and never stored. */
export async function createInviteAction(_prev: ActionResult<{ link: string | null }> | null, formData: FormData): Promise<ActionResult<{ link: string | null }>> {
  const user = await requireUser();
  const { mail, ...fields } = formInput(formData);
  const parsed = inviteFormSchema.safeParse(fields);
  if (!parsed.success) return validationFailure(parsed.error);
  let token: string;
  let id: string;
  try {
    ({ token, id } = await createInvite(user, parsed.data));
  } catch (error) {
    if (error instanceof InviteFieldError) return fail('VALIDATION', error.message, { [error.field]: [error.message] });
    return fromError(error);
  }
  if (mail === 'on' && parsed.data.kind === 'personal' && mailDelivery() !== 'none') {
    // The mail carries a fresh link of its own; no link is shown here.
    await enqueueInviteMails([id]);
    revalidatePath(`/meetings/${parsed.data.meetingId}`);
    return ok({ link: null });
  }
  revalidatePath(`/meetings/${parsed.data.meetingId}`);
  return ok({ link: `${portalOrigin(await headers())}/invite/${token}` });
}

export async function revokeInviteAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = z.strictObject({ inviteId: z.string().min(1).max(64), meetingId: z.string().min(1).max(64) }).safeParse(formInput(formData));
  if (!parsed.success) return fail('NOT_FOUND');
  try {
    await revokeInvite(user, parsed.data.inviteId);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath(`/meetings/${parsed.data.meetingId}`);
  revalidatePath('/admin/invites');
  return ok(undefined);
}

/**
 * Guests (no account): redeem an invite for a meeting token. Rate-limited per client. `displayName`
 * is only used by open links; a personal invite joins under the invite's own name (send null).
 * `device` is the browser's own random id (not a secret: it only tells one guest browser from another,
 * so the same person can rejoin while a forwarded copy is refused).
 */
export async function redeemInviteAction(token: unknown, displayName: unknown, device: unknown): Promise<ActionResult<JoinTicket>> {
  const limit = await consumeRateLimit(`invite:client:${clientAddress(await headers())}`, 30, 10 * 60);
  if (!limit.allowed) return fail('RATE_LIMITED', `Too many attempts from your network. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  let name: string | null = null;
  if (displayName !== null) {
    const parsed = guestNameSchema.safeParse(displayName);
    if (!parsed.success) return validationFailure(parsed.error);
    name = parsed.data;
  }
  if (typeof token !== 'string') return fail('NOT_FOUND');
  try {
    const browser = z.uuid().safeParse(device);
    const result = await redeemInvite(token, name, browser.success ? browser.data : null);
    return result.ok ? ok(result.ticket) : fail('FORBIDDEN', result.message);
  } catch (error) {
    return fromError(error);
  }
}

/** A guest's meeting page reports joined/left and heartbeats for a token minted from this invite. */
export async function reportGuestAttendanceAction(token: unknown, event: unknown): Promise<ActionResult> {
  const parsed = sessionEventSchema.safeParse(event);
  if (!parsed.success || typeof token !== 'string') return fail('VALIDATION');
  const recorded = await recordGuestAttendance(token, parsed.data.jti, parsed.data.kind);
  if (recorded === 'ended') return fail('ENDED');
  return recorded ? ok(undefined) : fail('NOT_FOUND');
}

const MAX_UPLOAD = 5 * 1024 * 1024;

async function uploadedFile(formData: FormData): Promise<{ meetingId: string; bytes: Uint8Array } | ActionResult<never>> {
  const meetingId = formData.get('meetingId');
  const file = formData.get('file');
  if (typeof meetingId !== 'string' || !meetingId) return fail('NOT_FOUND');
  if (!(file instanceof File) || file.size === 0) return fail('VALIDATION', 'Choose a CSV file first.', { file: ['Choose a CSV file first.'] });
  if (file.size > MAX_UPLOAD) return fail('VALIDATION', 'The file is larger than 5 MB. Split it into smaller files.', { file: ['The file is larger than 5 MB.'] });
  return { meetingId, bytes: new Uint8Array(await file.arrayBuffer()) };
}

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

/** The addresses the organiser picked to invite again although their earlier invite was revoked. */
function reinviteList(formData: FormData): Set<string> {
  const picked = formData.getAll('reinvite').slice(0, 10_000);
  return new Set(picked.flatMap((value) => (typeof value === 'string' ? [normalizeEmail(value)].filter((e): e is string => e !== null) : [])));
}

/** Step 1: check the uploaded attendee list; nothing is written. */
export async function previewBulkAction(_prev: ActionResult<BulkPreviewData> | null, formData: FormData): Promise<ActionResult<BulkPreviewData>> {
  const user = await requireUser();
  const upload = await uploadedFile(formData);
  if ('ok' in upload) return upload;
  try {
    const preview = await previewBulkInvites(user, upload.meetingId, upload.bytes);
    if (!preview.ok) return fail('VALIDATION', preview.error, { file: [preview.error] });
    const ordered = [...preview.rows.filter((r) => r.revoked), ...preview.rows.filter((r) => r.problems.length), ...preview.rows.filter((r) => !r.revoked && !r.problems.length)];
    return ok({
      total: preview.rows.length,
      valid: preview.valid,
      revoked: preview.revoked,
      invalid: preview.invalid,
      rows: ordered.slice(0, PREVIEW_ROWS).map((r) => ({ ...r, problems: r.problems.map(problemText) })),
    });
  } catch (error) {
    return fromError(error);
  }
}

/** Step 2: create the invites for the valid rows; returns their links once, as CSV text. */
export async function createBulkAction(_prev: ActionResult<{ created: number; skipped: number; csv: string }> | null, formData: FormData): Promise<ActionResult<{ created: number; skipped: number; csv: string }>> {
  const user = await requireUser();
  const upload = await uploadedFile(formData);
  if ('ok' in upload) return upload;
  try {
    const result = await createBulkInvites(user, upload.meetingId, upload.bytes, reinviteList(formData));
    if (formData.get('deliver') === 'mail' && mailDelivery() !== 'none') {
      await enqueueInviteMails(result.created.map((r) => r.id));
      revalidatePath(`/meetings/${upload.meetingId}`);
      return ok({ created: result.created.length, skipped: result.skipped, csv: '' });
    }
    const csv = inviteLinksCsv(result.created, portalOrigin(await headers()));
    revalidatePath(`/meetings/${upload.meetingId}`);
    return ok({ created: result.created.length, skipped: result.skipped, csv });
  } catch (error) {
    return fromError(error);
  }
}

/** Sends a personal invitation again: a fresh link by mail (the previous link stops working). */
export async function resendInviteAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = z.strictObject({ inviteId: z.string().min(1).max(64), meetingId: z.string().min(1).max(64) }).safeParse(formInput(formData));
  if (!parsed.success) return fail('NOT_FOUND');
  if (mailDelivery() === 'none') return fail('UNAVAILABLE', 'Mail is not set up on this Gatehouse (SMTP_URL).');
  try {
    await assertInviteEditable(user, parsed.data.inviteId);
  } catch (error) {
    return fromError(error);
  }
  await enqueueInviteMails([parsed.data.inviteId]);
  revalidatePath(`/meetings/${parsed.data.meetingId}`);
  return ok(undefined);
}
