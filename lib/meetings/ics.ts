/**
 * iCalendar (RFC 5545) output for meetings: a single-event file and a
 * personal subscription feed.
 *
 * - `ical-generator` writes the calendar: escaping of TEXT values (so user
 *   text cannot start new lines/properties), line folding, CRLF.
 * - `timezones-ical-library` supplies real VTIMEZONE blocks, so DTSTART/DTEND
 *   carry a TZID and recurring meetings keep their wall-clock time across DST
 *   in every calendar app, exactly like `expandOccurrences`.
 * - `@date-fns/tz`'s TZDate is what ical-generator needs to print a `Date` as
 *   wall time in the event's zone (for a plain `Date` it would use the
 *   server's local zone).
 */
import { TZDate } from '@date-fns/tz';
import ical, { escape, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

import { isValidRRule } from '@/lib/meetings/recurrence';
import { canonicalTimeZone, isValidTimeZone, toFloatingWallTime } from '@/lib/time/zones';

export type IcsMeeting = {
  id: string;
  title: string;
  description: string;
  /** First occurrence. */
  startsAt: Date;
  endsAt: Date;
  /** The organiser's IANA zone; the rule follows its wall clock. */
  timeZone: string;
  /** RRULE value without "RRULE:", or null. */
  recurrence: string | null;
  /** Start instants of cancelled occurrences (written as EXDATE). */
  cancelledOccurrences: Date[];
  roomName: string;
  /** Where the reader joins: the portal's meeting page or a guest's own invite page; never a Jitsi URL or token. */
  joinUrl: string;
  /** A line under the link in the description (a guest's warning not to forward their personal link). */
  joinNote?: string;
  organizer: { name: string | null; email: string };
  updatedAt: Date;
  /** The meeting's version: SEQUENCE (RFC 5545 3.8.7.4), which grows by one with every change. */
  sequence: number;
  /** The whole meeting/series is cancelled (STATUS:CANCELLED). */
  cancelled?: boolean;
};

/**
 * PUBLISH: a file or feed to import. REQUEST: an invitation or update sent by mail (RFC 5546), which
 * calendar apps match by UID and apply when its SEQUENCE is newer. CANCEL: the meeting is off.
 */
type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';
export type IcsOptions = { productName?: string; hostname: string; method?: IcsMethod; attendee?: { email: string; name: string | null } };
export type FeedOptions = { name: string; hostname: string; productName?: string };

/** Subscription clients are asked to refresh hourly. */
const FEED_REFRESH_SECONDS = 60 * 60;

// C0 controls (TAB, LF and CR are handled by escaping), DEL, and bidi
// overrides/isolates, which can disguise text in calendar apps.
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const UID_PART = /^[A-Za-z0-9._~:[\]-]{1,200}$/; // ids, host names, host:port, [IPv6]

function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_TEXT, '');
}

/** For values ical-generator writes without escaping (calendar name, PRODID) and for parameters. */
function singleLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

let tzlibZones: Set<string> | null = null;

/** VTIMEZONE block and its TZID for a zone, or null when the library does not know it. */
function vtimezone(zone: string): { tzid: string; block: string } | null {
  tzlibZones ??= new Set(tzlib_get_timezones(false));
  const names = [zone, canonicalTimeZone(zone)].filter((n): n is string => !!n && tzlibZones!.has(n));
  for (const name of names) {
    const result = tzlib_get_ical_block(name, false);
    const block = Array.isArray(result) ? result[0] : undefined;
    const tzid = block ? /^TZID:(.+)$/m.exec(block)?.[1]?.trim() : undefined;
    if (block && tzid && block.startsWith('BEGIN:VTIMEZONE')) return { tzid, block };
  }
  return null;
}

