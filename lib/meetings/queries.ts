import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { roomAccessWhere, roomCan, roomMemberWhere, roomMembershipSelect, roomRoleOf } from '@/lib/auth/permissions';
import { expandOccurrences, nextOccurrence } from '@/lib/meetings/recurrence';

type Viewer = { id: string; role: Role; email: string };

const DAY = 86_400_000;

/** Meetings that may still have an occurrence ending after `from`: an index-friendly pre-filter. */
export const endingAfter = (from: Date) => ({
  OR: [{ seriesEndsAt: { gte: from } }, { seriesEndsAt: null, recurrence: { not: null } }, { recurrence: null, endsAt: { gt: from } }],
});

/** Meetings that have an occurrence that may overlap [from, to). */
const activeBetween = (from: Date, to: Date) => ({ cancelledAt: null, startsAt: { lt: to }, ...endingAfter(from) });

/**
 * Meetings in the given rooms, or to which the person is invited by address. With `roomAccessWhere`
 * it is who may open a meeting; with `roomMemberWhere` (no admin powers) it is their dashboard and feed.
 */
const meetingsIn = (rooms: Prisma.RoomWhereInput, viewer: { email: string }): Prisma.MeetingWhereInput => ({
  OR: [{ room: rooms }, { invites: { some: { email: viewer.email, revokedAt: null } } }],
});

/** Meetings a person sees on their dashboard and in their feed: their rooms' (any role) or invited by address. */
const visibleTo = (viewer: { id: string; email: string }): Prisma.MeetingWhereInput => ({ AND: meetingsIn(roomMemberWhere(viewer.id, 'room.view'), viewer) });

/** What a meeting page, an invitation, its .ics and the feed need to describe a meeting. */
export const meetingDetails = {
  id: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  recurrence: true,
  cancelledAt: true,
  cancelledOccurrences: true,
  updatedAt: true,
  version: true,
  organizer: { select: { name: true, email: true } },
} as const;

const meetingSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  recurrence: true,
  cancelledOccurrences: true,
  room: { select: { name: true, slug: true, ownerId: true } },
} as const;

export type UpcomingOccurrence = {
  meetingId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  recurring: boolean;
  room: { name: string; slug: string };
  /** Only invited by address: no role in the meeting's room. */
  invited: boolean;
};

/**
 * The next date of each of the viewer's meetings: in rooms they host or co-host, or meetings they
 * are invited to by address. Series are expanded in the organiser's zone; cancelled occurrences are left out.
 */
export async function listUpcomingOccurrences(viewer: Viewer, now = new Date(), days = 14, limit = 20): Promise<UpcomingOccurrence[]> {
  const to = new Date(now.getTime() + days * DAY);
  const meetings = await db.meeting.findMany({
    where: {
      ...activeBetween(now, to),
      room: { archivedAt: null },
      ...visibleTo(viewer),
    },
    select: { ...meetingSelect, room: { select: { name: true, slug: true, ...roomMembershipSelect(viewer.id) } } },
    take: 200,
  });
  return meetings
    .flatMap((m) =>
      expandOccurrences(m, { from: now, to })
        .filter((o) => !o.cancelled)
        .slice(0, 1) // the next date of each meeting or series; the meeting page lists the rest
        .map((o) => ({
          meetingId: m.id,
          title: m.title,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          recurring: !!m.recurrence,
          room: { name: m.room.name, slug: m.room.slug },
          invited: roomRoleOf(viewer.id, m.room) === null,
        })),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, limit);
}

/**
 * The room's meetings that still have a date ahead, each with its next occurrence (the caller has
 * checked access to the room), soonest first.
 */
export async function listRoomMeetings(roomId: string, now = new Date()) {
  const horizon = new Date(now.getTime() + 366 * DAY);
  const meetings = await db.meeting.findMany({ where: { roomId, ...activeBetween(now, horizon) }, select: meetingSelect, take: 200 });
  return meetings
    .map((m) => ({ meetingId: m.id, title: m.title, recurrence: m.recurrence, timeZone: m.timeZone, next: nextOccurrence(m, now) }))
    .filter((m): m is typeof m & { next: NonNullable<typeof m.next> } => m.next !== null)
    .sort((a, b) => a.next.startsAt.getTime() - b.next.startsAt.getTime());
}

/**
 * One meeting, if the viewer may see it: in a room where they have any role (admins: any room), or
 * invited by address. `canEdit` tells whether they may change it. Null for "not yours" and "does not
 * exist" alike.
 */
export async function getMeetingForViewer(viewer: Viewer, meetingId: string) {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, AND: meetingsIn(roomAccessWhere(viewer, 'room.view'), viewer) },
    select: {
      ...meetingDetails,
      version: true,
      allowLinkSharing: true,
      roomId: true,
      room: { select: { id: true, name: true, slug: true, archivedAt: true, guestsAllowed: true, ...roomMembershipSelect(viewer.id) } },
    },
  });
  if (!meeting) return null;
  const { ownerId, members, ...room } = meeting.room;
  return { ...meeting, room, canEdit: roomCan(viewer, { ownerId, members }, 'meeting.edit') };
}

export type MeetingForViewer = NonNullable<Awaited<ReturnType<typeof getMeetingForViewer>>>;

/** Meetings for a personal calendar feed: the same rule as the dashboard, over a wider window. */
export function listFeedMeetings(viewer: { id: string; email: string }, now = new Date()) {
  const from = new Date(now.getTime() - 30 * DAY);
  return db.meeting.findMany({
    where: { ...endingAfter(from), room: { archivedAt: null }, ...visibleTo(viewer) },
    select: { ...meetingDetails, room: { select: { name: true } } },
    orderBy: { startsAt: 'asc' },
    take: 500,
  });
}
