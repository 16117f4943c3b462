import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  canonicalTimeZone,
  formatDateLabel,
  formatInZone,
  fromFloatingWallTime,
  isValidTimeZone,
  relativeStart,
  timeZoneOptions,
  toFloatingWallTime,
  utcToZonedParts,
  zonedWallTimeToUtc,
} from '@/lib/time/zones';

const iso = (d: Date) => d.toISOString();

test('isValidTimeZone accepts IANA names and rejects everything else', () => {
  for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires']) {
    assert.equal(isValidTimeZone(zone), true, zone);
  }
  for (const zone of ['', 'Local', 'local', 'garbage', 'Mars/Olympus_Mons', '+01:00', 'Europe/Berlin ', ' UTC', '../etc/passwd', 'Europe//Berlin']) {
    assert.equal(isValidTimeZone(zone), false, JSON.stringify(zone));
  }
  assert.equal(canonicalTimeZone('europe/berlin'), 'Europe/Berlin');
  assert.equal(canonicalTimeZone('Local'), null);
});

test('zonedWallTimeToUtc converts ordinary wall times on both sides of DST', () => {
  assert.equal(iso(zonedWallTimeToUtc('2026-03-23', '09:00', 'Europe/Berlin')), '2026-03-23T08:00:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-03-30', '09:00', 'Europe/Berlin')), '2026-03-30T07:00:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-03-05', '10:00', 'America/New_York')), '2026-03-05T15:00:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-03-12', '10:00', 'America/New_York')), '2026-03-12T14:00:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-07-01', '00:00', 'Asia/Tokyo')), '2026-06-30T15:00:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-07-01', '12:00', 'Asia/Kolkata')), '2026-07-01T06:30:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-07-01', '12:00', 'UTC')), '2026-07-01T12:00:00.000Z');
});

test('zonedWallTimeToUtc moves a wall time in a DST gap forward by the gap', () => {
  // Europe/Berlin 2026-03-29: 02:00 CET → 03:00 CEST; 02:30 does not exist → 03:30 CEST.
  const berlin = zonedWallTimeToUtc('2026-03-29', '02:30', 'Europe/Berlin');
  assert.equal(iso(berlin), '2026-03-29T01:30:00.000Z');
  assert.equal(utcToZonedParts(berlin, 'Europe/Berlin').time, '03:30');
  assert.equal(iso(zonedWallTimeToUtc('2026-03-29', '02:00', 'Europe/Berlin')), '2026-03-29T01:00:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-03-29', '03:00', 'Europe/Berlin')), '2026-03-29T01:00:00.000Z');
  // America/New_York 2026-03-08: 02:00 EST → 03:00 EDT.
  assert.equal(iso(zonedWallTimeToUtc('2026-03-08', '02:30', 'America/New_York')), '2026-03-08T07:30:00.000Z');
});

test('zonedWallTimeToUtc picks the earlier instant of a DST overlap', () => {
  // Europe/Berlin 2026-10-25: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
  assert.equal(iso(zonedWallTimeToUtc('2026-10-25', '02:30', 'Europe/Berlin')), '2026-10-25T00:30:00.000Z');
  assert.equal(iso(zonedWallTimeToUtc('2026-10-25', '03:00', 'Europe/Berlin')), '2026-10-25T02:00:00.000Z');
  // America/New_York 2026-11-01: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
  assert.equal(iso(zonedWallTimeToUtc('2026-11-01', '01:30', 'America/New_York')), '2026-11-01T05:30:00.000Z');
});

test('zonedWallTimeToUtc rejects malformed input', () => {
  assert.throws(() => zonedWallTimeToUtc('2026-02-30', '09:00', 'UTC'), RangeError);
  assert.throws(() => zonedWallTimeToUtc('2026-2-3', '09:00', 'UTC'), RangeError);
  assert.throws(() => zonedWallTimeToUtc('2026-02-03', '24:00', 'UTC'), RangeError);
  assert.throws(() => zonedWallTimeToUtc('2026-02-03', '9:00', 'UTC'), RangeError);
  assert.throws(() => zonedWallTimeToUtc('2026-02-03', '09:00', 'Local'), RangeError);
  assert.equal(iso(zonedWallTimeToUtc('2028-02-29', '09:00', 'UTC')), '2028-02-29T09:00:00.000Z');
  assert.throws(() => zonedWallTimeToUtc('2026-02-29', '09:00', 'UTC'), RangeError);
});

