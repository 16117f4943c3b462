import test from 'node:test';
import assert from 'node:assert/strict';
import { redactDetails, securityLogLine } from '@/lib/audit/record';

const at = new Date('2026-11-27T10:00:00Z');
const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb29tIjoiYSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const inviteCode = 'Q2hhbmdlLW1lLXRoaXMtaXMtYS1yYW5kb20taW52aXRl';

test('a security log line is one line of JSON, whatever the event carries', () => {
  const line = securityLogLine({ kind: 'auth.sign_in_refused', actorEmail: 'eve@example.com\n{"type":"audit","kind":"user.role_changed"}', data: { reason: 'domain\r\nforged: yes' } }, at);
  assert.equal(line.split('\n').length, 1);
  const parsed = JSON.parse(line) as { type: string; kind: string; time: string; data: { reason: string } };
  assert.equal(parsed.type, 'audit');
  assert.equal(parsed.kind, 'auth.sign_in_refused');
  assert.equal(parsed.time, '2026-11-27T10:00:00.000Z');
  assert.equal(parsed.data.reason, 'domain\r\nforged: yes');
});

test('tokens and raw invite codes never reach the log or the audit table, even if a caller passes one', () => {
  const details = { error: `join failed for https://meet.example.com/room#jwt=${jwt}`, link: `https://gatehouse.example.com/invite/${inviteCode}`, nested: [{ token: jwt }], jti: '3b1f3f7e-8a5e-4a53-9d7e-1f2e3d4c5b6a' };
  const line = securityLogLine({ kind: 'token.minted', data: details }, at);
  assert.ok(!line.includes(jwt) && !line.includes(inviteCode), line);
  const redacted = redactDetails(details) as Record<string, unknown>;
  assert.equal(redacted.error, 'join failed for https://meet.example.com/room#jwt=[redacted]');
  assert.equal(redacted.link, 'https://gatehouse.example.com/invite/[redacted]');
  assert.deepEqual(redacted.nested, [{ token: '[redacted]' }]);
  // Ids the admin needs (a token's jti) stay readable.
  assert.equal(redacted.jti, '3b1f3f7e-8a5e-4a53-9d7e-1f2e3d4c5b6a');
});
