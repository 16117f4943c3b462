import type { IcsMeeting } from '@/lib/meetings/ics';

/** A stored meeting as calendar input. The link goes to the portal's meeting page, never to Jitsi. */
export function toIcsMeeting(
  meeting: {
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
    room: { name: string };
    organizer: { name: string | null; email: string };
  },
  origin: string,
): IcsMeeting {
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
    joinUrl: `${origin}/meetings/${meeting.id}`,
    organizer: meeting.organizer,
    updatedAt: meeting.updatedAt,
    cancelled: !!meeting.cancelledAt,
  };
}
