import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  buildRRule,
  describeRecurrence,
  expandOccurrences,
  isValidRRule,
  MAX_OCCURRENCES_PER_CALL,
  MAX_SCANNED_OCCURRENCES,
  MAX_SERIES_SPAN_MS,
  nextOccurrence,
  parseRRule,
  seriesEnd,
  weekdayOfDate,
  type RecurrenceInput,
  type RecurringSeries,
} from '@/lib/meetings/recurrence';
import { zonedWallTimeToUtc } from '@/lib/time/zones';

const HOUR = 3_600_000;
const starts = (list: { startsAt: Date }[]) => list.map((o) => o.startsAt.toISOString());

/** A series whose first meeting is `date time` in `zone`, lasting `minutes`. */
function series(date: string, time: string, zone: string, recurrence: RecurrenceInput | string | null, minutes = 60): RecurringSeries {
  const startsAt = zonedWallTimeToUtc(date, time, zone);
  const rule = typeof recurrence === 'string' || recurrence === null ? recurrence : buildRRule(recurrence, startsAt, zone);
  return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), timeZone: zone, recurrence: rule };
}

const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

test('weekly 09:00 Europe/Berlin stays at 09:00 local across the March DST change', () => {
  const s = series('2026-03-16', '09:00', 'Europe/Berlin', { frequency: 'weekly', end: { kind: 'never' } });
  assert.equal(s.recurrence, 'FREQ=WEEKLY;BYDAY=MO');
  const occurrences = expandOccurrences(s, range('2026-03-01T00:00:00Z', '2026-04-14T00:00:00Z'));
  assert.deepEqual(starts(occurrences), [
    '2026-03-16T08:00:00.000Z', // CET
    '2026-03-23T08:00:00.000Z',
    '2026-03-30T07:00:00.000Z', // CEST from 29 March (last Sunday)
    '2026-04-06T07:00:00.000Z',
    '2026-04-13T07:00:00.000Z',
  ]);
  // Duration (1 h) is preserved and nothing is cancelled.
  for (const o of occurrences) {
    assert.equal(o.endsAt.getTime() - o.startsAt.getTime(), HOUR);
    assert.equal(o.cancelled, false);
  }
});

test('weekly 09:00 Europe/Berlin goes back to 08:00Z after the October change', () => {
  const s = series('2026-03-16', '09:00', 'Europe/Berlin', { frequency: 'weekly', end: { kind: 'never' } });
  assert.deepEqual(starts(expandOccurrences(s, range('2026-10-12T00:00:00Z', '2026-11-03T00:00:00Z'))), [
    '2026-10-12T07:00:00.000Z',
    '2026-10-19T07:00:00.000Z',
    '2026-10-26T08:00:00.000Z', // CET again from 25 October
    '2026-11-02T08:00:00.000Z',
  ]);
});

test('weekly America/New_York meeting follows the second-Sunday-of-March change', () => {
  const s = series('2026-02-26', '10:00', 'America/New_York', { frequency: 'weekly', end: { kind: 'count', count: 4 } });
  assert.equal(s.recurrence, 'FREQ=WEEKLY;BYDAY=TH;COUNT=4');
  assert.deepEqual(starts(expandOccurrences(s, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))), [
    '2026-02-26T15:00:00.000Z', // EST
    '2026-03-05T15:00:00.000Z',
    '2026-03-12T14:00:00.000Z', // EDT from 8 March
    '2026-03-19T14:00:00.000Z',
  ]);
});

test('results do not depend on the server time zone', () => {
  const previous = process.env.TZ;
  const s = series('2026-03-16', '09:00', 'Europe/Berlin', { frequency: 'weekly', weekdays: ['MO', 'TH'], end: { kind: 'never' } });
  const expected = starts(expandOccurrences(s, range('2026-03-20T00:00:00Z', '2026-04-05T00:00:00Z')));
  try {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kathmandu', 'Europe/Berlin']) {
      process.env.TZ = tz;
      assert.deepEqual(starts(expandOccurrences(s, range('2026-03-20T00:00:00Z', '2026-04-05T00:00:00Z'))), expected, tz);
    }
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
  assert.deepEqual(expected, [
    '2026-03-23T08:00:00.000Z',
    '2026-03-26T08:00:00.000Z',
    '2026-03-30T07:00:00.000Z',
    '2026-04-02T07:00:00.000Z',
  ]);
});

