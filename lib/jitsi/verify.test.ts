import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, createHmac, sign as cryptoSign } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import {
  TEST_NOW as NOW,
  TEST_NOW_S as NOW_S,
  TEST_SECRET as SECRET,
  handmadeToken as handmade,
  signHs256 as hs256,
  testClaims as claims,
  testHsServer as hsServer,
  withoutKeys,
} from './testing';
import { luaPatternMatch } from './lua-pattern';
import { backendSafeRoomName } from './room-name';
import { verifyJitsiToken, type JitsiServerConfig, type Verdict } from './verify';

function assertRejected(verdict: Verdict, reason: string | RegExp, failingCheck?: string) {
  assert.equal(verdict.accepted, false, `expected a rejection, got ${JSON.stringify(verdict.checks)}`);
  if (verdict.accepted) return;
  if (typeof reason === 'string') assert.equal(verdict.reason, reason);
  else assert.match(verdict.reason, reason);
  const last = verdict.checks.at(-1);
  assert.ok(last && !last.ok, 'the last check is the failing one');
  if (failingCheck) assert.equal(last.id, failingCheck);
  assert.ok(verdict.checks.slice(0, -1).every((check) => check.ok), 'only the last check failed (Prosody stops at the first failure)');
}

function assertAccepted(verdict: Verdict, role: 'moderator' | 'participant') {
  assert.equal(verdict.accepted, true, verdict.accepted ? '' : `rejected: ${verdict.reason} ${JSON.stringify(verdict.checks.at(-1))}`);
  if (!verdict.accepted) return;
  assert.equal(verdict.role, role);
}

test('backendSafeRoomName follows getBackendSafeRoomName', () => {
  assert.equal(backendSafeRoomName('Team Standup'), 'team%20standup');
  assert.equal(backendSafeRoomName('Team%20Standup'), 'team%20standup');
  assert.equal(backendSafeRoomName('Café Zürich'), 'caf%c3%a9%20z%c3%bcrich');
  assert.equal(backendSafeRoomName('Cafe\u0301 Zu\u0308rich'), 'caf%c3%a9%20z%c3%bcrich', 'NFKC composes combining marks');
  assert.equal(backendSafeRoomName('ﬁle'), 'file', 'NFKC folds compatibility ligatures');
  assert.equal(backendSafeRoomName('100% sure'), '100%25%20sure', 'invalid percent-encoding is taken as already decoded');
  assert.equal(backendSafeRoomName('abcdefghijklmnopqrstuvwxyz'), 'abcdefghijklmnopqrstuvwxyz');
});

test('a good HS256 host token is accepted as moderator with identity and expiry', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims()), { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(verdict, 'moderator');
  assert.ok(verdict.accepted);
  assert.deepEqual(verdict.identity, { id: 'u-1', name: 'Ada Lovelace', email: 'ada@example.com' });
  assert.equal(verdict.features, null);
  assert.equal(verdict.expiresAt?.getTime(), (NOW_S + 600) * 1000);
  assert.ok(verdict.checks.every((check) => check.ok));
  assert.deepEqual(
    verdict.checks.map((check) => check.id),
    ['token', 'format', 'typ', 'alg', 'no-embedded-key', 'signature', 'exp', 'nbf', 'iss', 'aud', 'room-claim', 'sub', 'room', 'role', 'features'],
  );
  assert.equal(verdict.header.typ, 'JWT');
  assert.equal(verdict.claims.room, 'team%20standup');
});

test('moderator comes from context.user.moderator "true" or an owner/moderator/teacher affiliation', async () => {
  for (const user of [{ moderator: 'true' }, { affiliation: 'moderator' }, { affiliation: 'teacher' }, { affiliation: 'owner' }]) {
    const verdict = await verifyJitsiToken(await hs256(claims({ context: { user } })), { room: 'team%20standup' }, hsServer, NOW);
    assertAccepted(verdict, 'moderator');
  }
  for (const user of [{ moderator: false }, { moderator: 'yes' }, { affiliation: 'member' }, { affiliation: 'Owner' }]) {
    const verdict = await verifyJitsiToken(await hs256(claims({ context: { user } })), { room: 'team%20standup' }, hsServer, NOW);
    assertAccepted(verdict, 'participant');
  }
});

