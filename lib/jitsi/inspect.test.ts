import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInspection, inspectJitsiToken, parseInspectorInput, type InspectOptions, type TokenInspection } from './inspect';
import { TEST_NOW, TEST_NOW_S, handmadeToken, signHs256, testClaims, testHsServer, withoutKeys } from './testing';

const options: InspectOptions = { config: testHsServer, now: TEST_NOW };
const inspect = (input: string, extra: Partial<InspectOptions> = {}) => inspectJitsiToken(input, { ...options, ...extra });
const link = (path: string, token: string, where: '#' | '?' = '#') => `https://meet.example.com/${path}${where}jwt=${token}`;

function assertRefused(result: TokenInspection, reason: string, failingCheck: string) {
  assert.equal(result.accepted, false, `expected a refusal, got ${result.verdict}`);
  assert.equal(result.reason, reason);
  assert.equal(result.verdict, `Refused: ${reason}`);
  assert.equal(result.checks.at(-1)?.id, failingCheck);
  assert.equal(result.checks.at(-1)?.ok, false);
  assert.equal(result.role, null);
  assert.equal(result.verified, false);
}

function assertAccepted(result: TokenInspection, role: 'moderator' | 'participant') {
  assert.equal(result.accepted, true, `refused: ${result.reason} ${JSON.stringify(result.checks.at(-1))}`);
  assert.equal(result.role, role);
  assert.equal(result.reason, null);
  assert.equal(result.verdict, `Accepted as ${role}`);
}

test('a meeting link with #jwt=: room from the path, decoded token, identity, expiry, every check in order', async () => {
  const token = await signHs256(testClaims());
  const result = await inspect(link('Team%20Standup', token));
  assertAccepted(result, 'moderator');
  assert.deepEqual(result.input, { kind: 'link', tokenIn: 'fragment', linkHost: 'meet.example.com' });
  assert.deepEqual(
    { room: result.request.room, tenant: result.request.tenant, source: result.request.roomSource, tested: result.request.roomTested, safe: result.request.backendSafeRoom },
    { room: 'Team%20Standup', tenant: null, source: 'link', tested: true, safe: 'team%20standup' },
  );
  assert.equal(result.request.meetingUrl, 'https://meet.example.com/Team%20Standup');
  assert.deepEqual(
    result.checks.map((check) => check.id),
    ['token', 'format', 'typ', 'alg', 'no-embedded-key', 'signature', 'exp', 'nbf', 'iss', 'aud', 'room-claim', 'sub', 'room', 'role', 'features'],
  );
  assert.deepEqual(result.identity, { id: 'u-1', name: 'Ada Lovelace', email: 'ada@example.com' });
  assert.deepEqual(result.expiry, { seconds: TEST_NOW_S + 600, at: '2026-03-01T12:10:00.000Z', relative: 'expires in 10 min', past: false });
  assert.equal(result.notBefore?.relative, '30 s ago');
  assert.deepEqual(result.header, { alg: 'HS256', typ: 'JWT' });
  assert.equal(result.claims?.room, 'team%20standup');
  assert.equal(result.claimsJson, JSON.stringify(result.claims, null, 2));
  assert.equal(result.verified, true);
  assert.deepEqual(result.notes, []);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'plain JSON data');
});

