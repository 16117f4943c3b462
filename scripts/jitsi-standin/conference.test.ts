import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { signHs256, TEST_SECRET } from '../../lib/jitsi/testing';
import { startJitsiStandin, type RunningStandin } from '../jitsi-standin';

let standin: RunningStandin;
let certDir: string;

before(async () => {
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-conference-'));
  standin = await startJitsiStandin({ host: '127.0.0.1', port: 0, certDir, config: { appId: 'gatehouse', algorithm: 'HS256', appSecret: TEST_SECRET, acceptedAudiences: ['jitsi'] } });
});
after(async () => {
  await standin?.close();
  fs.rmSync(certDir, { recursive: true, force: true });
});

/** POST /conference/<action> with a JSON body; the stand-in's self-signed certificate is trusted here only. */
function post(action: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${standin.url}/conference/${action}`, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    request.on('error', reject);
    request.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

let n = 0;
/** A token for `room` on the stand-in, valid now, with these context.user claims. */
async function token(room: string, user: Record<string, unknown>, exp = Math.floor(Date.now() / 1000) + 600) {
  const now = Math.floor(Date.now() / 1000);
  return signHs256({ iss: 'gatehouse', aud: 'jitsi', sub: standin.domain, room, nbf: now - 30, iat: now, exp, jti: `j${++n}`, context: { user: { id: `u${n}`, name: `Person ${n}`, ...user } } });
}
const moderator = { moderator: true, affiliation: 'owner', lobby_bypass: true };

async function join(room: string, user: Record<string, unknown>) {
  const { json } = await post('join', { token: await token(room, user), room });
  return json as { occupant?: string; status?: string; reason?: string; verdict: { accepted: boolean; role?: string; reason?: string } };
}

test('lobby: true makes a person wait; a moderator in the room sees them and admits them', async () => {
  const host = await join('lobbyroom', moderator);
  assert.equal(host.status, 'joined');
  assert.equal(host.verdict.role, 'moderator');
  const guest = await join('lobbyroom', { name: 'Gail Guest', lobby: true });
  assert.equal(guest.status, 'waiting');
  assert.equal((await post('state', { occupant: guest.occupant })).json.status, 'waiting');
  const seen = (await post('state', { occupant: host.occupant })).json as { waiting: { id: string; name: string }[] };
  assert.deepEqual(seen.waiting, [{ id: guest.occupant, name: 'Gail Guest' }]);
  assert.deepEqual((await post('admit', { occupant: host.occupant, target: guest.occupant })).json, { status: 'joined' });
  assert.equal((await post('state', { occupant: guest.occupant })).json.status, 'joined');
});

test('who waits is decided by the token alone: bypass wins, the string "true" is ignored, a name is required', async () => {
  assert.equal((await join('claims', { lobby: true, lobby_bypass: true })).status, 'joined');
  assert.equal((await join('claims', { lobby: 'true' })).status, 'joined', 'the string "true" is ignored, like Prosody');
  assert.equal((await join('claims', {})).status, 'joined');
  const nameless = await join('claims', { name: ' ', lobby: true });
  assert.equal(nameless.status, 'refused');
  assert.equal(nameless.reason, 'displayname-required');
  assert.equal(nameless.occupant, undefined);
  // A moderator token without lobby_bypass waits too.
  assert.equal((await join('claims', { moderator: true, affiliation: 'owner', lobby: true })).status, 'waiting');
});

test('a bad token never reaches the lobby: it is rejected first', async () => {
  const { json } = await post('join', { token: await token('other-room', { lobby: true }), room: 'lobbyroom' });
  assert.equal((json.verdict as { accepted: boolean }).accepted, false);
  assert.equal(json.occupant, undefined);
  const expired = await post('join', { token: await token('lobbyroom', { lobby: true }, Math.floor(Date.now() / 1000) - 60), room: 'lobbyroom' });
  assert.equal((expired.json.verdict as { accepted: boolean }).accepted, false);
});

test('only a joined moderator of the same room admits, refuses or ends; refusal tells the guest', async () => {
  const host = await join('strict', moderator);
  const participant = await join('strict', {});
  const otherHost = await join('elsewhere', moderator);
  const guest = await join('strict', { name: 'G', lobby: true });
  assert.equal((await post('admit', { occupant: participant.occupant, target: guest.occupant })).status, 403);
  assert.equal((await post('end', { occupant: participant.occupant })).status, 403);
  assert.equal((await post('admit', { occupant: otherHost.occupant, target: guest.occupant })).status, 404, 'another room’s moderator cannot see this lobby');
  assert.equal((await post('admit', { occupant: guest.occupant, target: guest.occupant })).status, 403, 'a waiting person cannot admit themselves');
  assert.equal((await post('admit', { occupant: host.occupant, target: participant.occupant })).status, 404, 'only waiting people can be admitted');
  assert.deepEqual((await post('refuse', { occupant: host.occupant, target: guest.occupant })).json, { status: 'refused' });
  assert.equal((await post('state', { occupant: guest.occupant })).json.status, 'refused');
  assert.equal((await post('admit', { occupant: host.occupant, target: guest.occupant })).status, 404, 'a refusal is final');
});

test('end for everyone ends every session in the room, waiting ones too, and nothing elsewhere', async () => {
  const host = await join('ending', moderator);
  const participant = await join('ending', {});
  const waiting = await join('ending', { name: 'W', lobby: true });
  const elsewhere = await join('not-ending', {});
  assert.deepEqual((await post('end', { occupant: host.occupant })).json, { ended: 3 });
  for (const o of [host, participant, waiting]) assert.equal((await post('state', { occupant: o.occupant })).json.status, 'ended');
  assert.equal((await post('state', { occupant: elsewhere.occupant })).json.status, 'joined');
  assert.equal((await post('end', { occupant: host.occupant })).status, 403, 'an ended moderator cannot end again');
});

test('the drop control drops one connection; leave and drop only work while in', async () => {
  const a = await join('dropping', {});
  const b = await join('dropping', {});
  assert.deepEqual((await post('drop', { occupant: a.occupant })).json, { status: 'dropped' });
  assert.equal((await post('state', { occupant: b.occupant })).json.status, 'joined');
  assert.equal((await post('drop', { occupant: a.occupant })).status, 409);
  assert.deepEqual((await post('leave', { occupant: b.occupant })).json, { status: 'left' });
  assert.equal((await post('leave', { occupant: b.occupant })).status, 409);
});

test('malformed requests get a plain 4xx', async () => {
  assert.equal((await post('state', {})).status, 400);
  assert.equal((await post('state', { occupant: 'not-an-id' })).status, 400);
  assert.equal((await post('state', { occupant: '0'.repeat(24) })).status, 404);
  assert.equal((await post('admit', { occupant: '0'.repeat(24) })).status, 400);
  assert.equal((await post('nope', { occupant: '0'.repeat(24) })).status, 404);
  assert.equal((await post('join', { token: 'x' })).status, 400);
  assert.equal((await post('join', '[1]')).status, 400);
  assert.equal((await post('join', 'not json')).status, 400);
});