test('a participant token is accepted as participant', async () => {
  const token = await hs256(claims({ context: { user: { id: 'u-2', name: 'Grace', email: 'grace@example.com', avatar: 'https://example.com/a.png', moderator: false, affiliation: 'member' } } }));
  const verdict = await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(verdict, 'participant');
  assert.ok(verdict.accepted);
  assert.deepEqual(verdict.identity, { id: 'u-2', name: 'Grace', email: 'grace@example.com', avatar: 'https://example.com/a.png' });
});

test('a token signed with another secret is rejected', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims(), undefined, 'not-the-shared-secret'), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, 'Invalid signature', 'signature');
  assert.ok(!verdict.accepted && verdict.claims?.room === 'team%20standup', 'decoded claims are still reported');
});

test('exp is checked without tolerance: exp == now is expired', async () => {
  const expired = await verifyJitsiToken(await hs256(claims({ exp: NOW_S, iat: NOW_S - 600 })), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(expired, /^Not acceptable by exp \(0\.0 sec since expired, valid for:600\.0 sec\)$/, 'exp');
  const stillValid = await verifyJitsiToken(await hs256(claims({ exp: NOW_S + 1 })), { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(stillValid, 'moderator');
  const stringExp = await verifyJitsiToken(await hs256(claims({ exp: String(NOW_S + 600) })), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(stringExp, 'exp must be number', 'exp');
});

test('a future nbf is rejected; nbf == now is fine', async () => {
  assertRejected(await verifyJitsiToken(await hs256(claims({ nbf: NOW_S + 5 })), { room: 'Team Standup' }, hsServer, NOW), 'Not acceptable by nbf', 'nbf');
  assertAccepted(await verifyJitsiToken(await hs256(claims({ nbf: NOW_S })), { room: 'Team Standup' }, hsServer, NOW), 'moderator');
});

test('iat is not checked', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims({ iat: NOW_S + 3600 })), { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(verdict, 'moderator');
});

test('a token for another room is rejected as "Room and token mismatched"', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims({ room: 'other-room' })), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, 'Room and token mismatched', 'room');
});

test('a refusal says where Prosody makes it: login (SASL) or joining the room', async () => {
  const room = await verifyJitsiToken(await hs256(claims({ room: 'other-room' })), { room: 'Team Standup' }, hsServer, NOW);
  assert.equal(!room.accepted && room.stage, 'join');
  const sub = await verifyJitsiToken(await hs256(claims({ sub: 'other.example.com' })), { room: 'Team Standup' }, hsServer, NOW);
  assert.equal(!sub.accepted && sub.stage, 'join');
  const signature = await verifyJitsiToken(await hs256(claims(), { alg: 'HS256', typ: 'JWT' }, `${SECRET}-not`), { room: 'Team Standup' }, hsServer, NOW);
  assert.equal(!signature.accepted && signature.stage, 'login');
  const expired = await verifyJitsiToken(await hs256(claims({ exp: NOW_S })), { room: 'Team Standup' }, hsServer, NOW);
  assert.equal(!expired.accepted && expired.stage, 'login');
});

