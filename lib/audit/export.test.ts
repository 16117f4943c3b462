import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditCsv } from './queries';
import { FORMULA_CELLS, readCsv } from '@/lib/testing/csv';

const event = { id: 'e1', kind: 'room.created', actorEmail: 'ann@x.test', roomId: 'r1', meetingId: null, inviteId: null, subjectUserId: null, data: { name: 'Ops' }, createdAt: new Date('2026-01-01T10:00:00Z') };

test('the audit export has one row per event', () => {
  assert.deepEqual(readCsv(auditCsv([event])), [
    ['time (UTC)', 'kind', 'actor', 'room', 'meeting', 'invite', 'subject user', 'details'],
    ['2026-01-01T10:00:00.000Z', 'room.created', 'ann@x.test', 'r1', '', '', '', '{"name":"Ops"}'],
  ]);
});

test('cells in the audit export cannot start a spreadsheet formula', () => {
  const rows = readCsv(auditCsv(FORMULA_CELLS.map((value) => ({ ...event, kind: value, actorEmail: value }))));
  assert.deepEqual(rows.slice(1).map((r) => [r[1], r[2]]), FORMULA_CELLS.map((v) => [`'${v}`, `'${v}`]));
});