test('utcToZonedParts gives the wall date, time and weekday (0 = Sunday)', () => {
  const instant = new Date('2026-03-20T23:30:00Z');
  assert.deepEqual(utcToZonedParts(instant, 'America/New_York'), { date: '2026-03-20', time: '19:30', weekday: 5 });
  assert.deepEqual(utcToZonedParts(instant, 'Asia/Tokyo'), { date: '2026-03-21', time: '08:30', weekday: 6 });
  assert.deepEqual(utcToZonedParts(instant, 'Europe/London'), { date: '2026-03-20', time: '23:30', weekday: 5 });
  assert.deepEqual(utcToZonedParts(new Date('2026-03-22T10:00:00Z'), 'UTC'), { date: '2026-03-22', time: '10:00', weekday: 0 });
  // Round trip with the form helper.
  const parts = utcToZonedParts(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin');
  assert.deepEqual(parts, { date: '2026-10-25', time: '02:30', weekday: 0 });
});

test('a meeting planned in New York shows the right local time and date in Tokyo and London', () => {
  const start = zonedWallTimeToUtc('2026-03-20', '19:30', 'America/New_York'); // EDT since 8 March
  assert.equal(iso(start), '2026-03-20T23:30:00.000Z');
  assert.equal(formatInZone(start, 'America/New_York', 'full'), 'Friday 20 March 2026, 19:30 EDT');
  assert.equal(formatInZone(start, 'Asia/Tokyo'), 'Sat 21 Mar, 08:30');
  assert.equal(formatInZone(start, 'Asia/Tokyo', 'full'), 'Saturday 21 March 2026, 08:30 GMT+9');
  assert.equal(formatInZone(start, 'Europe/London', 'short'), 'Fri 20 Mar, 23:30');
  assert.equal(formatInZone(start, 'Europe/London', 'full'), 'Friday 20 March 2026, 23:30 GMT');
  assert.equal(formatInZone(start, 'Europe/London', 'time'), '23:30');
  // A week later London is on BST and the date rolls over there too.
  const later = zonedWallTimeToUtc('2026-03-31', '20:30', 'America/New_York');
  assert.equal(formatInZone(later, 'Europe/London', 'full'), 'Wednesday 1 April 2026, 01:30 BST');
});

test('formatInZone styles', () => {
  const instant = new Date('2026-03-30T07:00:00Z');
  assert.equal(formatInZone(instant, 'Europe/Berlin'), 'Mon 30 Mar, 09:00');
  assert.equal(formatInZone(instant, 'Europe/Berlin', 'short'), 'Mon 30 Mar, 09:00');
  assert.equal(formatInZone(instant, 'Europe/Berlin', 'full'), 'Monday 30 March 2026, 09:00 CEST');
  assert.equal(formatInZone(instant, 'Europe/Berlin', 'time'), '09:00');
  assert.equal(formatInZone(new Date('2026-01-05T08:00:00Z'), 'Europe/Berlin', 'full'), 'Monday 5 January 2026, 09:00 CET');
  assert.equal(formatInZone(new Date('2026-09-01T12:00:00Z'), 'UTC', 'full'), 'Tuesday 1 September 2026, 12:00 UTC');
  assert.equal(formatInZone(new Date('2026-09-01T12:00:00Z'), 'UTC'), 'Tue 1 Sep, 12:00');
  assert.equal(formatDateLabel('2026-04-30'), '30 Apr 2026');
  assert.throws(() => formatInZone(new Date(Number.NaN), 'UTC'), RangeError);
});

test('relativeStart wording', () => {
  const now = new Date('2026-03-30T07:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  assert.equal(relativeStart(at(5), now), 'starts in 5 min');
  assert.equal(relativeStart(at(59), now), 'starts in 59 min');
  assert.equal(relativeStart(at(60), now), 'starts in 1 h');
  assert.equal(relativeStart(at(130), now), 'starts in 2 h 10 min');
  assert.equal(relativeStart(at(3 * 24 * 60), now), 'starts in 3 days');
  assert.equal(relativeStart(at(24 * 60), now), 'starts in 1 day');
  assert.equal(relativeStart(at(-3), now), 'started 3 min ago');
  assert.equal(relativeStart(at(-90), now), 'started 1 h 30 min ago');
  assert.equal(relativeStart(at(-2 * 24 * 60), now), 'started 2 days ago');
  assert.equal(relativeStart(new Date(now.getTime() + 20_000), now), 'starts now');
});

test('floating wall times round-trip and ignore the process time zone', () => {
  const previous = process.env.TZ;
  process.env.TZ = 'Pacific/Chatham';
  try {
    assert.equal(new Date('2026-01-01T00:00:00Z').getHours(), 13); // the local zone really changed (UTC+13:45)
    const instant = new Date('2026-03-29T01:30:00.250Z');
    const floating = toFloatingWallTime(instant, 'Europe/Berlin');
    assert.equal(iso(floating), '2026-03-29T03:30:00.250Z');
    assert.equal(iso(fromFloatingWallTime(floating, 'Europe/Berlin')), iso(instant));
    assert.equal(iso(zonedWallTimeToUtc('2026-03-29', '02:30', 'Europe/Berlin')), '2026-03-29T01:30:00.000Z');
    assert.equal(formatInZone(instant, 'Europe/Berlin', 'full'), 'Sunday 29 March 2026, 03:30 CEST');
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
});

test('timeZoneOptions offers UTC first, once, and keeps a stored zone the runtime list lacks', () => {
  const zones = timeZoneOptions('UTC');
  assert.equal(zones[0], 'UTC');
  assert.equal(zones.filter((z) => z === 'UTC').length, 1);
  assert.ok(zones.includes('Europe/Berlin'));
  assert.equal(new Set(zones).size, zones.length);
  assert.equal(timeZoneOptions('US/Eastern')[1], 'US/Eastern');
  assert.deepEqual(timeZoneOptions('Europe/Berlin'), zones);
  assert.deepEqual(timeZoneOptions('Mars/Olympus_Mons'), zones);
});
