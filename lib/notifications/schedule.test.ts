import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRRule } from '@/lib/meetings/recurrence';
import { zonedWallTimeToUtc } from '@/lib/time/zones';
import { describeChanges, dueReminder, type ReminderSeries } from '@/lib/notifications/schedule';

const MIN = 60_000;
const at = (date: string, time: string, zone = 'Europe/Berlin') => zonedWallTimeToUtc(date, time, zone);

function weekly(first: string, overrides: Partial<ReminderSeries> = {}): ReminderSeries {
  const startsAt = at(first, '09:00');
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * MIN),
    timeZone: 'Europe/Berlin',
    recurrence: buildRRule({ frequency: 'weekly', end: { kind: 'never' } }, startsAt, 'Europe/Berlin'),
    cancelledOccurrences: [],
    cancelledAt: null,
    scheduleChangedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

test('a reminder is due from its lead time until the meeting starts, for the next date only', () => {
  const s = weekly('2026-03-16');
  const start = at('2026-03-23', '09:00');
  assert.equal(dueReminder(s, 10, new Date(start.getTime() - 11 * MIN)), null, 'not yet');
  assert.deepEqual(dueReminder(s, 10, new Date(start.getTime() - 10 * MIN))?.startsAt, start);
  assert.deepEqual(dueReminder(s, 10, new Date(start.getTime() - 1 * MIN))?.startsAt, start, 'late (outage) is still due');
  assert.equal(dueReminder(s, 10, new Date(start.getTime() + 1 * MIN)), null, 'never after the start');
  assert.equal(dueReminder(s, 0, new Date(start.getTime() - 5 * MIN)), null, 'off');
  assert.deepEqual(dueReminder(s, 60, new Date(start.getTime() - 60 * MIN))?.startsAt, start);
});

test('across the DST change the reminder follows the wall clock (09:00 Berlin is 08:00 UTC, then 07:00 UTC)', () => {
  const s = weekly('2026-03-23');
  const afterChange = at('2026-03-30', '09:00');
  assert.equal(afterChange.toISOString(), '2026-03-30T07:00:00.000Z');
  assert.equal(dueReminder(s, 15, new Date('2026-03-30T06:44:00Z')), null);
  assert.deepEqual(dueReminder(s, 15, new Date('2026-03-30T06:45:00Z'))?.startsAt, afterChange);
  // In the autumn the other way: 09:00 Berlin is 07:00 UTC before and 08:00 UTC after 25 Oct.
  const autumn = weekly('2026-10-19');
  assert.equal(dueReminder(autumn, 15, new Date('2026-10-26T07:44:00Z')), null);
  assert.equal(dueReminder(autumn, 15, new Date('2026-10-26T07:45:00Z'))?.startsAt.toISOString(), '2026-10-26T08:00:00.000Z');
});

test('no reminder for a cancelled date or a cancelled series', () => {
  const date = at('2026-03-23', '09:00');
  const now = new Date(date.getTime() - 10 * MIN);
  assert.equal(dueReminder(weekly('2026-03-16', { cancelledOccurrences: [date] }), 10, now), null);
  assert.equal(dueReminder(weekly('2026-03-16', { cancelledAt: new Date('2026-03-20T00:00:00Z') }), 10, now), null);
});

test('no reminder when the meeting was created or moved after its reminder time', () => {
  const s = weekly('2026-03-16');
  const start = at('2026-03-16', '09:00');
  const now = new Date(start.getTime() - 5 * MIN);
  assert.equal(dueReminder({ ...s, scheduleChangedAt: new Date(start.getTime() - 6 * MIN) }, 10, now), null, 'created 6 minutes before: no "in 10 minutes" mail');
  assert.ok(dueReminder({ ...s, scheduleChangedAt: new Date(start.getTime() - 6 * MIN) }, 5, now), 'a 5-minute reminder still comes');
  assert.ok(dueReminder({ ...s, scheduleChangedAt: new Date(start.getTime() - 10 * MIN) }, 10, now), 'set exactly at the reminder time');
  // Moved: the old time passes without a reminder; the new one gets its own.
  const moved = { ...s, startsAt: at('2026-03-16', '11:00'), endsAt: at('2026-03-16', '11:30'), recurrence: null, scheduleChangedAt: new Date(start.getTime() - 30 * MIN) };
  assert.equal(dueReminder(moved, 10, now), null);
  assert.deepEqual(dueReminder(moved, 10, at('2026-03-16', '10:50'))?.startsAt, moved.startsAt);
});

test('changes are described in the reader’s zone', () => {
  const before = { title: 'Sync', startsAt: new Date('2026-03-17T09:00:00Z'), endsAt: new Date('2026-03-17T09:30:00Z'), recurrence: null };
  const after = { ...before, startsAt: new Date('2026-03-18T10:00:00Z'), endsAt: new Date('2026-03-18T10:30:00Z') };
  assert.deepEqual(describeChanges(before, after, 'Europe/Berlin'), ['moved from Tue 17 Mar, 10:00–10:30 to Wed 18 Mar, 11:00–11:30, your time (Europe/Berlin)']);
  assert.deepEqual(describeChanges(before, after, 'America/New_York'), ['moved from Tue 17 Mar, 05:00–05:30 to Wed 18 Mar, 06:00–06:30, your time (America/New York)']);
  assert.deepEqual(describeChanges(before, { ...before, title: 'Weekly sync' }, 'UTC'), ['renamed from “Sync” to “Weekly sync”']);
  assert.deepEqual(describeChanges(before, before, 'UTC'), ['the details were updated']);
});
