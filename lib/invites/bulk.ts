import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { roomAccessWhere } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record';
import { previewAttendeeCsv, type CsvPreview } from '@/lib/invites/csv';
import { defaultInviteExpiry } from '@/lib/invites/mutations';
import { createInviteLink } from '@/lib/invites/links';

type Actor = { id: string; email: string; role: Role };

/** The meeting, if the actor may invite guests to it; otherwise NOT_FOUND / FORBIDDEN. */
async function invitableMeeting(actor: Actor, meetingId: string) {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, cancelledAt: null, room: { archivedAt: null, AND: roomAccessWhere(actor, 'meeting.edit') } },
    select: { id: true, roomId: true, title: true, endsAt: true, recurrence: true, seriesEndsAt: true, room: { select: { guestsAllowed: true } } },
  });
  if (!meeting) throw new AppError('NOT_FOUND');
  if (!meeting.room.guestsAllowed) throw new AppError('FORBIDDEN', 'This room does not admit guests. Turn on “Guests allowed” in the room’s settings first.');
  return meeting;
}

/** The meeting's personal-invite addresses: live ones, and those whose every invite was revoked. */
async function invitedEmails(meetingId: string): Promise<{ live: Set<string>; revoked: Set<string> }> {
  const rows = await db.invite.findMany({ where: { meetingId, email: { not: null } }, select: { email: true, revokedAt: true } });
  const live = new Set(rows.flatMap((r) => (r.revokedAt ? [] : [r.email!])));
  const revoked = new Set(rows.flatMap((r) => (r.revokedAt && !live.has(r.email!) ? [r.email!] : [])));
  return { live, revoked };
}

async function previewAgainstMeeting(meetingId: string, bytes: Uint8Array): Promise<CsvPreview> {
  const { live, revoked } = await invitedEmails(meetingId);
  return previewAttendeeCsv(bytes, live, revoked);
}

/** Checks a CSV against the meeting's invites without writing anything. */
export async function previewBulkInvites(actor: Actor, meetingId: string, bytes: Uint8Array): Promise<CsvPreview> {
  await invitableMeeting(actor, meetingId);
  return previewAgainstMeeting(meetingId, bytes);
}

/**
 * Prisma closes an interactive transaction after 5 s by default; inserting 10,000 rows takes Prisma several
 * seconds of CPU, and on a busy server the whole upload then failed (found by `npm run bench`).
 */
const BULK_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

export type BulkResult = { created: { id: string; name: string; email: string; token: string }[]; skipped: number };

/**
 * Creates personal guest invites for every problem-free row, in one transaction. The file is checked
 * again here (the preview is never trusted); people already invited, including by a concurrent or
 * repeated upload, are skipped by the unique index. People whose invite was revoked are invited again
 * only when their normalised address is in `reinvite` (the organiser picked them). Tokens are returned
 * once, for the links.
 */
export async function createBulkInvites(actor: Actor, meetingId: string, bytes: Uint8Array, reinvite: ReadonlySet<string> = new Set()): Promise<BulkResult> {
  const meeting = await invitableMeeting(actor, meetingId);
  const preview = await previewAgainstMeeting(meetingId, bytes);
  if (!preview.ok) throw new AppError('VALIDATION', preview.error);
  const rows = preview.rows
    .filter((r) => r.problems.length === 0 && (!r.revoked || reinvite.has(r.email)))
    .map((r) => ({ ...r, ...createInviteLink() }));
  const expiresAt = defaultInviteExpiry(meeting);
  const inserted = await db.$transaction(async (tx) => {
    const created = await tx.invite.createManyAndReturn({
      data: rows.map((r) => ({ roomId: meeting.roomId, meetingId, createdById: actor.id, name: r.name || null, email: r.email, tokenHash: r.tokenHash, linkSeed: r.linkSeed, expiresAt })),
      skipDuplicates: true,
      select: { id: true, email: true },
    });
    await recordAudit({ kind: 'invite.bulk_created', actorId: actor.id, actorEmail: actor.email, roomId: meeting.roomId, meetingId, data: { created: created.length, rows: preview.rows.length } }, tx);
    return new Map(created.map((c) => [c.email!, c.id]));
  }, BULK_TRANSACTION);
  const created = rows.filter((r) => inserted.has(r.email)).map((r) => ({ id: inserted.get(r.email)!, name: r.name, email: r.email, token: r.token }));
  return { created, skipped: preview.rows.length - created.length };
}
