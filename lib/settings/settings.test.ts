import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let settings: typeof import('./settings');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  settings = await import('./settings');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

test('settings never saved read as the database defaults; saving keeps one row and who saved it', async () => {
  const withoutTimes = (row: object) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'updatedAt' && key !== 'updatedBy'));
  const defaults = await settings.getPortalSettings();
  assert.equal(defaults.updatedBy, null);
  const saved = await settings.updatePortalSettings({}, 'admin-1');
  assert.deepEqual(withoutTimes(saved), withoutTimes(defaults), 'the code defaults equal the column defaults');
  assert.equal(saved.updatedBy, 'admin-1');
  await settings.updatePortalSettings({}, 'admin-2');
  assert.equal(await database.db.portalSettings.count(), 1);
  assert.equal((await settings.getPortalSettings()).updatedBy, 'admin-2');
  await assert.rejects(database.db.portalSettings.create({ data: { id: 2 } }), 'a second row is refused');
});
