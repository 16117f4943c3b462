import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from './testing/database';
import { migrateDeploy } from '../prisma/migrate';

let database: TestDatabase;
let checkHealth: typeof import('./health').checkHealth;

before(async () => {
  database = await createTestDatabase({ migrate: false });
  process.env.DATABASE_URL = database.url;
  ({ checkHealth } = await import('./health'));
});
after(async () => {
  const { db } = await import('./db');
  await db.$disconnect();
  await database.drop();
});

test('an empty database is reported with what to do, then ok once migrated', async () => {
  assert.deepEqual(await checkHealth(), { status: 'unavailable', database: { kind: 'postgres' }, reason: 'The database has no tables yet: run npm run db:migrate.' });
  const applied = await migrateDeploy({ kind: 'postgres', url: database.url });
  assert.deepEqual(await checkHealth(), { status: 'ok', database: { kind: 'postgres', migrations: applied.length } });
});
