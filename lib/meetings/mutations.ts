import 'server-only';
import { db } from '@/lib/db';
import { AppError, fieldError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { roomAccessWhere } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record';
import { buildRRule, expandOccurrences, seriesEnd } from '@/lib/meetings/recurrence';
import { describeSchedulingWindow, schedulingWindow, type MeetingFormInput } from '@/lib/meetings/schemas';
import { formatInZone, utcToZonedParts, zonedWallTimeToUtc } from '@/lib/time/zones';
import { announceAfterSave } from '@/lib/notifications/notices';

type Actor = { id: string; email: string; role: Role; timeZone: string };

const DAY = 86_400_000;
/** Overlaps are looked for this far ahead of a new meeting's start. */
const OVERLAP_HORIZON_DAYS = 366;

/** Raised when the meeting overlaps others in its room and the organiser has not confirmed. */
export class OverlapError extends AppError {
  constructor(public readonly overlaps: string[]) {
    super('OVERLAP', `This overlaps ${overlaps.length === 1 ? 'another meeting' : `${overlaps.length} other meetings`} in the room: ${overlaps.slice(0, 3).join('; ')}${overlaps.length > 3 ? '; …' : ''}. Tick “Schedule anyway” to keep both.`);
  }
}

/** The stored schedule of a form: first occurrence in UTC, the organiser's zone, the RRULE. */
export function scheduleFromForm(input: MeetingFormInput) {
  const startsAt = zonedWallTimeToUtc(input.date, input.startTime, input.timeZone);
  const endsAt = zonedWallTimeToUtc(input.date, input.endTime, input.timeZone);
  const end =
    input.endKind === 'until' && input.untilDate
      ? ({ kind: 'until', date: input.untilDate } as const)
      : input.endKind === 'count'
        ? ({ kind: 'count', count: Number(input.count) } as const)
        : ({ kind: 'never' } as const);
  const recurrence =
    input.frequency === 'none'
      ? null
      : buildRRule({ frequency: input.frequency, weekdays: input.weekdays.length ? input.weekdays : undefined, interval: input.interval, end }, startsAt, input.timeZone);
  const seriesEndsAt = seriesEnd({ startsAt, endsAt, timeZone: input.timeZone, recurrence });
  return { startsAt, endsAt, timeZone: input.timeZone, recurrence, seriesEndsAt };
}

type Schedule = ReturnType<typeof scheduleFromForm>;

/**
 * A first date must lie in the scheduling window; a series being edited may keep the older first date
 * it has (so a long-running series can still be renamed or moved to another time of day).
 */
function checkFirstDate(input: MeetingFormInput, kept?: { startsAt: Date; timeZone: string }): void {
  const window = schedulingWindow();
  if (input.date >= window.first) return;
  if (kept && utcToZonedParts(kept.startsAt, kept.timeZone).date === input.date) return;
  throw fieldError('date', `Pick a date ${describeSchedulingWindow(window)}.`);
}

/** Meetings in the room whose occurrences overlap the new schedule's within the horizon. */
async function findOverlaps(tx: Prisma.TransactionClient, roomId: string, schedule: Schedule, viewerZone: string, exceptId?: string): Promise<string[]> {
  const from = schedule.startsAt;
  const to = new Date(Math.min(schedule.seriesEndsAt?.getTime() ?? Infinity, from.getTime() + OVERLAP_HORIZON_DAYS * DAY));
  const mine = expandOccurrences(schedule, { from, to });
  if (!mine.length) return [];
  const others = await tx.meeting.findMany({
    where: {
      roomId,
      cancelledAt: null,
      id: exceptId ? { not: exceptId } : undefined,
      startsAt: { lt: to },
      OR: [{ seriesEndsAt: { gte: from } }, { seriesEndsAt: null, recurrence: { not: null } }, { recurrence: null, endsAt: { gt: from } }],
    },
    select: { title: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true, cancelledOccurrences: true },
    take: 200,
  });
  const found: string[] = [];
  for (const other of others) {
    const theirs = expandOccurrences(other, { from, to }).filter((o) => !o.cancelled);
    const clash = theirs.find((t) => mine.some((m) => m.startsAt < t.endsAt && t.startsAt < m.endsAt));
    if (clash) found.push(`“${other.title}” on ${formatInZone(clash.startsAt, viewerZone, 'short')}`);
  }
  return found;
}

export async function createMeeting(actor: Actor, input: MeetingFormInput): Promise<{ id: string }> {
  checkFirstDate(input);
  const schedule = scheduleFromForm(input);
  return db.$transaction(async (tx) => {
    const room = await tx.room.findFirst({ where: { id: input.roomId, archivedAt: null, AND: roomAccessWhere(actor, 'meeting.schedule') }, select: { id: true } });
    if (!room) throw new AppError('NOT_FOUND');
    if (!input.confirmOverlap) {
      const overlaps = await findOverlaps(tx, room.id, schedule, actor.timeZone);
      if (overlaps.length) throw new OverlapError(overlaps);
    }
    const meeting = await tx.meeting.create({
      data: { roomId: room.id, organizerId: actor.id, title: input.title, description: input.description, allowLinkSharing: input.allowLinkSharing, ...schedule },
      select: { id: true },
    });
    await recordAudit({ kind: 'meeting.created', actorId: actor.id, actorEmail: actor.email, roomId: room.id, meetingId: meeting.id }, tx);
    return meeting;
  });
}

/** The where clause for meetings the actor may edit: in rooms they host or co-host (admins: all). */
const editableMeeting = (actor: Actor, meetingId: string) => ({ id: meetingId, room: roomAccessWhere(actor, 'meeting.edit') });

/** Saves a meeting if it is still at the version the editor loaded; otherwise CONFLICT. */
export async function updateMeeting(actor: Actor, meetingId: string, version: number, input: MeetingFormInput): Promise<void> {
  const schedule = scheduleFromForm(input);
  const before = await db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: editableMeeting(actor, meetingId),
      select: { roomId: true, title: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true },
    });
    if (!meeting) throw new AppError('NOT_FOUND');
    checkFirstDate(input, meeting);
    if (meeting.roomId !== input.roomId) throw new AppError('NOT_FOUND'); // moving a meeting to another room is not supported
    if (!input.confirmOverlap) {
      const overlaps = await findOverlaps(tx, meeting.roomId, schedule, actor.timeZone, meetingId);
      if (overlaps.length) throw new OverlapError(overlaps);
    }
    const updated = await tx.meeting.updateMany({
      where: { id: meetingId, version },
      data: { title: input.title, description: input.description, allowLinkSharing: input.allowLinkSharing, ...schedule, cancelledOccurrences: [], version: { increment: 1 }, ...(movedTo(meeting, schedule) ? { scheduleChangedAt: new Date() } : {}) },
    });
    if (updated.count === 0) throw new AppError('CONFLICT');
    await recordAudit({ kind: 'meeting.updated', actorId: actor.id, actorEmail: actor.email, roomId: meeting.roomId, meetingId }, tx);
    return meeting;
  });
  await announceAfterSave(meetingId, { kind: 'updated', version: version + 1, before }, actor.email);
}

