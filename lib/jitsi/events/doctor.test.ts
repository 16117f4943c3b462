import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../testing/database';

let database: TestDatabase;
let server: http.Server;
let doctor: typeof import('./doctor');
/** What the stand-in for the portal's public address answers to GET /api/jitsi/events/…. */
let answer = 405;
let asked: string[] = [];

before(async () => {
  database = await createTestDatabase();
  server = http.createServer((request, response) => {
    asked.push(`${request.method} ${request.url}`);
    response.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  process.env.JITSI_EVENTS_SECRET = 'events-test-secret-0123456789abcdef0123';
  doctor = await import('./doctor');
});
after(async () => {
  const { db } = await import('../../db');
  await db.$disconnect();
  await database.drop();
  server.close();
});

test('no event yet: the address answers, and the check says what to do', async () => {
  asked = [];
  const check = await doctor.checkJitsiEvents({ timeoutMs: 2000 });
  assert.equal(check.status, 'warn');
  assert.match(check.detail, /no event has arrived from Jitsi yet/);
  assert.match(check.detail, /setup page/);
  assert.deepEqual(asked, ['GET /api/jitsi/events/events/room/created']);
});

test('a recent event: ok, with its age; a week-old one: a warning', async () => {
  const now = new Date();
  await database.db.jitsiEvent.create({ data: { fingerprint: 'f1', kind: 'occupant/joined', roomName: 'r', receivedAt: new Date(now.getTime() - 5 * 60_000) } });
  const fresh = await doctor.checkJitsiEvents({ timeoutMs: 2000, now });
  assert.equal(fresh.status, 'ok');
  assert.match(fresh.detail, /arrived 5 minutes ago/);
  const later = await doctor.checkJitsiEvents({ timeoutMs: 2000, now: new Date(now.getTime() + 9 * 24 * 3_600_000) });
  assert.equal(later.status, 'warn');
  assert.match(later.detail, /arrived 9 days ago/);
});

test('something else answers on the events address: a warning naming the proxy', async () => {
  answer = 404;
  const check = await doctor.checkJitsiEvents({ timeoutMs: 2000 });
  answer = 405;
  assert.equal(check.status, 'warn');
  assert.match(check.detail, /answered 404 instead of this portal's events receiver/);
});

test('the address cannot be reached: a warning, not an exception', async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const check = await doctor.checkJitsiEvents({ timeoutMs: 2000 });
  assert.equal(check.status, 'warn');
  assert.match(check.detail, /^Could not reach http:\/\/127\.0\.0\.1:\d+\/api\/jitsi\/events\/events\/room\/created from Gatehouse itself \(.+\)\. Jitsi must be able to reach/);
});
