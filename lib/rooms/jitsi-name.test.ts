import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateJitsiName } from './jitsi-name';

test('Jitsi room names are lowercase, URL-safe, already backend-safe and unique', () => {
  const names = new Set(Array.from({ length: 2000 }, generateJitsiName));
  assert.equal(names.size, 2000);
  for (const name of names) {
    assert.match(name, /^[a-z2-7]{26}$/);
    assert.equal(encodeURIComponent(name.normalize('NFKC').toLowerCase()).toLowerCase(), name);
  }
});
