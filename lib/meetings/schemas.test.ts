import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meetingFormSchema, schedulingWindow } from '@/lib/meetings/schemas';

const base = { roomId: 'room', title: 'Planning', date: schedulingWindow().first, startTime: '09:00', endTime: '10:00', timeZone: 'Europe/Berlin' };
const today = new Date().toISOString().slice(0, 10);

function fieldError(input: Record<string, unknown>, field: string): string | undefined {
  const result = meetingFormSchema.safeParse({ ...base, ...input });
  assert.equal(result.success, false, `${JSON.stringify(input)} should be refused`);
  return result.error?.issues.find((i) => i.path[0] === field)?.message;
}

test('the scheduling window is one year back to ten years ahead', () => {
  assert.deepEqual(schedulingWindow(new Date('2026-12-02T23:30:00Z')), { first: '2025-12-02', last: '2036-12-02', oldestKept: '2015-12-02' });
});

test('dates outside the window are refused with the window in words', () => {
  for (const date of ['0000-01-01', '0001-01-01', '1900-01-01', '9999-12-31', '2999-12-31']) {
    assert.match(fieldError({ date }, 'date') ?? '', /^Pick a date from \d+ \w{3} \d{4} to \d+ \w{3} \d{4}\.$/, date);
  }
  assert.equal(meetingFormSchema.safeParse({ ...base, date: schedulingWindow().last }).success, true);
  assert.equal(meetingFormSchema.safeParse({ ...base, date: today }).success, true);
});

test('a series ends within the window, by date or by count', () => {
  const series = { ...base, date: today, frequency: 'daily' };
  assert.match(fieldError({ ...series, endKind: 'until', untilDate: '9999-12-31' }, 'untilDate') ?? '', /^Pick a last date from .* to .*\.$/);
  assert.match(fieldError({ ...series, endKind: 'until', untilDate: '2999-12-31' }, 'untilDate') ?? '', /^Pick a last date/);
  assert.equal(fieldError({ ...series, frequency: 'weekly', endKind: 'never' }, 'endKind'), 'Choose when the series ends: on a date or after a number of meetings.');
  assert.equal(fieldError({ ...series, endKind: 'count', count: '501' }, 'count'), 'Enter a number of meetings from 1 to 500.');
  assert.equal(meetingFormSchema.safeParse({ ...series, endKind: 'until', untilDate: schedulingWindow().last }).success, true);
  assert.equal(meetingFormSchema.safeParse({ ...series, endKind: 'count', count: '500' }).success, true);
  // A single meeting needs no end.
  assert.equal(meetingFormSchema.safeParse({ ...base, date: today, endKind: 'never' }).success, true);
});
