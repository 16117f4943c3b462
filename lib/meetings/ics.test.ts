import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';

import { toGuestIcsMeeting, toIcsMeeting } from '@/lib/calendar/ics-input';
import { PERSONAL_LINK_WARNING } from '@/lib/mail/templates';
import { calendarFeedToIcs, meetingToIcs, occurrenceCancelToIcs, type IcsMeeting } from '@/lib/meetings/ics';
import { buildRRule, expandOccurrences } from '@/lib/meetings/recurrence';
import { zonedWallTimeToUtc } from '@/lib/time/zones';

const HOST = 'portal.example.org';

function meeting(overrides: Partial<IcsMeeting> = {}): IcsMeeting {
  const startsAt = zonedWallTimeToUtc('2026-03-16', '09:00', 'Europe/Berlin'); // Monday, CET
  return {
    id: 'mtg_123',
    title: 'Weekly sync',
    description: 'Agenda: status; blockers, plans',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    timeZone: 'Europe/Berlin',
    recurrence: buildRRule({ frequency: 'weekly', end: { kind: 'never' } }, startsAt, 'Europe/Berlin'),
    cancelledOccurrences: [],
    roomName: 'Blue room',
    joinUrl: 'https://portal.example.org/meetings/mtg_123',
    organizer: { name: 'Ada Lovelace', email: 'ada@example.org' },
    updatedAt: new Date('2026-03-01T10:00:00Z'),
    sequence: 1,
    ...overrides,
  };
}

/** Parses a calendar with ical.js, registering its VTIMEZONEs so TZIDs resolve. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const vevents = calendar.getAllSubcomponents('vevent');
  return { calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
}

/** The first `n` occurrence starts ical.js computes, as UTC ISO strings. */
function icalStarts(event: InstanceType<typeof ICAL.Event>, n: number): string[] {
  const iterator = event.iterator();
  const out: string[] = [];
  for (let next = iterator.next(); next && out.length < n; next = iterator.next()) out.push(next.toJSDate().toISOString());
  return out;
}

function ourStarts(m: IcsMeeting, n: number): string[] {
  return expandOccurrences(m, { from: m.startsAt, to: new Date(m.startsAt.getTime() + 5 * 366 * 86_400_000) })
    .filter((o) => !o.cancelled)
    .slice(0, n)
    .map((o) => o.startsAt.toISOString());
}

afterEach(() => ICAL.TimezoneService.reset());