test('room case and spaces: the claim must be the backend-safe name', async () => {
  const token = await hs256(claims({ room: 'team%20standup' }));
  assertAccepted(await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(token, { room: 'Team%20Standup' }, hsServer, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(await hs256(claims({ room: 'TEAM%20STANDUP' })), { room: 'team standup' }, hsServer, NOW), 'moderator');

  const displayName = await verifyJitsiToken(await hs256(claims({ room: 'Team Standup' })), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(displayName, 'Room and token mismatched', 'room');
  assert.ok(!displayName.accepted);
  assert.match(displayName.checks.at(-1)?.detail ?? '', /'team standup'.*'team%20standup'.*mint the backend-safe name/);
});

test('unicode room names are compared after NFKC and lowercasing', async () => {
  const token = await hs256(claims({ room: backendSafeRoomName('Café Zürich') }));
  assertAccepted(await verifyJitsiToken(token, { room: 'Café Zürich' }, hsServer, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(token, { room: encodeURIComponent('CAFÉ ZÜRICH') }, hsServer, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(token, { room: 'Cafe\u0301 Zu\u0308rich' }, hsServer, NOW), 'moderator');
  const raw = await verifyJitsiToken(await hs256(claims({ room: 'café zürich' })), { room: 'Café Zürich' }, hsServer, NOW);
  assertRejected(raw, 'Room and token mismatched', 'room');
});

test('room "*" is accepted for any room (Jitsi does)', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims({ room: '*' })), { room: 'Anything At All' }, hsServer, NOW);
  assertAccepted(verdict, 'moderator');
  assert.match(verdict.checks.find((check) => check.id === 'room')?.detail ?? '', /never mint it/);
});

test('a missing room claim is rejected at login', async () => {
  const verdict = await verifyJitsiToken(await hs256(withoutKeys(claims(), 'room')), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, "'room' claim is missing", 'room-claim');
});

test('context.room.regex makes room a Lua pattern', async () => {
  const regex = (room: string) => claims({ room, context: { room: { regex: true }, user: { moderator: true } } });
  assertAccepted(await verifyJitsiToken(await hs256(regex('team%%20.*')), { room: 'Team Standup' }, hsServer, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(await hs256(regex('^sprint%-%d+$')), { room: 'sprint-42' }, hsServer, NOW), 'moderator');
  assertRejected(await verifyJitsiToken(await hs256(regex('^sprint%-%d+$')), { room: 'sprint-x' }, hsServer, NOW), 'Room and token mismatched', 'room');
  // string.match returns the first match; a partial match is not the room
  assertRejected(await verifyJitsiToken(await hs256(regex('team')), { room: 'teamroom' }, hsServer, NOW), 'Room and token mismatched', 'room');
  // without regex the same claim is an exact room name
  assertRejected(await verifyJitsiToken(await hs256(claims({ room: 'team.*' })), { room: 'teamroom' }, hsServer, NOW), 'Room and token mismatched', 'room');
  assertRejected(await verifyJitsiToken(await hs256(regex('(team).*')), { room: 'teamroom' }, hsServer, NOW), 'Unsupported room pattern', 'room');
  assertRejected(await verifyJitsiToken(await hs256(regex('a*b*c*d*')), { room: 'abcd' }, hsServer, NOW), 'invalid-regex', 'room');
});

test('luaPatternMatch follows string.match', () => {
  assert.equal(luaPatternMatch('hello world', 'o w'), 'o w');
  assert.equal(luaPatternMatch('hello', 'l+'), 'll');
  assert.equal(luaPatternMatch('hello', 'l-o'), 'llo');
  assert.equal(luaPatternMatch('aaa', 'a-'), '');
  assert.equal(luaPatternMatch('room12', '^room%d+$'), 'room12');
  assert.equal(luaPatternMatch('room12x', '^room%d+$'), null);
  assert.equal(luaPatternMatch('x-y', '[%w%-]+'), 'x-y');
  assert.equal(luaPatternMatch('abc', '[^a]+'), 'bc');
  assert.equal(luaPatternMatch('ab', 'a?b'), 'ab');
  assert.equal(luaPatternMatch('room5', 'room%D'), null);
});

test('a header without typ is rejected ("Invalid typ")', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims(), { alg: 'HS256' }), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, 'Invalid typ', 'typ');
});

test('typ "jwt" in lower case is rejected', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims(), { alg: 'HS256', typ: 'jwt' }), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, 'Invalid typ', 'typ');
});

