import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { parseEnv } from '../env';
import { resolveJitsiSettings, type JitsiSettings } from './config';
import { mintJoinToken, type MintInput } from './token';
import { verifyJitsiToken, type JitsiServerConfig } from './verify';

const secret = 'a-very-long-shared-secret-for-tests-0123456789';
const settings: JitsiSettings = resolveJitsiSettings(parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: secret }));
const server: JitsiServerConfig = { domain: 'meet.example.com', appId: 'gatehouse', acceptedAudiences: ['jitsi'], algorithm: 'HS256', appSecret: secret };
const room = { jitsiName: 'q3k5x7abcdefghijklmnopqrst', moderatorRecording: true, moderatorLivestreaming: false, moderatorTranscription: true };
const identity = { id: 'user-1', name: 'Ada Admin', email: 'ada@example.com' };
const mint = (over: Partial<MintInput> = {}, s = settings) => mintJoinToken({ identity, room, role: 'moderator', ...over }, s);

test('a host token matches the contract line by line and a real Jitsi accepts it as moderator', async () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const { token, jti, expiresAt, roomName } = await mint({ now });
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
  const claims = decodeJwt(token);
  assert.equal(claims.iss, 'gatehouse');
  assert.equal(claims.aud, 'jitsi');
  assert.equal(claims.sub, 'meet.example.com');
  assert.equal(claims.room, room.jitsiName);
  assert.equal(claims.iat, now.getTime() / 1000);
  assert.equal(claims.nbf, now.getTime() / 1000 - 30);
  assert.equal(claims.exp, now.getTime() / 1000 + 600);
  assert.equal(claims.jti, jti);
  assert.equal(expiresAt.toISOString(), '2026-03-01T10:10:00.000Z');
  assert.equal(roomName, room.jitsiName);
  assert.equal('moderator' in claims, false, 'no top-level moderator claim');
  assert.deepEqual((claims.context as { user: object }).user, { ...identity, avatar: '', moderator: true, affiliation: 'owner' });
  const verdict = await verifyJitsiToken(token, { room: room.jitsiName }, server, new Date(now.getTime() + 1000));
  assert.ok(verdict.accepted, !verdict.accepted ? verdict.reason : '');
  assert.equal(verdict.role, 'moderator');
  assert.deepEqual(verdict.features, { recording: true, livestreaming: false, transcription: true, 'outbound-call': false, 'file-upload': true, 'create-polls': true, 'send-groupchat': true, 'name-readonly': true });
});

test('everyone else is a participant with no moderator features', async () => {
  const { token } = await mint({ role: 'participant' });
  const verdict = await verifyJitsiToken(token, { room: room.jitsiName }, server);
  assert.ok(verdict.accepted);
  assert.equal(verdict.role, 'participant');
  assert.equal(verdict.features?.recording, false);
  assert.equal(verdict.features?.transcription, false);
  assert.deepEqual((decodeJwt(token).context as { user: object }).user, { ...identity, avatar: '', moderator: false, affiliation: 'member' });
});

test('room names are minted in their backend-safe form; a wildcard is never minted', async () => {
  for (const [name, safe] of [['Team Standup', 'team%20standup'], ['MixedCase', 'mixedcase'], ['Café Zürich', 'caf%c3%a9%20z%c3%bcrich'], ['ﬁnance', 'finance']] as const) {
    const { token, roomName } = await mint({ room: { ...room, jitsiName: name } });
    assert.equal(decodeJwt(token).room, safe);
    assert.equal(roomName, safe);
    assert.ok((await verifyJitsiToken(token, { room: name }, server)).accepted, name);
  }
  await assert.rejects(mint({ room: { ...room, jitsiName: '*' } }), /wildcard/);
});

test('with a tenant, sub is the tenant and the meeting opens under it', async () => {
  const tenantSettings = resolveJitsiSettings(parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_TENANT: 'acme', JITSI_APP_SECRET: secret }));
  const { token, roomName } = await mint({}, tenantSettings);
  assert.equal(decodeJwt(token).sub, 'acme');
  assert.equal(roomName, `acme/${room.jitsiName}`);
  assert.ok((await verifyJitsiToken(token, { room: room.jitsiName, tenant: 'acme' }, server)).accepted);
  assert.equal((await verifyJitsiToken(token, { room: room.jitsiName }, server)).accepted, false);
});

test('lifetime and skew come from the configuration, within bounds', async () => {
  const short = resolveJitsiSettings(parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: secret, JITSI_TOKEN_TTL_SECONDS: '60', JITSI_CLOCK_SKEW_SECONDS: '0' }));
  const now = new Date('2026-03-01T10:00:00Z');
  const claims = decodeJwt((await mint({ now }, short)).token);
  assert.equal(claims.exp! - claims.iat!, 60);
  assert.equal(claims.nbf, claims.iat);
  const expired = await verifyJitsiToken((await mint({ now }, short)).token, { room: room.jitsiName }, server, new Date(now.getTime() + 60_000));
  assert.equal(expired.accepted, false);
  assert.throws(() => parseEnv({ JITSI_TOKEN_TTL_SECONDS: '30' }), /at least 60/);
});

test('each token has its own jti', async () => {
  const a = await mint();
  const b = await mint();
  assert.notEqual(a.jti, b.jti);
});

test('RS256: header carries the kid, Jitsi verifies with the published public key', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-rs-'));
  const keyFile = path.join(dir, 'key.pem');
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const rs = resolveJitsiSettings(parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_PRIVATE_KEY_FILE: keyFile, JITSI_KEY_ID: 'gatehouse-2026-03' }));
  const { token } = await mint({}, rs);
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'RS256', typ: 'JWT', kid: 'gatehouse-2026-03' });
  assert.equal(rs.publishedKeys[0]?.kid, 'gatehouse-2026-03');
  const rsServer: JitsiServerConfig = { ...server, algorithm: 'RS256', appSecret: undefined, publicKeys: async (kid) => (kid === 'gatehouse-2026-03' ? publicKey : null) };
  assert.ok((await verifyJitsiToken(token, { room: room.jitsiName }, rsServer)).accepted);
  // The HS256 server rejects it: the algorithm is pinned.
  assert.equal((await verifyJitsiToken(token, { room: room.jitsiName }, server)).accepted, false);
  fs.rmSync(dir, { recursive: true });
});