test('?jwt= works but warns that the token ends up in logs', async () => {
  const result = await inspect(link('Team%20Standup', await signHs256(testClaims()), '?'));
  assertAccepted(result, 'moderator');
  assert.equal(result.input.tokenIn, 'query');
  assert.ok(result.notes.some((note) => note.level === 'warning' && /query string.*logs.*#jwt=/.test(note.text)));
});

test('a tenant path: sub must be the tenant', async () => {
  const forTenant = await signHs256(testClaims({ sub: 'acme' }));
  const accepted = await inspect(link('acme/Team%20Standup', forTenant));
  assertAccepted(accepted, 'moderator');
  assert.equal(accepted.request.tenant, 'acme');
  assert.equal(accepted.request.meetingUrl, 'https://meet.example.com/acme/Team%20Standup');
  assertRefused(await inspect(link('acme/Team%20Standup', await signHs256(testClaims()))), 'Room and token mismatched', 'sub');
  assertRefused(await inspect(link('Team%20Standup', forTenant)), 'Room and token mismatched', 'sub');
  assertRefused(await inspect(link('globex/Team%20Standup', forTenant)), 'Room and token mismatched', 'sub');
});

test('pasting noise: whitespace, line breaks, Bearer, quotes, a bare jwt= parameter', async () => {
  const token = await signHs256(testClaims());
  const wrapped = `${token.slice(0, 40)}\n  ${token.slice(40, 90)}\r\n${token.slice(90)}`;
  for (const input of [`  ${token}\n`, wrapped, `Bearer ${token}`, `bearer   ${token}  `, `"${token}"`, `'${token}'`, `jwt=${token}`, `#jwt=${token}&config.startWithAudioMuted=true`]) {
    const parsed = parseInspectorInput(input);
    assert.equal(parsed.token, token, JSON.stringify(input));
    assert.equal(parsed.kind, 'jwt');
    assertAccepted(await inspect(input, { room: 'Team Standup' }), 'moderator');
  }
  for (const input of [`\n  ${link('Team%20Standup', token)}  \n`, `<${link('Team%20Standup', token)}>`, `meet.example.com/Team%20Standup#jwt=${token}`]) {
    const parsed = parseInspectorInput(input);
    assert.equal(parsed.kind, 'link', input);
    assert.equal(parsed.token, token);
    assert.equal(parsed.link?.room, 'Team%20Standup');
  }
  // a room typed with a raw space in the link is percent-encoded by the URL parser
  assert.equal(parseInspectorInput(`https://meet.example.com/Team Standup#jwt=${token}`).link?.room, 'Team%20Standup');
});

test('room case and spaces: the claim must be the backend-safe name', async () => {
  assertAccepted(await inspect(link('Team%20Standup', await signHs256(testClaims({ room: 'team%20standup' })))), 'moderator');
  assertAccepted(await inspect(link('TEAM%20STANDUP', await signHs256(testClaims({ room: 'team%20standup' })))), 'moderator');
  const displayName = await inspect(link('team%20standup', await signHs256(testClaims({ room: 'Team Standup' }))));
  assertRefused(displayName, 'Room and token mismatched', 'room');
  assert.match(displayName.checks.at(-1)?.detail ?? '', /mint the backend-safe name \('team%20standup'\)/);
});

test('an explicit room overrides the link; "tenant/room" sets the tenant', async () => {
  const token = await signHs256(testClaims());
  const result = await inspect(link('other-room', token), { room: 'Team Standup' });
  assertAccepted(result, 'moderator');
  assert.equal(result.request.roomSource, 'option');
  assert.ok(result.notes.some((note) => note.text.includes("overrides the link's room (other-room)")));
  assertRefused(await inspect(token, { room: 'other-room' }), 'Room and token mismatched', 'room');
  const tenantToken = await signHs256(testClaims({ sub: 'acme' }));
  const tenant = await inspect(tenantToken, { room: 'acme/Team Standup' });
  assertAccepted(tenant, 'moderator');
  assert.equal(tenant.request.tenant, 'acme');
  assertAccepted(await inspect(tenantToken, { room: 'Team Standup', defaultTenant: 'acme' }), 'moderator');
});

test('no room anywhere: checked against the token\'s own room claim, and it says so', async () => {
  const result = await inspect(await signHs256(testClaims()));
  assertAccepted(result, 'moderator');
  assert.equal(result.request.roomSource, 'token');
  assert.equal(result.request.roomTested, false);
  assert.ok(result.notes.some((note) => note.level === 'warning' && note.text.includes('the room check was not really tested')));
  assert.match(formatInspection(result), /not really tested/);
});

test('a link to another Jitsi than the configured one is pointed out', async () => {
  const result = await inspect(`https://jitsi.other.org/Team%20Standup#jwt=${await signHs256(testClaims())}`);
  assert.ok(result.notes.some((note) => note.level === 'warning' && note.text.includes('The link opens jitsi.other.org, but the configured Jitsi is meet.example.com')));
});

test('the contract\'s crafted refusals, through the inspector and the same verifier', async () => {
  const room = { room: 'Team Standup' };
  const cases: [string, string, Promise<string> | string, string][] = [
    ['no typ', 'Invalid typ', signHs256(testClaims(), { alg: 'HS256' }), 'typ'],
    ['typ jwt', 'Invalid typ', signHs256(testClaims(), { alg: 'HS256', typ: 'jwt' }), 'typ'],
    ['alg none', 'Invalid token', handmadeToken({ alg: 'none', typ: 'JWT' }, testClaims()), 'format'],
    ['alg none, padded', 'Invalid or incorrect alg', `${handmadeToken({ alg: 'none', typ: 'JWT' }, testClaims())}AAAA`, 'alg'],
    ['HS512', 'Invalid or incorrect alg', signHs256(testClaims(), { alg: 'HS512', typ: 'JWT' }), 'alg'],
    ['other secret', 'Invalid signature', signHs256(testClaims(), undefined, 'not-the-shared-secret-0123456789abcdef'), 'signature'],
    ['expired', 'Not acceptable by exp (300.0 sec since expired, valid for:600.0 sec)', signHs256(testClaims({ iat: TEST_NOW_S - 900, exp: TEST_NOW_S - 300 })), 'exp'],
    ['nbf in the future', 'Not acceptable by nbf', signHs256(testClaims({ nbf: TEST_NOW_S + 60 })), 'nbf'],
    ['wrong iss', "invalid 'iss' claim", signHs256(testClaims({ iss: 'someone-else' })), 'iss'],
    ['array aud', "invalid 'aud' claim", signHs256(testClaims({ aud: ['jitsi'] })), 'aud'],
    ['wrong sub', 'Room and token mismatched', signHs256(testClaims({ sub: 'gatehouse' })), 'sub'],
    ['other room', 'Room and token mismatched', signHs256(testClaims({ room: 'other-room' })), 'room'],
  ];
  for (const [name, reason, token, failing] of cases) {
    const result = await inspect(await token, room);
    assertRefused(result, reason, failing);
    assert.ok(result.checks.slice(0, -1).every((check) => check.ok), `${name}: only the last check failed`);
    assert.ok(result.claims, `${name}: claims still decoded for display`);
    assert.ok(result.notes.some((note) => note.text.includes('decoded, not verified')), name);
    assert.match(formatInspection(result).split('\n').at(-1) ?? '', new RegExp(`^Verdict: REFUSED — ${reason.replace(/[()]/g, '\\$&')}$`), name);
  }
  const expired = await inspect(await signHs256(testClaims({ iat: TEST_NOW_S - 900, exp: TEST_NOW_S - 300 })), room);
  assert.deepEqual(expired.expiry, { seconds: TEST_NOW_S - 300, at: '2026-03-01T11:55:00.000Z', relative: 'expired 5 min ago', past: true });
  const arrayAud = await inspect(await signHs256(testClaims({ aud: ['jitsi'] })), room);
  assert.match(arrayAud.checks.at(-1)?.detail ?? '', /array/);
});

test('top-level moderator is ignored; affiliation owner alone makes a moderator', async () => {
  const topLevel = await inspect(await signHs256(testClaims({ moderator: true, context: { user: { id: 'u-3', name: 'Top Level' } } })), { room: 'Team Standup' });
  assertAccepted(topLevel, 'participant');
  const line = topLevel.checks.find((check) => check.id === 'top-level-moderator');
  assert.ok(line && !line.ok);
  assert.match(formatInspection(topLevel), /✗ No top-level moderator claim \(advisory: Jitsi still accepts\)/);
  const owner = await inspect(await signHs256(testClaims({ context: { user: { affiliation: 'owner' } } })), { room: 'Team Standup' });
  assertAccepted(owner, 'moderator');
});

test('a token without exp is accepted like Jitsi does, with the Gatehouse advisory', async () => {
  const result = await inspect(await signHs256(withoutKeys(testClaims(), 'exp')), { room: 'Team Standup' });
  assertAccepted(result, 'moderator');
  assert.equal(result.expiry, null);
  assert.equal(result.checks.find((check) => check.id === 'exp-required')?.ok, false);
  assert.match(formatInspection(result), /Expires: {2}never \(no exp claim\)/);
});

test('features and the text format: ✓/✗ lines, verdict last', async () => {
  const token = await signHs256(testClaims({ context: { user: { name: 'Grace', email: 'grace@example.com', moderator: false }, features: { recording: false, 'send-groupchat': true } } }));
  const result = await inspect(link('Team%20Standup', token));
  assertAccepted(result, 'participant');
  assert.equal(result.features?.['send-groupchat'], true);
  assert.equal(result.features?.recording, false);
  const text = formatInspection(result);
  const lines = text.split('\n');
  assert.equal(lines.at(-1), 'Verdict: ACCEPTED as participant');
  assert.ok(lines.some((l) => l.startsWith('  ✓ Signature (HS256) — ')));
  assert.ok(lines.includes('Identity: Grace <grace@example.com>'));
  assert.ok(lines.some((l) => l.startsWith('Features: ') && l.includes('send-groupchat=true')));
});

test('garbage never throws: refused with a clear reason, still plain data', async () => {
  const inputs = ['', '   \n ', 'hello world', 'a.b', 'a.b.c', '%%%', 'https://', 'https://meet.example.com/Team%20Standup', 'https://meet.example.com/#jwt=', 'x'.repeat(70_000), '\u0000\ud800.\udfff.x', 'eyJ.eyJ.eyJ'];
  for (const input of inputs) {
    const result = await inspect(input);
    assert.equal(result.accepted, false, JSON.stringify(input.slice(0, 40)));
    assert.ok(result.reason && result.reason.length > 0);
    assert.equal(result.checks.at(-1)?.ok, false);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    assert.match(formatInspection(result), /Verdict: REFUSED — /);
  }
  assert.equal((await inspect('')).reason, 'token required');
  assert.equal((await inspect('hello world')).reason, 'Invalid token');
  assert.ok((await inspect('hello world')).notes.some((note) => note.text.includes('neither a JWT')));
  const noToken = await inspect('https://meet.example.com/Team%20Standup');
  assert.equal(noToken.reason, 'token required');
  assert.ok(noToken.notes.some((note) => note.text.includes('no #jwt=')));
  assert.equal((await inspect('x'.repeat(70_000))).checks[0]?.id, 'input');
});
