import type { IcsMeeting } from '@/lib/meetings/ics';
import { PERSONAL_LINK_WARNING } from '@/lib/mail/templates';

/** The stored meeting fields a calendar entry is made from. */
type StoredMeeting = {
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  recurrence: string | null;
  cancelledAt: Date | null;
  cancelledOccurrences: Date[];
  updatedAt: Date;
  version: number;
  room: { name: string };
  organizer: { name: string | null; email: string };
};

function calendarEntry(meeting: StoredMeeting, joinUrl: string): IcsMeeting {
  return {
    id: meeting.id,
    title: meeting.title,
    description: meeting.description,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: meeting.timeZone,
    recurrence: meeting.recurrence,
    cancelledOccurrences: meeting.cancelledOccurrences,
    roomName: meeting.room.name,
    joinUrl,
    organizer: meeting.organizer,
    updatedAt: meeting.updatedAt,
    sequence: meeting.version,
    cancelled: !!meeting.cancelledAt,
  };
}

/** An employee's calendar entry: it links to the portal's meeting page (sign in, then join), never to Jitsi. */
export function toIcsMeeting(meeting: StoredMeeting, origin: string): IcsMeeting {
  return calendarEntry(meeting, `${origin}/meetings/${meeting.id}`);
}

/**
 * A guest's calendar entry: it links to their own invite page (the only page a guest can use; the
 * meeting page would show them the employee sign-in) and carries the invitation's warning not to
 * forward the link. Each mail issues a new link and the old one stops working, so the entry counts
 * as modified when its link was issued (LAST-MODIFIED/DTSTAMP): with the same SEQUENCE, a newer
 * DTSTAMP makes calendar apps replace the earlier entry (RFC 5546 2.1.5) instead of keeping a dead link.
 */
export function toGuestIcsMeeting(meeting: StoredMeeting, inviteUrl: string, linkIssuedAt: Date): IcsMeeting {
  const updatedAt = new Date(Math.max(meeting.updatedAt.getTime(), linkIssuedAt.getTime()));
  return { ...calendarEntry(meeting, inviteUrl), updatedAt, joinNote: PERSONAL_LINK_WARNING };
}
