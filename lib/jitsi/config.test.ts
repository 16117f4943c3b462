import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from '../env';
import { keyFileName, resolveJitsiSettings } from './config';

test("key files are named like Prosody's asap_key_server expects", () => {
  assert.equal(keyFileName('gatehouse-2026-11'), `${createHash('sha256').update('gatehouse-2026-11').digest('hex')}.pem`);
  assert.match(keyFileName('k'), /^[0-9a-f]{64}\.pem$/);
});

test('during a rotation the current and the previous public keys are published', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-keys-'));
  const current = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const previous = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'current.pem'), current.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'previous.pub.pem'), previous.publicKey.export({ type: 'spki', format: 'pem' }));
  const settings = resolveJitsiSettings(
    parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_PRIVATE_KEY_FILE: path.join(dir, 'current.pem'), JITSI_KEY_ID: 'new', JITSI_PREVIOUS_PUBLIC_KEYS: `old=${path.join(dir, 'previous.pub.pem')}` }),
  );
  assert.deepEqual(settings.publishedKeys.map((k) => k.kid), ['new', 'old']);
  assert.equal(settings.publishedKeys[0]!.pem, current.publicKey.export({ type: 'spki', format: 'pem' }));
  assert.equal(settings.publishedKeys[1]!.pem, previous.publicKey.export({ type: 'spki', format: 'pem' }));
  assert.ok(!settings.publishedKeys.some((k) => k.pem.includes('PRIVATE')));
  fs.rmSync(dir, { recursive: true });
});

test('without a Jitsi server outside production, the stand-in is used with a generated secret', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-data-'));
  const settings = resolveJitsiSettings(parseEnv({ DATA_DIR: dataDir }));
  assert.equal(settings.standin, true);
  assert.equal(settings.domain, 'localhost:8443');
  assert.equal(settings.signing.alg, 'HS256');
  assert.ok(fs.existsSync(path.join(dataDir, 'jitsi-standin-secret')));
  fs.rmSync(dataDir, { recursive: true });
});