test('a weekly DST-crossing series expands identically in ical.js and expandOccurrences', () => {
  const m = meeting();
  const { events, calendar } = parse(meetingToIcs(m, { hostname: HOST }));
  assert.equal(events.length, 1);
  const event = events[0]!;
  const expected = [
    '2026-03-16T08:00:00.000Z',
    '2026-03-23T08:00:00.000Z',
    '2026-03-30T07:00:00.000Z', // CEST
    '2026-04-06T07:00:00.000Z',
    '2026-04-13T07:00:00.000Z',
  ];
  assert.deepEqual(ourStarts(m, 5), expected);
  assert.deepEqual(icalStarts(event, 5), expected);
  // DTSTART carries the zone's TZID (not floating, not UTC) and the zone is defined in the file.
  assert.equal(event.startDate.zone.tzid, 'Europe/Berlin');
  assert.equal(event.startDate.toString(), '2026-03-16T09:00:00');
  assert.equal(event.endDate.toString(), '2026-03-16T09:30:00');
  assert.equal(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'), 'Europe/Berlin');
  assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
  assert.equal(event.component.getFirstPropertyValue('rrule')?.toString(), 'FREQ=WEEKLY;BYDAY=MO');
});

test('October and New York DST changes also agree with ical.js', () => {
  const berlin = meeting();
  const { events } = parse(meetingToIcs(berlin, { hostname: HOST }));
  const event = events[0]!;
  const fromOctober = icalStarts(event, 35).slice(30, 34);
  assert.deepEqual(fromOctober, ['2026-10-12T07:00:00.000Z', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z']);
  assert.deepEqual(ourStarts(berlin, 35).slice(30, 34), fromOctober);

  const nyStart = zonedWallTimeToUtc('2026-02-24', '18:30', 'America/New_York');
  const ny = meeting({
    startsAt: nyStart,
    endsAt: new Date(nyStart.getTime() + 3_600_000),
    timeZone: 'America/New_York',
    recurrence: buildRRule({ frequency: 'weekly', weekdays: ['TU', 'TH'], end: { kind: 'until', date: '2026-03-12' } }, nyStart, 'America/New_York'),
  });
  const nyEvent = parse(meetingToIcs(ny, { hostname: HOST })).events[0]!;
  const expected = [
    '2026-02-24T23:30:00.000Z',
    '2026-02-26T23:30:00.000Z',
    '2026-03-03T23:30:00.000Z',
    '2026-03-05T23:30:00.000Z',
    '2026-03-10T22:30:00.000Z', // EDT from 8 March
    '2026-03-12T22:30:00.000Z', // the UNTIL day is included
  ];
  assert.deepEqual(icalStarts(nyEvent, 10), expected);
  assert.deepEqual(ourStarts(ny, 10), expected);
});

test('EXDATE removes a cancelled occurrence', () => {
  const cancelled = new Date('2026-03-30T07:00:00Z');
  const m = meeting({ cancelledOccurrences: [cancelled] });
  const ics = meetingToIcs(m, { hostname: HOST });
  assert.match(ics, /\r\nEXDATE;TZID=Europe\/Berlin:20260330T090000\r\n/);
  const event = parse(ics).events[0]!;
  const expected = ['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-04-06T07:00:00.000Z', '2026-04-13T07:00:00.000Z', '2026-04-20T07:00:00.000Z'];
  assert.deepEqual(icalStarts(event, 5), expected);
  assert.deepEqual(ourStarts(m, 5), expected);
});

test('VEVENT properties: UID, URL, LOCATION, DESCRIPTION, ORGANIZER, SEQUENCE, STATUS', () => {
  const m = meeting({ recurrence: null });
  const { events, vevents } = parse(meetingToIcs(m, { hostname: HOST, productName: 'Gatehouse Portal' }));
  const event = events[0]!;
  const vevent = vevents[0]!;
  assert.equal(event.uid, `mtg_123@${HOST}`);
  assert.equal(vevent.getFirstPropertyValue('url'), m.joinUrl);
  assert.equal(event.location, 'Gatehouse: Blue room');
  assert.equal(event.summary, 'Weekly sync');
  assert.equal(event.description, `Agenda: status; blockers, plans\n\nJoin: ${m.joinUrl}`);
  assert.equal(event.organizer, 'mailto:ada@example.org');
  assert.equal(vevent.getFirstProperty('organizer')?.getParameter('cn'), 'Ada Lovelace');
  assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
  assert.equal(vevent.getFirstPropertyValue('rrule'), null);
  assert.equal(vevent.getFirstPropertyValue('exdate'), null);
  assert.equal(event.isRecurring(), false);
  assert.deepEqual(icalStarts(event, 3), ['2026-03-16T08:00:00.000Z']);

  assert.equal(event.sequence, 1, 'SEQUENCE is the meeting version');

  const cancelled = parse(meetingToIcs({ ...m, cancelled: true }, { hostname: HOST })).vevents[0]!;
  assert.equal(cancelled.getFirstPropertyValue('status'), 'CANCELLED');
});

test('a guest entry links to their own invite page with the warning; an employee entry to the meeting page', () => {
  const stored = {
    id: 'mtg_123',
    title: 'Customer workshop',
    description: 'Bring questions',
    startsAt: new Date('2026-03-16T08:00:00Z'),
    endsAt: new Date('2026-03-16T09:00:00Z'),
    timeZone: 'Europe/Berlin',
    recurrence: null,
    cancelledAt: null,
    cancelledOccurrences: [],
    updatedAt: new Date('2026-03-01T10:00:00Z'),
    version: 3,
    room: { name: 'Blue room' },
    organizer: { name: 'Ada Lovelace', email: 'ada@example.org' },
  };
  const inviteUrl = `https://${HOST}/invite/Tq3vX9_personal-token-of-43-characters-abcd`;
  const sent = new Date('2026-03-02T09:00:00Z');
  const guest = parse(meetingToIcs(toGuestIcsMeeting(stored, inviteUrl, sent), { hostname: HOST }));
  assert.equal(guest.vevents[0]!.getFirstPropertyValue('url'), inviteUrl);
  assert.equal(guest.events[0]!.description, `Bring questions\n\nJoin: ${inviteUrl}\n${PERSONAL_LINK_WARNING}`);
  assert.match(PERSONAL_LINK_WARNING, /do not forward/);
  const guestIcs = meetingToIcs(toGuestIcsMeeting(stored, inviteUrl, sent), { hostname: HOST });
  assert.doesNotMatch(guestIcs.replace(/\r\n[ \t]/g, ''), /\/meetings\//, 'no staff page anywhere in a guest entry');

  const employee = parse(meetingToIcs(toIcsMeeting(stored, `https://${HOST}`), { hostname: HOST }));
  assert.equal(employee.vevents[0]!.getFirstPropertyValue('url'), `https://${HOST}/meetings/mtg_123`);
  assert.equal(employee.events[0]!.description, `Bring questions\n\nJoin: https://${HOST}/meetings/mtg_123`);
  assert.equal(employee.events[0]!.uid, guest.events[0]!.uid, 'the same meeting is the same calendar event');

  // A re-sent invitation has a new link (the old one stops working): its entry must replace the old one.
  const resent = parse(meetingToIcs(toGuestIcsMeeting(stored, `${inviteUrl}x`, new Date(sent.getTime() + 60_000)), { hostname: HOST }));
  // Same SEQUENCE (the meeting did not change), newer DTSTAMP/LAST-MODIFIED: RFC 5546 treats it as the newer entry.
  assert.equal(resent.events[0]!.sequence, 3);
  assert.equal(guest.events[0]!.sequence, employee.events[0]!.sequence);
  const modified = (p: ReturnType<typeof parse>) => (p.vevents[0]!.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().getTime();
  assert.ok(modified(resent) > modified(guest), 'a newer link is a newer entry');
  assert.ok(modified(guest) > modified(employee), 'the link issued after the last edit counts');
});

test('user text cannot inject iCalendar properties', () => {
  const m = meeting({
    title: 'Sync\r\nATTENDEE:mailto:evil@x',
    description: 'Hi\nEND:VEVENT\r\nBEGIN:VEVENT\rUID:evil',
    roomName: 'Blue\r\nORGANIZER:mailto:evil@x',
    organizer: { name: 'Eve"\r\nATTENDEE:mailto:evil@x', email: 'eve@example.org' },
  });
  const ics = meetingToIcs(m, { hostname: HOST });
  assert.doesNotMatch(ics, /\r\nATTENDEE/);
  assert.doesNotMatch(ics, /\r\nUID:evil/);
  assert.equal((ics.match(/\r\nBEGIN:VEVENT\r\n/g) ?? []).length, 1);
  const { vevents, events } = parse(ics);
  assert.equal(vevents.length, 1);
  const vevent = vevents[0]!;
  assert.equal(vevent.getAllProperties('attendee').length, 0);
  assert.equal(vevent.getAllProperties('organizer').length, 1);
  assert.equal(vevent.getAllProperties('uid').length, 1);
  // The text survives as text.
  assert.equal(events[0]!.summary, 'Sync\nATTENDEE:mailto:evil@x');
  assert.equal(events[0]!.description, `Hi\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\n\nJoin: ${m.joinUrl}`);
  assert.equal(events[0]!.location, 'Gatehouse: Blue ORGANIZER:mailto:evil@x');
});

test('the join URL is checked: absolute http(s), no credentials', () => {
  assert.throws(() => meetingToIcs(meeting({ joinUrl: '/meetings/mtg_123' }), { hostname: HOST }), RangeError);
  assert.throws(() => meetingToIcs(meeting({ joinUrl: 'javascript:alert(1)' }), { hostname: HOST }), RangeError);
  assert.throws(() => meetingToIcs(meeting({ joinUrl: 'https://meet.example.org/room?jwt=eyJ' }), { hostname: HOST }), RangeError);
  assert.throws(() => meetingToIcs(meeting({ id: 'a\r\nb' }), { hostname: HOST }), RangeError);
  assert.throws(() => meetingToIcs(meeting({ recurrence: 'FREQ=DAILY\r\nATTENDEE:x' }), { hostname: HOST }), RangeError);
});

test('output does not depend on the server time zone', () => {
  const m = meeting({ cancelledOccurrences: [new Date('2026-03-30T07:00:00Z')] });
  const strip = (ics: string) => ics.replace(/\r\nDTSTAMP:[^\r]*/g, '');
  const previous = process.env.TZ;
  const reference = strip(meetingToIcs(m, { hostname: HOST }));
  try {
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
      process.env.TZ = tz;
      assert.equal(strip(meetingToIcs(m, { hostname: HOST })), reference, tz);
    }
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
  assert.match(reference, /\r\nDTSTART;TZID=Europe\/Berlin:20260316T090000\r\n/);
});

test('subscription feed: many events, one VTIMEZONE per zone, name and hourly refresh', () => {
  const tokyoStart = zonedWallTimeToUtc('2026-04-01', '10:00', 'Asia/Tokyo');
  const meetings = [
    meeting(),
    meeting({ id: 'mtg_2', recurrence: null, title: 'One-off' }),
    meeting({ id: 'mtg_3', startsAt: tokyoStart, endsAt: new Date(tokyoStart.getTime() + 3_600_000), timeZone: 'Asia/Tokyo', recurrence: null }),
    meeting({ id: 'mtg_4', timeZone: 'US/Eastern', recurrence: null, cancelled: true }),
  ];
  const ics = calendarFeedToIcs(meetings, { name: 'Ada’s meetings\r\nX-EVIL:1', hostname: HOST });
  assert.match(ics, /\r\nX-WR-CALNAME:Ada’s meetings X-EVIL:1\r\n/);
  assert.doesNotMatch(ics, /\r\nX-EVIL/);
  assert.match(ics, /\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n/);
  assert.match(ics, /\r\nX-PUBLISHED-TTL:PT1H\r\n/);

  const { calendar, events } = parse(ics);
  assert.deepEqual(
    calendar.getAllSubcomponents('vtimezone').map((v) => v.getFirstPropertyValue('tzid')),
    ['Europe/Berlin', 'Asia/Tokyo', 'America/New_York'],
  );
  assert.deepEqual(events.map((e) => e.uid), meetings.map((m) => `${m.id}@${HOST}`));
  // The alias zone is written with the TZID of the VTIMEZONE that defines it.
  assert.equal(events[3]!.startDate.zone.tzid, 'America/New_York');
  assert.equal(events[3]!.startDate.toJSDate().toISOString(), meetings[3]!.startsAt.toISOString());
  assert.equal(events[2]!.startDate.toJSDate().toISOString(), '2026-04-01T01:00:00.000Z');
  assert.equal(events[2]!.startDate.toString(), '2026-04-01T10:00:00');
  assert.deepEqual(icalStarts(events[0]!, 3), ourStarts(meetings[0]!, 3));
  assert.equal(calendarFeedToIcs([], { name: 'Empty', hostname: HOST }).includes('BEGIN:VEVENT'), false);
});

test('invitation and update mails: METHOD:REQUEST, the same UID, SEQUENCE = version, the recipient as ATTENDEE', () => {
  const m = meeting({ recurrence: null, sequence: 4 });
  const attendee = { email: 'guest@example.com', name: 'Grace Hopper' };
  const first = parse(meetingToIcs(m, { hostname: HOST, method: 'REQUEST', attendee }));
  assert.equal(first.calendar.getFirstPropertyValue('method'), 'REQUEST');
  const moved = { ...m, startsAt: new Date(m.startsAt.getTime() + 25 * 3600_000), endsAt: new Date(m.endsAt.getTime() + 25 * 3600_000), sequence: 5 };
  const update = parse(meetingToIcs(moved, { hostname: HOST, method: 'REQUEST', attendee }));
  const [a, b] = [first.events[0]!, update.events[0]!];
  assert.equal(b.uid, a.uid, 'the update names the same event, so calendars change it instead of adding one');
  assert.equal(a.sequence, 4);
  assert.equal(b.sequence, 5);
  assert.equal(b.startDate.toJSDate().toISOString(), moved.startsAt.toISOString());
  assert.equal(b.endDate.toJSDate().toISOString(), moved.endsAt.toISOString());
  assert.equal(b.startDate.zone?.tzid, 'Europe/Berlin');
  const attendeeProp = update.vevents[0]!.getFirstProperty('attendee')!;
  assert.equal(String(attendeeProp.getFirstValue()).toLowerCase(), 'mailto:guest@example.com');
  assert.equal(attendeeProp.getParameter('cn'), 'Grace Hopper');
  assert.equal(update.vevents[0]!.getFirstPropertyValue('status'), 'CONFIRMED');
  assert.equal(b.organizer, 'mailto:ada@example.org');
});

test('a cancelled meeting: METHOD:CANCEL, STATUS:CANCELLED, same UID, the cancelling version as SEQUENCE', () => {
  const m = meeting({ sequence: 6 });
  const { calendar, events, vevents } = parse(meetingToIcs(m, { hostname: HOST, method: 'CANCEL', attendee: { email: 'b@example.com', name: null } }));
  assert.equal(calendar.getFirstPropertyValue('method'), 'CANCEL');
  assert.equal(events.length, 1);
  assert.equal(events[0]!.uid, `mtg_123@${HOST}`);
  assert.equal(events[0]!.sequence, 6);
  assert.equal(vevents[0]!.getFirstPropertyValue('status'), 'CANCELLED');
  assert.equal(vevents[0]!.getFirstPropertyValue('recurrence-id'), null, 'the whole series, not one date');
});

test('one cancelled date of a series: METHOD:CANCEL with that RECURRENCE-ID only', () => {
  const m = meeting({ sequence: 2 });
  const date = expandOccurrences(m, { from: m.startsAt, to: new Date(m.startsAt.getTime() + 40 * 86_400_000) })[3]!.startsAt; // after the DST change
  const ics = occurrenceCancelToIcs(m, date, { hostname: HOST, attendee: { email: 'c@example.com', name: 'C' } });
  const { calendar, events, vevents } = parse(ics);
  assert.equal(calendar.getFirstPropertyValue('method'), 'CANCEL');
  assert.equal(events.length, 1);
  const event = events[0]!;
  assert.equal(event.uid, `mtg_123@${HOST}`);
  assert.equal(event.sequence, 2);
  assert.equal(event.recurrenceId.toJSDate().toISOString(), date.toISOString());
  assert.equal(event.recurrenceId.zone?.tzid, 'Europe/Berlin', 'RECURRENCE-ID in the same form as DTSTART');
  assert.equal(event.startDate.toJSDate().toISOString(), date.toISOString());
  assert.equal(event.endDate.toJSDate().getTime() - date.getTime(), 30 * 60_000);
  assert.equal(vevents[0]!.getFirstPropertyValue('rrule'), null, 'it cancels one date, it does not redefine the series');
  assert.equal(vevents[0]!.getFirstPropertyValue('status'), 'CANCELLED');
  assert.match(ics, /\r\nRECURRENCE-ID;TZID=Europe\/Berlin:20260406T090000\r\n/);
});
