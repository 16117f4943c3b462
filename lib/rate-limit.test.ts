import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from './testing/database';

let database: TestDatabase;
let consumeRateLimit: typeof import('./rate-limit').consumeRateLimit;
let purgeExpiredRateLimits: typeof import('./rate-limit').purgeExpiredRateLimits;
let clientAddress: typeof import('./rate-limit').clientAddress;

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  ({ consumeRateLimit, purgeExpiredRateLimits, clientAddress } = await import('./rate-limit'));
});
after(async () => {
  const { db } = await import('./db');
  await db.$disconnect();
  await database.drop();
});

test('a fixed window allows `limit` attempts, then says when to retry, then opens again', async () => {
  const start = new Date('2026-01-01T10:00:00Z');
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  for (let i = 0; i < 3; i++) assert.deepEqual(await consumeRateLimit('k1', 3, 60, at(i)), { allowed: true });
  assert.deepEqual(await consumeRateLimit('k1', 3, 60, at(20)), { allowed: false, retryAfterSeconds: 40 });
  assert.deepEqual(await consumeRateLimit('k2', 3, 60, at(20)), { allowed: true }, 'keys are separate');
  assert.deepEqual(await consumeRateLimit('k1', 3, 60, at(61)), { allowed: true }, 'a new window');
});

test('concurrent attempts are all counted', async () => {
  const now = new Date();
  const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit('burst', 5, 60, now)));
  assert.equal(results.filter((r) => r.allowed).length, 5);
});

test('expired rows are purged, a bounded batch at a time; live ones stay', async () => {
  const { db } = await import('./db');
  const now = new Date('2026-06-01T12:00:00Z');
  const old = new Date(now.getTime() - 25 * 3600 * 1000);
  await db.rateLimit.deleteMany({});
  // What a client spoofing a new address per request left behind (issue 13, finding 4).
  await db.rateLimit.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ key: `spoofed:${i}`, windowStart: old, count: 1 })) });
  await consumeRateLimit('live', 5, 15 * 60, now);
  assert.equal(await purgeExpiredRateLimits(now, 20), 20);
  assert.equal(await purgeExpiredRateLimits(now, 20), 10);
  assert.equal(await purgeExpiredRateLimits(now, 20), 0);
  assert.equal(await db.rateLimit.count({ where: { key: { startsWith: 'spoofed:' } } }), 0);
  assert.equal(await db.rateLimit.count({ where: { key: 'live' } }), 1);
  await assert.rejects(consumeRateLimit('long', 1, 2 * 24 * 3600, now), RangeError);
});

test('the client address believes X-Forwarded-For only as far as the trusted proxies reach', () => {
  const headers = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {});
  // Reached directly (0 hops): the peer address the server appended is the client, whatever it claims.
  assert.equal(clientAddress(headers('203.0.113.9'), 0), '203.0.113.9');
  assert.equal(clientAddress(headers('6.6.6.6, 203.0.113.9'), 0), '203.0.113.9');
  assert.equal(clientAddress(headers('1.1.1.1, 2.2.2.2, 6.6.6.6, 203.0.113.9'), 0), '203.0.113.9');
  // Behind one proxy (nginx at 10.0.0.2 appended the client 198.51.100.7).
  assert.equal(clientAddress(headers('6.6.6.6, 198.51.100.7, 10.0.0.2'), 1), '198.51.100.7');
  assert.equal(clientAddress(headers('198.51.100.7, 10.0.0.2'), 1), '198.51.100.7');
  // Fewer entries than hops: the leftmost (the only one there is), never a made-up one.
  assert.equal(clientAddress(headers('10.0.0.2'), 2), '10.0.0.2');
  assert.equal(clientAddress(headers('::ffff:127.0.0.1'), 0), '127.0.0.1');
  assert.equal(clientAddress(headers(), 0), 'unknown');
  // X-Real-IP is a header like any other a client can write: never used.
  assert.equal(clientAddress(new Headers({ 'x-real-ip': '6.6.6.6', 'x-forwarded-for': '203.0.113.9' }), 0), '203.0.113.9');
});
