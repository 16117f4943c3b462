import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinWindow } from './join-window';

test('joining opens N minutes before the start and closes at the end', () => {
  const occurrence = { startsAt: new Date('2026-03-02T09:00:00Z'), endsAt: new Date('2026-03-02T09:30:00Z') };
  assert.deepEqual(joinWindow(occurrence, new Date('2026-03-02T08:49:59Z'), 10), { state: 'early', opensAt: new Date('2026-03-02T08:50:00Z') });
  assert.deepEqual(joinWindow(occurrence, new Date('2026-03-02T08:50:00Z'), 10), { state: 'open' });
  assert.deepEqual(joinWindow(occurrence, new Date('2026-03-02T09:29:59Z'), 10), { state: 'open' });
  assert.deepEqual(joinWindow(occurrence, new Date('2026-03-02T09:30:00Z'), 10), { state: 'ended' });
});