/** Whether a save sets a new time (reminders due before that moment are then not sent). */
function movedTo(before: { startsAt: Date; endsAt: Date; timeZone: string; recurrence: string | null }, after: Schedule): boolean {
  return before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime() || before.timeZone !== after.timeZone || before.recurrence !== after.recurrence;
}

/** Cancels a whole meeting or series. */
export async function cancelMeeting(actor: Actor, meetingId: string): Promise<void> {
  const version = await db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({ where: editableMeeting(actor, meetingId), select: { roomId: true } });
    if (!meeting) throw new AppError('NOT_FOUND');
    const { version } = await tx.meeting.update({ where: { id: meetingId }, data: { cancelledAt: new Date(), version: { increment: 1 } }, select: { version: true } });
    await recordAudit({ kind: 'meeting.cancelled', actorId: actor.id, actorEmail: actor.email, roomId: meeting.roomId, meetingId }, tx);
    return version;
  });
  await announceAfterSave(meetingId, { kind: 'cancelled', version }, actor.email);
}

/** Cancels one occurrence of a series (identified by its start instant). */
export async function cancelOccurrence(actor: Actor, meetingId: string, occurrenceStart: Date): Promise<void> {
  const version = await db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: editableMeeting(actor, meetingId),
      select: { roomId: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true, cancelledOccurrences: true },
    });
    if (!meeting) throw new AppError('NOT_FOUND');
    const exists = expandOccurrences(meeting, { from: occurrenceStart, to: new Date(occurrenceStart.getTime() + 1) }).some(
      (o) => o.startsAt.getTime() === occurrenceStart.getTime(),
    );
    if (!exists) throw new AppError('NOT_FOUND');
    if (meeting.cancelledOccurrences.some((d) => d.getTime() === occurrenceStart.getTime())) return null;
    const { version } = await tx.meeting.update({ where: { id: meetingId }, data: { cancelledOccurrences: { push: occurrenceStart }, version: { increment: 1 } }, select: { version: true } });
    await recordAudit({ kind: 'meeting.occurrence_cancelled', actorId: actor.id, actorEmail: actor.email, roomId: meeting.roomId, meetingId, data: { occurrence: occurrenceStart.toISOString() } }, tx);
    return version;
  });
  if (version !== null) await announceAfterSave(meetingId, { kind: 'occurrence-cancelled', version, occurrence: occurrenceStart }, actor.email);
}