test('an occurrence in a DST gap moves forward by the gap; an overlap takes the earlier instant', () => {
  const gap = series('2026-03-27', '02:30', 'Europe/Berlin', { frequency: 'daily', end: { kind: 'count', count: 4 } });
  assert.deepEqual(starts(expandOccurrences(gap, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'))), [
    '2026-03-27T01:30:00.000Z',
    '2026-03-28T01:30:00.000Z',
    '2026-03-29T01:30:00.000Z', // 02:30 does not exist → 03:30 CEST
    '2026-03-30T00:30:00.000Z', // 02:30 CEST
  ]);
  const overlap = series('2026-10-24', '02:30', 'Europe/Berlin', { frequency: 'daily', end: { kind: 'count', count: 3 } });
  assert.deepEqual(starts(expandOccurrences(overlap, range('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'))), [
    '2026-10-24T00:30:00.000Z', // CEST
    '2026-10-25T00:30:00.000Z', // 02:30 happens twice: the first (CEST) one
    '2026-10-26T01:30:00.000Z', // CET
  ]);
});

test('daily with COUNT', () => {
  const s = series('2026-05-04', '08:15', 'Europe/London', { frequency: 'daily', end: { kind: 'count', count: 5 } }, 30);
  assert.equal(s.recurrence, 'FREQ=DAILY;COUNT=5');
  const all = expandOccurrences(s, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
  assert.deepEqual(starts(all), [
    '2026-05-04T07:15:00.000Z',
    '2026-05-05T07:15:00.000Z',
    '2026-05-06T07:15:00.000Z',
    '2026-05-07T07:15:00.000Z',
    '2026-05-08T07:15:00.000Z',
  ]);
  assert.equal(seriesEnd(s)?.toISOString(), '2026-05-08T07:45:00.000Z');
});

test('weekly MO,WE,FR with UNTIL includes the last day in a zone ahead of UTC', () => {
  // Asia/Tokyo is UTC+9: the last day ends at 14:59:59Z.
  const s = series('2026-04-20', '09:00', 'Asia/Tokyo', {
    frequency: 'weekly',
    weekdays: ['FR', 'MO', 'WE'],
    end: { kind: 'until', date: '2026-05-01' },
  });
  assert.equal(s.recurrence, 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260501T145959Z');
  assert.deepEqual(starts(expandOccurrences(s, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))), [
    '2026-04-20T00:00:00.000Z',
    '2026-04-22T00:00:00.000Z',
    '2026-04-24T00:00:00.000Z',
    '2026-04-27T00:00:00.000Z',
    '2026-04-29T00:00:00.000Z',
    '2026-05-01T00:00:00.000Z', // Friday 1 May 09:00 JST, the UNTIL day: included
  ]);
  assert.equal(seriesEnd(s)?.toISOString(), '2026-05-01T01:00:00.000Z');
  // A 23:30 daily meeting in Tokyo: the last day's occurrence is at 14:30Z, still before UNTIL.
  const late = series('2026-04-29', '23:30', 'Asia/Tokyo', { frequency: 'daily', end: { kind: 'until', date: '2026-05-01' } }, 15);
  assert.deepEqual(starts(expandOccurrences(late, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))), [
    '2026-04-29T14:30:00.000Z',
    '2026-04-30T14:30:00.000Z',
    '2026-05-01T14:30:00.000Z',
  ]);
});

test('weekly MO,WE,FR with UNTIL includes the last day in a zone behind UTC', () => {
  // America/New_York is UTC-4 in May: the last day ends at 03:59:59Z the next UTC day.
  const s = series('2026-04-27', '21:00', 'America/New_York', {
    frequency: 'weekly',
    weekdays: ['MO', 'WE', 'FR'],
    end: { kind: 'until', date: '2026-05-01' },
  });
  assert.equal(s.recurrence, 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260502T035959Z');
  assert.deepEqual(starts(expandOccurrences(s, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))), [
    '2026-04-28T01:00:00.000Z',
    '2026-04-30T01:00:00.000Z',
    '2026-05-02T01:00:00.000Z', // Friday 1 May 21:00 EDT, the UNTIL day: included
  ]);
  const morning = series('2026-04-27', '09:00', 'America/New_York', {
    frequency: 'weekly',
    weekdays: ['MO', 'WE', 'FR'],
    end: { kind: 'until', date: '2026-05-01' },
  });
  assert.deepEqual(starts(expandOccurrences(morning, range('2026-04-30T00:00:00Z', '2027-01-01T00:00:00Z'))), [
    '2026-05-01T13:00:00.000Z',
  ]);
  assert.equal(seriesEnd(morning)?.toISOString(), '2026-05-01T14:00:00.000Z');
});

test('monthly on the 31st skips months without a 31st (RFC 5545)', () => {
  const s = series('2026-01-31', '10:00', 'Europe/Berlin', { frequency: 'monthly', end: { kind: 'count', count: 6 } });
  assert.equal(s.recurrence, 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=6');
  const all = starts(expandOccurrences(s, range('2026-01-01T00:00:00Z', '2027-06-01T00:00:00Z')));
  assert.deepEqual(all, [
    '2026-01-31T09:00:00.000Z',
    '2026-03-31T08:00:00.000Z', // no 28 February, no 30/31 shuffling; CEST
    '2026-05-31T08:00:00.000Z', // April skipped
    '2026-07-31T08:00:00.000Z', // June skipped
    '2026-08-31T08:00:00.000Z',
    '2026-10-31T09:00:00.000Z', // September skipped; CET again
  ]);
  for (const month of ['2026-02', '2026-04', '2026-06', '2026-09']) {
    assert.ok(!all.some((d) => d.startsWith(month)), `${month} must be skipped`);
  }
  assert.equal(describeRecurrence(s.recurrence, 'Europe/Berlin'), 'Monthly on day 31, 6 times');
});

test('interval 2: every other week and every other day', () => {
  const weekly = series('2026-03-06', '14:00', 'Europe/Berlin', { frequency: 'weekly', interval: 2, end: { kind: 'count', count: 4 } });
  assert.equal(weekly.recurrence, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=4');
  assert.deepEqual(starts(expandOccurrences(weekly, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))), [
    '2026-03-06T13:00:00.000Z',
    '2026-03-20T13:00:00.000Z',
    '2026-04-03T12:00:00.000Z',
    '2026-04-17T12:00:00.000Z',
  ]);
  const daily = series('2026-03-28', '09:00', 'Europe/Berlin', { frequency: 'daily', interval: 2, end: { kind: 'never' } });
  assert.equal(daily.recurrence, 'FREQ=DAILY;INTERVAL=2');
  assert.deepEqual(starts(expandOccurrences(daily, range('2026-03-28T00:00:00Z', '2026-04-03T00:00:00Z'))), [
    '2026-03-28T08:00:00.000Z',
    '2026-03-30T07:00:00.000Z',
    '2026-04-01T07:00:00.000Z',
  ]);
});

test('cancelled occurrences are marked, skipped by nextOccurrence, and matched on the exact instant', () => {
  const base = series('2026-03-16', '09:00', 'Europe/Berlin', { frequency: 'weekly', end: { kind: 'never' } });
  const s: RecurringSeries = {
    ...base,
    cancelledOccurrences: [
      new Date('2026-03-30T07:00:00Z'), // the real 30 March occurrence (CEST)
      new Date('2026-04-06T08:00:00Z'), // 10:00 CEST: not an occurrence, matches nothing
    ],
  };
  const occurrences = expandOccurrences(s, range('2026-03-20T00:00:00Z', '2026-04-10T00:00:00Z'));
  assert.deepEqual(
    occurrences.map((o) => [o.startsAt.toISOString(), o.cancelled]),
    [
      ['2026-03-23T08:00:00.000Z', false],
      ['2026-03-30T07:00:00.000Z', true],
      ['2026-04-06T07:00:00.000Z', false],
    ],
  );
  const next = nextOccurrence(s, new Date('2026-03-23T09:30:00Z'));
  assert.equal(next?.startsAt.toISOString(), '2026-04-06T07:00:00.000Z');
  assert.equal(next?.cancelled, false);
});

test('range queries starting mid-series, mid-occurrence, and half-open ends', () => {
  const s = series('2026-01-05', '09:00', 'Europe/Berlin', { frequency: 'weekly', weekdays: ['MO', 'WE', 'FR'], end: { kind: 'never' } }, 90);
  // From inside Wednesday 10 June's occurrence (07:00Z–08:30Z): it overlaps, so it is included.
  assert.deepEqual(starts(expandOccurrences(s, range('2026-06-10T08:00:00Z', '2026-06-15T07:00:00Z'))), [
    '2026-06-10T07:00:00.000Z',
    '2026-06-12T07:00:00.000Z',
  ]); // Monday 15 June starts exactly at `to`: excluded.
  // `from` exactly at an occurrence's end: excluded.
  assert.deepEqual(starts(expandOccurrences(s, range('2026-06-10T08:30:00Z', '2026-06-13T00:00:00Z'))), ['2026-06-12T07:00:00.000Z']);
  // Before the series begins.
  assert.deepEqual(starts(expandOccurrences(s, range('2025-12-01T00:00:00Z', '2026-01-08T00:00:00Z'))), [
    '2026-01-05T08:00:00.000Z',
    '2026-01-07T08:00:00.000Z',
  ]);
  assert.deepEqual(expandOccurrences(s, range('2026-06-10T00:00:00Z', '2026-06-10T00:00:00Z')), []);
});

test('a single meeting is one occurrence', () => {
  const s = series('2026-03-29', '10:00', 'Europe/Berlin', null, 45);
  assert.deepEqual(
    expandOccurrences(s, range('2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z')).map((o) => [o.startsAt.toISOString(), o.endsAt.toISOString()]),
    [['2026-03-29T08:00:00.000Z', '2026-03-29T08:45:00.000Z']],
  );
  assert.deepEqual(expandOccurrences(s, range('2026-03-29T08:45:00Z', '2026-03-30T00:00:00Z')), []);
  assert.equal(seriesEnd(s)?.toISOString(), '2026-03-29T08:45:00.000Z');
  assert.equal(nextOccurrence(s, new Date('2026-03-29T08:30:00Z'))?.startsAt.toISOString(), '2026-03-29T08:00:00.000Z');
  assert.equal(nextOccurrence(s, new Date('2026-03-29T08:45:00Z')), null);
  assert.equal(nextOccurrence({ ...s, cancelledOccurrences: [s.startsAt] }, new Date('2026-03-01T00:00:00Z')), null);
});

test('runaway expansion is capped', () => {
  const s = series('2026-01-01', '09:00', 'Europe/Berlin', 'FREQ=DAILY');
  const all = expandOccurrences(s, range('2026-01-01T00:00:00Z', '2100-01-01T00:00:00Z'));
  assert.equal(all.length, MAX_OCCURRENCES_PER_CALL);
  assert.equal(all[0]?.startsAt.toISOString(), '2026-01-01T08:00:00.000Z');
  // Day 1000 is 26 September 2028 (CEST).
  assert.equal(all.at(-1)?.startsAt.toISOString(), '2028-09-26T07:00:00.000Z');
  // Nothing is visited more than the span cap after the first start, whatever the caller asks.
  const past = new Date(s.startsAt.getTime() + MAX_SERIES_SPAN_MS + 86_400_000);
  assert.equal(nextOccurrence(s, past), null);
  assert.deepEqual(expandOccurrences(s, { from: past, to: new Date('2100-01-01T00:00:00Z') }), []);
});

test('the worst stored rules stop at the caps instead of running for seconds', () => {
  // The probes of issue 13: daily from 1900, "until 2999", and endless. Before the caps each of these
  // iterated hundreds of thousands of days on the server's only thread.
  const started = Date.now();
  const from1900 = series('1900-01-01', '09:00', 'Europe/Berlin', 'FREQ=DAILY;UNTIL=29991231T225959Z');
  const end = seriesEnd(from1900);
  assert.ok(end && end.getTime() <= from1900.startsAt.getTime() + MAX_SERIES_SPAN_MS + 86_400_000, `capped end, got ${end?.toISOString()}`);
  // Nothing is visited more than the span cap after its first start: nothing today.
  assert.equal(nextOccurrence(from1900, new Date('2026-12-02T00:00:00Z')), null);
  assert.deepEqual(expandOccurrences(series('1900-01-01', '09:00', 'UTC', 'FREQ=DAILY'), range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')), []);
  const lastScanned = expandOccurrences(series('2026-01-01', '09:00', 'UTC', 'FREQ=DAILY;UNTIL=29991231T000000Z'), range('2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z'));
  assert.equal(lastScanned.length, MAX_OCCURRENCES_PER_CALL);
  // A rule finer than daily is refused before anything is expanded.
  assert.equal(isValidRRule('FREQ=SECONDLY', 'UTC'), false);
  assert.throws(() => expandOccurrences(series('2026-01-01', '09:00', 'UTC', 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30'), range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')), RangeError);
  // So is a hand-written rule that never matches (rrule would search up to the year 9999 for it).
  assert.throws(() => nextOccurrence(series('2026-01-01', '09:00', 'UTC', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'), new Date('2026-01-01T00:00:00Z')), RangeError);
  // Generous: all of the above took over a minute before the caps; now well under a second.
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});

test('a walk toward a late date starts near it and finds exactly the occurrences a walk from the start finds', () => {
  const rules: [string, string, string, RecurrenceInput][] = [
    ['2026-01-01', '09:00', 'Europe/Berlin', { frequency: 'daily', end: { kind: 'never' } }],
    ['2026-01-02', '23:30', 'America/New_York', { frequency: 'daily', interval: 3, end: { kind: 'until', date: '2029-06-30' } }],
    ['2026-03-04', '02:30', 'Europe/Berlin', { frequency: 'weekly', weekdays: ['MO', 'WE', 'FR'], end: { kind: 'never' } }],
    ['2026-01-07', '10:00', 'Australia/Lord_Howe', { frequency: 'weekly', interval: 2, weekdays: ['TU', 'WE', 'SU'], end: { kind: 'never' } }],
    ['2026-01-31', '09:00', 'Europe/Berlin', { frequency: 'monthly', end: { kind: 'never' } }],
    ['2026-01-31', '18:00', 'Pacific/Apia', { frequency: 'monthly', interval: 2, end: { kind: 'until', date: '2036-01-01' } }],
    ['2026-03-30', '00:15', 'America/Sao_Paulo', { frequency: 'monthly', interval: 5, end: { kind: 'never' } }],
    ['2026-01-05', '08:00', 'Europe/London', { frequency: 'weekly', end: { kind: 'count', count: 300 } }],
  ];
  for (const [date, time, zone, input] of rules) {
    const s = series(date, time, zone, input, 90);
    const all = expandOccurrences(s, { from: s.startsAt, to: new Date(s.startsAt.getTime() + 10 * 366 * 86_400_000) });
    const last = all.at(-1)!.startsAt.getTime();
    s.cancelledOccurrences = all.filter((_, i) => i % 7 === 3).map((o) => o.startsAt);
    for (const fraction of [0.3, 0.5, 0.77, 0.95]) {
      const from = new Date(s.startsAt.getTime() + (last - s.startsAt.getTime()) * fraction);
      const to = new Date(from.getTime() + 40 * 86_400_000);
      const expected = all.filter((o) => o.endsAt > from && o.startsAt < to).map((o) => o.startsAt.toISOString());
      const label = `${s.recurrence} in ${zone} from ${from.toISOString()}`;
      assert.deepEqual(starts(expandOccurrences(s, { from, to })), expected, label);
      const next = all.find((o) => o.endsAt > from && !s.cancelledOccurrences!.some((c) => c.getTime() === o.startsAt.getTime()));
      assert.equal(nextOccurrence(s, from)?.startsAt.toISOString(), next?.startsAt.toISOString(), label);
    }
  }
});

test('a dashboard of 200 of the largest series, late in their lives, is expanded quickly', () => {
  // Each call walks from just before the asked-for date, not from the first meeting ten years earlier:
  // without that, these 400 calls took over two minutes (5,000 candidates each).
  const s = series('2025-12-02', '09:00', 'Europe/Berlin', { frequency: 'daily', end: { kind: 'until', date: '2036-12-02' } });
  const now = new Date('2036-11-20T12:00:00Z');
  const started = Date.now();
  for (let i = 0; i < 200; i++) {
    assert.equal(expandOccurrences(s, { from: now, to: new Date(now.getTime() + 14 * 86_400_000) }).length, 12); // 21 Nov to 2 Dec, the last day
    assert.equal(nextOccurrence(s, now)?.startsAt.toISOString(), '2036-11-21T08:00:00.000Z');
  }
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});

test('the largest series the form accepts expands completely within the caps', () => {
  // Daily from one year back until ten years ahead: every occurrence is reachable.
  const s = series('2025-12-02', '09:00', 'Europe/Berlin', { frequency: 'daily', end: { kind: 'until', date: '2036-12-02' } });
  assert.equal(seriesEnd(s)?.toISOString(), '2036-12-02T09:00:00.000Z');
  assert.equal(nextOccurrence(s, new Date('2036-12-01T12:00:00Z'))?.startsAt.toISOString(), '2036-12-02T08:00:00.000Z');
  assert.ok((4019 + 1) * 1 <= MAX_SCANNED_OCCURRENCES);
});

test('seriesEnd and nextOccurrence', () => {
  const never = series('2026-03-16', '09:00', 'Europe/Berlin', { frequency: 'weekly', end: { kind: 'never' } });
  assert.equal(seriesEnd(never), null);
  const until = series('2026-03-16', '09:00', 'Europe/Berlin', { frequency: 'weekly', end: { kind: 'until', date: '2026-04-13' } });
  assert.equal(seriesEnd(until)?.toISOString(), '2026-04-13T08:00:00.000Z');
  const ended = nextOccurrence(until, new Date('2026-04-13T08:00:00Z'));
  assert.equal(ended, null);
  // An occurrence that is under way counts.
  assert.equal(nextOccurrence(until, new Date('2026-04-13T07:59:00Z'))?.startsAt.toISOString(), '2026-04-13T07:00:00.000Z');
  assert.equal(nextOccurrence(never, new Date('2030-01-01T00:00:00Z'))?.startsAt.toISOString(), '2030-01-07T08:00:00.000Z');
});

test('describeRecurrence wording', () => {
  const zone = 'Europe/Berlin';
  assert.equal(describeRecurrence(null, zone), 'Does not repeat');
  assert.equal(describeRecurrence('FREQ=DAILY', zone), 'Daily');
  assert.equal(describeRecurrence('FREQ=DAILY;INTERVAL=3', zone), 'Every 3 days');
  assert.equal(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', zone), 'Every weekday');
  assert.equal(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,WE', zone), 'Weekly on Monday and Wednesday');
  assert.equal(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,WE,FR', zone), 'Weekly on Monday, Wednesday and Friday');
  assert.equal(describeRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', zone), 'Every 2 weeks on Friday');
  assert.equal(describeRecurrence('FREQ=MONTHLY;BYMONTHDAY=15', zone), 'Monthly on day 15');
  assert.equal(describeRecurrence('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', zone), 'Every 3 months on day 1');
  assert.equal(
    describeRecurrence('FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260430T215959Z', zone),
    'Weekly on Monday and Wednesday until 30 Apr 2026',
  );
  // UNTIL is shown as the local last day of the meeting's zone.
  assert.equal(describeRecurrence('FREQ=DAILY;UNTIL=20260501T035959Z', 'America/New_York'), 'Daily until 30 Apr 2026');
  assert.equal(describeRecurrence('FREQ=DAILY;COUNT=10', zone), 'Daily, 10 times');
  assert.equal(describeRecurrence('FREQ=DAILY;COUNT=1', zone), 'Daily, once');
  assert.equal(describeRecurrence('FREQ=YEARLY;BYMONTH=2', zone), 'Repeats (custom rule)');
  assert.equal(describeRecurrence('nonsense', zone), 'Repeats (custom rule)');
});

test('buildRRule / parseRRule round-trip', () => {
  const zone = 'America/New_York';
  const first = zonedWallTimeToUtc('2026-03-02', '09:00', zone); // a Monday
  const inputs: RecurrenceInput[] = [
    { frequency: 'none', end: { kind: 'never' } },
    { frequency: 'daily', interval: 1, end: { kind: 'count', count: 10 } },
    { frequency: 'daily', interval: 3, end: { kind: 'never' } },
    { frequency: 'weekly', interval: 1, weekdays: ['MO', 'WE'], end: { kind: 'until', date: '2026-04-30' } },
    { frequency: 'weekly', interval: 2, weekdays: ['MO'], end: { kind: 'count', count: 500 } },
    { frequency: 'weekly', interval: 52, weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], end: { kind: 'never' } },
    { frequency: 'monthly', interval: 1, end: { kind: 'until', date: '2027-03-02' } },
  ];
  for (const input of inputs) {
    const rule = buildRRule(input, first, zone);
    const parsed = parseRRule(rule, first, zone);
    assert.deepEqual(parsed, input.frequency === 'none' ? { frequency: 'none', end: { kind: 'never' } } : input, String(rule));
    assert.equal(buildRRule(parsed, first, zone), rule);
  }
  assert.equal(buildRRule(inputs[3]!, first, zone), 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260501T035959Z');
  assert.equal(buildRRule({ frequency: 'none', end: { kind: 'never' } }, first, zone), null);
  // Defaults: interval 1 and the first start's weekday.
  assert.deepEqual(parseRRule(buildRRule({ frequency: 'weekly', end: { kind: 'never' } }, first, zone), first, zone), {
    frequency: 'weekly',
    interval: 1,
    weekdays: ['MO'],
    end: { kind: 'never' },
  });
  assert.deepEqual(parseRRule('RRULE:FREQ=WEEKLY', first, zone).weekdays, ['MO']);
  assert.throws(() => parseRRule('FREQ=YEARLY', first, zone), RangeError);
  assert.throws(() => parseRRule('FREQ=WEEKLY;BYDAY=1MO', first, zone), RangeError);
});

test('buildRRule validates its input', () => {
  const zone = 'Europe/Berlin';
  const monday = zonedWallTimeToUtc('2026-03-16', '09:00', zone);
  const weekly = (extra: Partial<RecurrenceInput>): RecurrenceInput => ({ frequency: 'weekly', end: { kind: 'never' }, ...extra });
  assert.throws(() => buildRRule(weekly({ weekdays: ['TU', 'WE'] }), monday, zone), /must be on one of the chosen weekdays/);
  assert.throws(() => buildRRule(weekly({ interval: 0 }), monday, zone), RangeError);
  assert.throws(() => buildRRule(weekly({ interval: 53 }), monday, zone), RangeError);
  assert.throws(() => buildRRule(weekly({ interval: 1.5 }), monday, zone), RangeError);
  assert.throws(() => buildRRule(weekly({ end: { kind: 'count', count: 0 } }), monday, zone), RangeError);
  assert.throws(() => buildRRule(weekly({ end: { kind: 'count', count: 501 } }), monday, zone), RangeError);
  assert.throws(() => buildRRule(weekly({ end: { kind: 'until', date: '2026-03-15' } }), monday, zone), /before its first meeting/);
  assert.throws(() => buildRRule(weekly({ end: { kind: 'until', date: '2026-02-30' } }), monday, zone), RangeError);
  assert.throws(() => buildRRule(weekly({}), monday, 'Local'), RangeError);
  // The UNTIL day may be the first day (a one-off series).
  assert.equal(buildRRule(weekly({ end: { kind: 'until', date: '2026-03-16' } }), monday, zone), 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260316T225959Z');
  // The last second of a 23-hour day (spring forward) is still 23:59:59 local.
  assert.equal(buildRRule({ frequency: 'daily', end: { kind: 'until', date: '2026-03-29' } }, monday, zone), 'FREQ=DAILY;UNTIL=20260329T215959Z');
  assert.equal(weekdayOfDate('2026-03-16'), 'MO');
  assert.equal(weekdayOfDate('2026-03-22'), 'SU');
});

test('invalid stored rules are rejected, not silently expanded', () => {
  assert.equal(isValidRRule('FREQ=WEEKLY;BYDAY=MO', 'UTC'), true);
  assert.equal(isValidRRule('RRULE:FREQ=DAILY;COUNT=3', 'UTC'), true);
  for (const bad of ['', 'FREQ=FORTNIGHTLY', 'FREQ=DAILY\r\nATTENDEE:mailto:x@y', 'DTSTART:20260101T000000Z', 'FREQ=DAILY;UNTIL=tomorrow']) {
    assert.equal(isValidRRule(bad, 'UTC'), false, JSON.stringify(bad));
  }
  const s = series('2026-03-16', '09:00', 'Europe/Berlin', 'FREQ=DAILY;BOGUS=1');
  assert.throws(() => expandOccurrences(s, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')), RangeError);
});