function newCalendar(productName: string | undefined, method: IcsMethod = 'PUBLISH'): ICalCalendar {
  const product = singleLine(productName ?? 'Gatehouse').replace(/\/\//g, '/') || 'Gatehouse';
  return ical({
    prodId: { company: 'Gatehouse', product, language: 'EN' },
    method: ICalCalendarMethod[method],
    // name: null keeps all non-event times (DTSTAMP…) in UTC; the generator
    // adds one VTIMEZONE per distinct event zone.
    timezone: { name: null, generator: (tzid) => vtimezone(tzid)?.block ?? null },
  });
}

function checkedJoinUrl(joinUrl: string): string {
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    throw new RangeError('joinUrl must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('joinUrl must be http(s)');
  if (url.searchParams.has('jwt') || url.username || url.password) {
    throw new RangeError('joinUrl must be the portal page, not a link carrying credentials');
  }
  return url.href;
}

function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function sequenceOf(meeting: IcsMeeting): number {
  return Number.isSafeInteger(meeting.sequence) ? Math.max(0, meeting.sequence) : 0;
}

type EventOptions = { hostname: string; attendee?: IcsOptions['attendee']; occurrence?: Date };

/**
 * One VEVENT. With `occurrence`, the single date of a series it names (RECURRENCE-ID, that date's
 * start and end, no RRULE): what a cancel of one date carries.
 */
function addEvent(calendar: ICalCalendar, meeting: IcsMeeting, { hostname, attendee, occurrence }: EventOptions): void {
  if (!UID_PART.test(meeting.id) || !UID_PART.test(hostname)) throw new RangeError('Invalid meeting id or hostname for UID');
  if (!isValidTimeZone(meeting.timeZone)) throw new RangeError(`Invalid time zone: ${JSON.stringify(meeting.timeZone)}`);
  const joinUrl = checkedJoinUrl(meeting.joinUrl);

  // With a VTIMEZONE: DTSTART;TZID=…:local time. Without one (a zone the
  // library lacks): UTC times, still the right instants.
  const zone = vtimezone(meeting.timeZone);
  const at = (instant: Date) => (zone ? new TZDate(instant.getTime(), zone.tzid) : new Date(instant.getTime()));

  const description = cleanText(meeting.description).trim();
  const organizerName = singleLine(meeting.organizer.name ?? '').replace(/"/g, "'");
  const organizerEmail = singleLine(meeting.organizer.email).replace(/[\s"]/g, '');

  const start = occurrence ?? meeting.startsAt;
  const event = calendar.createEvent({
    id: `${meeting.id}@${hostname}`,
    sequence: sequenceOf(meeting),
    start: at(start),
    end: at(new Date(start.getTime() + (meeting.endsAt.getTime() - meeting.startsAt.getTime()))),
    timezone: zone?.tzid ?? null,
    summary: cleanText(meeting.title).trim(),
    description: `${description ? `${description}\n\n` : ''}Join: ${joinUrl}${meeting.joinNote ? `\n${cleanText(meeting.joinNote).trim()}` : ''}`,
    location: `Gatehouse: ${singleLine(meeting.roomName)}`,
    url: joinUrl,
    organizer: { name: organizerName || organizerEmail, email: organizerEmail },
    status: meeting.cancelled || occurrence ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    lastModified: meeting.updatedAt,
  });
  if (attendee) {
    const email = singleLine(attendee.email).replace(/[\s"]/g, '');
    const name = singleLine(attendee.name ?? '').replace(/"/g, "'");
    event.createAttendee({ email, name: name || null, rsvp: false });
  }
  if (occurrence) {
    event.recurrenceId(at(occurrence));
    return;
  }

  if (meeting.recurrence !== null && meeting.recurrence.trim() !== '') {
    const rule = meeting.recurrence.trim().replace(/^RRULE:/i, '');
    if (!isValidRRule(rule, meeting.timeZone)) throw new RangeError(`Invalid RRULE: ${JSON.stringify(meeting.recurrence)}`);
    const lines = [`RRULE:${rule}`];
    const excluded = [...new Set(meeting.cancelledOccurrences.map((d) => d.getTime()))].sort((a, b) => a - b);
    if (excluded.length > 0) {
      // Same form as DTSTART: local time with the event's TZID (or UTC).
      lines.push(
        zone
          ? `EXDATE;TZID=${zone.tzid}:${excluded.map((ms) => utcStamp(toFloatingWallTime(new Date(ms), meeting.timeZone)).slice(0, -1)).join(',')}`
          : `EXDATE:${excluded.map((ms) => utcStamp(new Date(ms))).join(',')}`,
      );
    }
    // A validated RRULE value plus our own EXDATE line, emitted verbatim.
    event.repeating(lines.join('\n'));
  }
}

/**
 * One meeting (or series) as a calendar file with one VEVENT: PUBLISH for a download, REQUEST for an
 * invitation or update mail, CANCEL when the whole meeting is off (it then says STATUS:CANCELLED).
 */
export function meetingToIcs(meeting: IcsMeeting, opts: IcsOptions): string {
  const calendar = newCalendar(opts.productName, opts.method);
  addEvent(calendar, opts.method === 'CANCEL' ? { ...meeting, cancelled: true } : meeting, opts);
  return calendar.toString();
}

/** METHOD:CANCEL for one date of a series: the calendar removes that date (RECURRENCE-ID) and keeps the rest. */
export function occurrenceCancelToIcs(meeting: IcsMeeting, occurrenceStart: Date, opts: Omit<IcsOptions, 'method'>): string {
  const calendar = newCalendar(opts.productName, 'CANCEL');
  addEvent(calendar, meeting, { ...opts, occurrence: occurrenceStart });
  return calendar.toString();
}

/** A personal subscription feed: many VEVENTs, a name, and an hourly refresh hint. */
export function calendarFeedToIcs(meetings: IcsMeeting[], opts: FeedOptions): string {
  const calendar = newCalendar(opts.productName);
  // ical-generator writes NAME/X-WR-CALNAME unescaped, so escape here.
  calendar.name(escape(singleLine(opts.name), false) || 'Gatehouse');
  calendar.ttl(FEED_REFRESH_SECONDS);
  for (const meeting of meetings) addEvent(calendar, meeting, { hostname: opts.hostname });
  return calendar.toString();
}