test('alg "none" is rejected', async () => {
  const unsigned = handmade({ alg: 'none', typ: 'JWT' }, claims());
  assert.ok(unsigned.endsWith('.'));
  const verdict = await verifyJitsiToken(unsigned, { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, 'Invalid token', 'format');
  // even with a (bogus) third segment, alg none never passes
  const padded = await verifyJitsiToken(`${unsigned}AAAA`, { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(padded, 'Invalid or incorrect alg', 'alg');
});

test('HS512 on an HS256 server is rejected even with the right secret', async () => {
  const verdict = await verifyJitsiToken(await hs256(claims(), { alg: 'HS512', typ: 'JWT' }), { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(verdict, 'Invalid or incorrect alg', 'alg');
});

test('an HS256 signature is computed over the exact header.payload (hand-made token accepted)', async () => {
  const token = handmade({ alg: 'HS256', typ: 'JWT' }, claims(), (input) => createHmac('sha256', SECRET).update(input).digest('base64url'));
  assertAccepted(await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW), 'moderator');
});

test('issuer and audience', async () => {
  assertRejected(await verifyJitsiToken(await hs256(claims({ iss: 'someone-else' })), { room: 'Team Standup' }, hsServer, NOW), "invalid 'iss' claim", 'iss');
  assertRejected(await verifyJitsiToken(await hs256(withoutKeys(claims(), 'iss')), { room: 'Team Standup' }, hsServer, NOW), "'iss' claim is missing", 'iss');
  assertRejected(await verifyJitsiToken(await hs256(claims({ aud: 'other' })), { room: 'Team Standup' }, hsServer, NOW), "invalid 'aud' claim", 'aud');
  assertRejected(await verifyJitsiToken(await hs256(withoutKeys(claims(), 'aud')), { room: 'Team Standup' }, hsServer, NOW), "'aud' claim is missing", 'aud');
  const defaults = { ...hsServer, acceptedAudiences: undefined, acceptedIssuers: undefined };
  assertAccepted(await verifyJitsiToken(await hs256(claims({ aud: 'anything' })), { room: 'Team Standup' }, defaults, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(await hs256(claims({ iss: 'other' })), { room: 'Team Standup' }, { ...hsServer, acceptedIssuers: ['gatehouse', 'other'] }, NOW), 'moderator');
});

test('an array aud is rejected when accepted audiences are ["jitsi"] and accepted with ["*"]', async () => {
  const token = await hs256(claims({ aud: ['jitsi'] }));
  const strict = await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(strict, "invalid 'aud' claim", 'aud');
  assert.match(strict.checks.at(-1)?.detail ?? '', /array/);
  assertAccepted(await verifyJitsiToken(token, { room: 'Team Standup' }, { ...hsServer, acceptedAudiences: ['*'] }, NOW), 'moderator');
});

test('sub must be the domain with domain verification on; not compared with it off', async () => {
  const token = await hs256(claims({ sub: 'gatehouse' }));
  const on = await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW);
  assertRejected(on, 'Room and token mismatched', 'sub');
  assertAccepted(await verifyJitsiToken(token, { room: 'Team Standup' }, { ...hsServer, enableDomainVerification: false }, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(await hs256(claims({ sub: '*' })), { room: 'Team Standup' }, hsServer, NOW), 'moderator');
  assertRejected(await verifyJitsiToken(await hs256(withoutKeys(claims(), 'sub')), { room: 'Team Standup' }, hsServer, NOW), "'sub' claim is missing", 'sub');
});

test('tenant requests: sub is the lowercase tenant', async () => {
  const token = await hs256(claims({ sub: 'acme' }));
  assertAccepted(await verifyJitsiToken(token, { room: 'Team Standup', tenant: 'Acme' }, hsServer, NOW), 'moderator');
  assertAccepted(await verifyJitsiToken(token, { room: 'Team Standup', tenant: 'acme' }, hsServer, NOW), 'moderator');
  assertRejected(await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW), 'Room and token mismatched', 'sub');
  const domainSub = await hs256(claims());
  assertRejected(await verifyJitsiToken(domainSub, { room: 'Team Standup', tenant: 'acme' }, hsServer, NOW), 'Room and token mismatched', 'sub');
  assertRejected(await verifyJitsiToken(await hs256(claims({ sub: 'acme', room: 'other' })), { room: 'Team Standup', tenant: 'acme' }, hsServer, NOW), 'Room and token mismatched', 'room');
});

test('a top-level moderator claim is ignored: participant, with a check line pointing it out', async () => {
  const token = await hs256(claims({ moderator: true, context: { user: { id: 'u-3', name: 'Top Level' } } }));
  const verdict = await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(verdict, 'participant');
  const line = verdict.checks.find((check) => check.id === 'top-level-moderator');
  assert.ok(line && !line.ok);
  assert.match(line.detail, /top-level `moderator` is ignored by Jitsi; put it in context\.user/);
});

test('features: present object → booleans, missing keys false; absent → null', async () => {
  const token = await hs256(claims({ context: { user: { moderator: true }, features: { recording: true, livestreaming: 'true', transcription: 'false', 'create-polls': false, 'screen-sharing': 1 } } }));
  const verdict = await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(verdict, 'moderator');
  assert.ok(verdict.accepted);
  assert.equal(verdict.features?.recording, true);
  assert.equal(verdict.features?.livestreaming, true);
  assert.equal(verdict.features?.transcription, false);
  assert.equal(verdict.features?.['create-polls'], false);
  assert.equal(verdict.features?.['outbound-call'], false, 'a missing key is denied');
  assert.equal(verdict.features?.['screen-sharing'], false, 'only true / "true" enable a feature');

  const none = await verifyJitsiToken(await hs256(claims()), { room: 'Team Standup' }, hsServer, NOW);
  assert.ok(none.accepted);
  assert.equal(none.features, null);
});

test('a token without exp is accepted like Jitsi does, with a failing Gatehouse check line', async () => {
  const verdict = await verifyJitsiToken(await hs256(withoutKeys(claims(), 'exp')), { room: 'Team Standup' }, hsServer, NOW);
  assertAccepted(verdict, 'moderator');
  assert.ok(verdict.accepted);
  assert.equal(verdict.expiresAt, null);
  const line = verdict.checks.find((check) => check.id === 'exp-required');
  assert.ok(line && !line.ok);
  assert.equal(line.detail.startsWith('Jitsi accepts a token without exp, but it never expires'), true);
});

test('a missing token is rejected unless allow_empty_token is on', async () => {
  for (const token of [undefined, null, '', '   ']) {
    assertRejected(await verifyJitsiToken(token, { room: 'Team Standup' }, hsServer, NOW), 'token required', 'token');
  }
  const anonymous = await verifyJitsiToken(undefined, { room: 'Team Standup' }, { ...hsServer, allowEmptyToken: true }, NOW);
  assertAccepted(anonymous, 'participant');
  assertRejected(await verifyJitsiToken('not-a-jwt', { room: 'Team Standup' }, hsServer, NOW), 'Invalid token', 'format');
});

test('a header carrying jwk/jku/x5u is rejected', async () => {
  const attacker = await generateKeyPair('RS256');
  const forged = await new SignJWT(claims())
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', jku: 'https://evil.example/keys' })
    .sign(new TextEncoder().encode(SECRET));
  assertRejected(await verifyJitsiToken(forged, { room: 'Team Standup' }, hsServer, NOW), /jku/, 'no-embedded-key');
  const x5u = await hs256(claims(), { alg: 'HS256', typ: 'JWT', x5u: 'https://evil.example/cert.pem' });
  assertRejected(await verifyJitsiToken(x5u, { room: 'Team Standup' }, hsServer, NOW), /x5u/, 'no-embedded-key');
  const jwk = await exportJWK(attacker.publicKey);
  const embedded = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', typ: 'JWT', jwk }).sign(attacker.privateKey);
  assertRejected(await verifyJitsiToken(embedded, { room: 'Team Standup' }, hsServer, NOW), 'Invalid or incorrect alg', 'alg');
});

test('RS256 server: kid looked up through publicKeys; unknown kid, HS256 with kid, embedded jwk rejected', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicKeyObject = KeyObject.from(publicKey);
  const attacker = await generateKeyPair('RS256');
  const requested: string[] = [];
  const rsServer: JitsiServerConfig = {
    domain: 'meet.example.com',
    appId: 'gatehouse',
    acceptedAudiences: ['jitsi'],
    algorithm: 'RS256',
    publicKeys: async (kid) => {
      requested.push(kid);
      return kid === 'gatehouse/2026-01' ? publicKeyObject : null; // a node KeyObject, like a fetched PEM
    },
  };
  const rs256 = (header: Record<string, unknown>, key = privateKey) =>
    new SignJWT(claims()).setProtectedHeader(header as { alg: string }).sign(key);

  const good = await verifyJitsiToken(await rs256({ alg: 'RS256', typ: 'JWT', kid: 'gatehouse/2026-01' }), { room: 'Team Standup' }, rsServer, NOW);
  assertAccepted(good, 'moderator');
  assert.deepEqual(requested, ['gatehouse/2026-01']);
  assert.deepEqual(
    good.checks.slice(0, 5).map((check) => check.id),
    ['token', 'kid', 'kid-alg', 'public-key', 'format'],
  );

  assertRejected(await verifyJitsiToken(await rs256({ alg: 'RS256', typ: 'JWT', kid: 'unknown' }), { room: 'Team Standup' }, rsServer, NOW), 'could not obtain public key', 'public-key');
  assertRejected(await verifyJitsiToken(await rs256({ alg: 'RS256', typ: 'JWT' }), { room: 'Team Standup' }, rsServer, NOW), "'kid' claim is missing", 'kid');
  assertRejected(
    await verifyJitsiToken(await rs256({ alg: 'RS256', typ: 'JWT', kid: 'gatehouse/2026-01' }, attacker.privateKey), { room: 'Team Standup' }, rsServer, NOW),
    'Invalid signature',
    'signature',
  );

  const hsWithKid = await hs256(claims(), { alg: 'HS256', typ: 'JWT', kid: 'gatehouse/2026-01' });
  assertRejected(await verifyJitsiToken(hsWithKid, { room: 'Team Standup' }, rsServer, NOW), "'kid' claim only support with RS family", 'kid-alg');

  const hsNoKid = await hs256(claims());
  assertRejected(await verifyJitsiToken(hsNoKid, { room: 'Team Standup' }, rsServer, NOW), "'kid' claim is missing", 'kid');

  const jwk = await exportJWK(attacker.publicKey);
  const embedded = await rs256({ alg: 'RS256', typ: 'JWT', kid: 'gatehouse/2026-01', jwk }, attacker.privateKey);
  assertRejected(await verifyJitsiToken(embedded, { room: 'Team Standup' }, rsServer, NOW), /jwk/, 'no-embedded-key');

  const rs512 = handmade({ alg: 'RS512', typ: 'JWT', kid: 'gatehouse/2026-01' }, claims(), (input) =>
    cryptoSign('sha512', Buffer.from(input), KeyObject.from(privateKey)).toString('base64url'),
  );
  assertRejected(await verifyJitsiToken(rs512, { room: 'Team Standup' }, rsServer, NOW), 'Invalid or incorrect alg', 'alg');

  // and an RS256 token on an HS256 server
  const rsOnHs = await rs256({ alg: 'RS256', typ: 'JWT', kid: 'gatehouse/2026-01' });
  assertRejected(await verifyJitsiToken(rsOnHs, { room: 'Team Standup' }, hsServer, NOW), 'Invalid or incorrect alg', 'alg');
});
