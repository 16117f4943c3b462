import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from './testing/database';

let database: TestDatabase;
let consumeRateLimit: typeof import('./rate-limit').consumeRateLimit;

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  ({ consumeRateLimit } = await import('./rate-limit'));
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
