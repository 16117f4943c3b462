import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { signHs256, TEST_SECRET } from '../../lib/jitsi/testing';
import { parseEvent, isEventPath } from '../../lib/jitsi/events/payload';
import { startJitsiStandin, type RunningStandin } from '../jitsi-standin';

const SECRET = 'standin-events-secret-0123456789abcdef0123';
type Received = { path: string; authorization: string | undefined; contentType: string | undefined; body: Record<string, unknown> };
const received: Received[] = [];
let receiver: http.Server;
let standin: RunningStandin;
let certDir: string;
let failNext = 0;

before(async () => {
  // The portal's side, played by a small HTTP server that records what arrives (and can fail on purpose).
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(200).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-standin-events-'));
  standin = await startJitsiStandin({
    host: '127.0.0.1',
    port: 0,
    certDir,
    config: { appId: 'gatehouse', algorithm: 'HS256', appSecret: TEST_SECRET, acceptedAudiences: ['jitsi'] },
    events: { url: `http://127.0.0.1:${port}/api/jitsi/events`, secret: SECRET },
  });
});
after(async () => {
  await standin?.close();
  receiver?.close();
  fs.rmSync(certDir, { recursive: true, force: true });
});

function post(action: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${standin.url}/conference/${action}`, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

async function join(room: string, user: Record<string, unknown>, moderator = false) {
  const now = Math.floor(Date.now() / 1000);
  const token = await signHs256({ iss: 'gatehouse', aud: 'jitsi', sub: standin.domain, room, nbf: now - 30, iat: now, exp: now + 600, context: { user: { moderator, ...user } } });
  return (await post('join', { token, room })).occupant as string;
}

async function until(count: number) {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 100));
}

test('the stand-in posts event_sync’s events: same paths, header and JSON, a retry after a 5xx, and the room destroyed when the last one leaves', async () => {
  const host = await join('eventroom', { id: 'user-host', name: 'Hana Host', email: 'hana@example.com' }, true);
  failNext = 1; // the portal answers the guest's joined with a 503 once: the same body comes again
  const guest = await join('eventroom', { id: 'invite:abc', name: 'Gus Guest', email: 'gus@partner.test' });
  await until(3);
  await post('leave', { occupant: guest });
  await post('leave', { occupant: host });
  await until(6);

  assert.deepEqual(received.map((r) => r.path), [
    '/api/jitsi/events/events/room/created',
    '/api/jitsi/events/events/occupant/joined',
    '/api/jitsi/events/events/occupant/joined',
    '/api/jitsi/events/events/occupant/left',
    '/api/jitsi/events/events/occupant/left',
    '/api/jitsi/events/events/room/destroyed',
  ]);
  for (const r of received) {
    assert.equal(r.authorization, `Bearer ${SECRET}`);
    assert.equal(r.contentType, 'application/json');
    const eventPath = r.path.replace('/api/jitsi/events/events/', '');
    assert.ok(isEventPath(eventPath));
    const parsed = parseEvent(eventPath, r.body);
    assert.ok(parsed.ok, `the portal's parser accepts what the stand-in sends: ${parsed.ok ? '' : parsed.reason}`);
    assert.equal(r.body.room_name, 'eventroom');
  }
  const [, hostJoined, guestJoined, guestLeft, , destroyed] = received.map((r) => r.body);
  assert.deepEqual({ ...(hostJoined!.occupant as object), occupant_jid: 'x', joined_at: 0 }, { id: 'user-host', name: 'Hana Host', email: 'hana@example.com', occupant_jid: 'x', joined_at: 0 });
  assert.match((guestJoined!.occupant as { occupant_jid: string }).occupant_jid, /^[0-9a-f-]{36}@localhost\/[0-9a-f]{8}$/, 'a real full JID');
  assert.equal(guestJoined!.active_occupants_count, 2);
  assert.equal((guestLeft!.occupant as { id: string }).id, 'invite:abc');
  assert.equal(typeof (guestLeft!.occupant as { left_at: unknown }).left_at, 'number');
  assert.ok(Number.isInteger((guestLeft!.occupant as { joined_at: number }).joined_at), 'whole seconds');
  assert.equal((destroyed!.all_occupants as unknown[]).length, 2);
});
