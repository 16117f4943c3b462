import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeEmail, safeCallbackPath } from './schemas';
import { decideEntry } from './policy';

test('plain addresses are trimmed and lowercased', () => {
  assert.equal(normalizeEmail('  Ada.Lovelace+meet@Example.COM '), 'ada.lovelace+meet@example.com');
});

test('crafted addresses are refused', () => {
  for (const crafted of [
    '"quoted"@example.com',
    '"a,b"@example.com',
    'a@example.com,b@example.com',
    'a＠example.com',
    'a@example.com\r\nBcc: x@evil.test',
    'a@example.com\nx',
    'a\u0000@example.com',
    'a\u202e@example.com',
    'a b@example.com',
    'a@b@example.com',
    '<a@example.com>',
    'a@[127.0.0.1]',
    'a..b@example.com',
    '.a@example.com',
    'a@localhost',
    `${'a'.repeat(65)}@example.com`,
    '',
  ]) {
    assert.equal(normalizeEmail(crafted), null, JSON.stringify(crafted));
  }
});

test('sign-in returns only to paths on this site', () => {
  assert.equal(safeCallbackPath('/rooms/a?x=1'), '/rooms/a?x=1');
  for (const bad of ['https://evil.test', '//evil.test', '/\\evil.test', 'javascript:alert(1)', undefined]) assert.equal(safeCallbackPath(bad), '/');
});

const policy = { ALLOWED_EMAIL_DOMAINS: ['example.com'], REGISTRATION_MODE: 'open' as const, ADMIN_EMAILS: ['boss@partner.test'] };

test('who may come in', () => {
  assert.deepEqual(decideEntry(policy, 'new@example.com', null), { allowed: true, makeAdmin: false });
  assert.deepEqual(decideEntry(policy, 'new@elsewhere.test', null), { allowed: false, reason: 'domain' });
  assert.deepEqual(decideEntry(policy, 'new@sub.example.com', null), { allowed: false, reason: 'domain' });
  assert.deepEqual(decideEntry({ ...policy, REGISTRATION_MODE: 'invite-only' }, 'new@example.com', null), { allowed: false, reason: 'invite-only' });
  assert.deepEqual(decideEntry({ ...policy, REGISTRATION_MODE: 'invite-only' }, 'boss@partner.test', null), { allowed: true, makeAdmin: true });
  assert.deepEqual(decideEntry(policy, 'old@elsewhere.test', { disabledAt: null, lastSignInAt: new Date() }), { allowed: true, makeAdmin: false });
  assert.deepEqual(decideEntry(policy, 'old@example.com', { disabledAt: new Date(), lastSignInAt: null }), { allowed: false, reason: 'disabled' });
});
