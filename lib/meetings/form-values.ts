import { parseRRule } from '@/lib/meetings/recurrence';
import { formatDateLabel, utcToZonedParts } from '@/lib/time/zones';
import { schedulingWindow } from '@/lib/meetings/schemas';
import type { MeetingFormValues } from '@/lib/meetings/schemas';

/** The days the form offers (the same window the schema checks), with labels for its hints. */
export function dateWindowForForm(now = new Date()) {
  const { first, last } = schedulingWindow(now);
  return { first, last, firstLabel: formatDateLabel(first), lastLabel: formatDateLabel(last) };
}

/** Defaults for a new meeting: the next full hour (for 30 minutes) in the organiser's zone. */
export function newMeetingValues(roomId: string, timeZone: string, now = new Date()): MeetingFormValues {
  const next = new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const start = utcToZonedParts(next, timeZone);
  const end = utcToZonedParts(new Date(next.getTime() + 30 * 60_000), timeZone);
  return {
    roomId, title: '', description: '', date: start.date, startTime: start.time, endTime: end.time < start.time ? '23:59' : end.time,
    timeZone, frequency: 'none', weekdays: [], interval: 1, endKind: 'never', untilDate: '', count: '', allowLinkSharing: false,
  };
}

/** An existing meeting as form values, in the zone it was planned in. */
export function meetingValues(meeting: { roomId: string; title: string; description: string; startsAt: Date; endsAt: Date; timeZone: string; recurrence: string | null; allowLinkSharing: boolean; version: number }): MeetingFormValues {
  const start = utcToZonedParts(meeting.startsAt, meeting.timeZone);
  const end = utcToZonedParts(meeting.endsAt, meeting.timeZone);
  const rule = parseRRule(meeting.recurrence, meeting.startsAt, meeting.timeZone);
  return {
    roomId: meeting.roomId,
    title: meeting.title,
    description: meeting.description,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    timeZone: meeting.timeZone,
    frequency: rule.frequency,
    weekdays: rule.weekdays ?? [],
    interval: rule.interval ?? 1,
    endKind: rule.end.kind,
    untilDate: rule.end.kind === 'until' ? rule.end.date : '',
    count: rule.end.kind === 'count' ? String(rule.end.count) : '',
    allowLinkSharing: meeting.allowLinkSharing,
    version: meeting.version,
  };
}
