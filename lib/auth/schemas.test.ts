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
  assert.equal(safeCallbackPath('/rooms/a#b'), '/rooms/a#b');
  assert.equal(safeCallbackPath('/räume'), '/r%C3%A4ume');
  // Percent-encoded characters stay encoded: the browser asks this portal for that path.
  assert.equal(safeCallbackPath('/%09/evil.example'), '/%09/evil.example');
  // An absolute address on the portal's own origin is reduced to its path.
  assert.equal(safeCallbackPath('https://portal.example/rooms?x=1', 'https://portal.example'), '/rooms?x=1');
  const hostile: unknown[] = [
    '/\t/evil.example', // what `?callbackUrl=/%09/evil.example` decodes to
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\nSet-Cookie: x=1',
    '/\u3000/evil.example',
    '/\u00a0/evil.example',
    '/\u2028/evil.example',
    '/\0',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/rooms\\..\\..\\evil',
    '/.//evil.example',
    '///evil.example',
    ' /rooms',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://evil.example',
    'http://evil.example/rooms',
    'https://portal.example.evil.example/',
    'https://portal.example@evil.example/',
    `/${'a'.repeat(2001)}`,
    '',
    undefined,
    null,
    ['/rooms', '//evil.example'],
    42,
  ];
  for (const bad of hostile) {
    assert.equal(safeCallbackPath(bad), '/', JSON.stringify(bad));
    assert.equal(safeCallbackPath(bad, 'https://portal.example'), '/', JSON.stringify(bad));
  }
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
