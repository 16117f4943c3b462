import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let bulk: typeof import('./bulk');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  bulk = await import('./bulk');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

test('a 10,000-row list previews and commits in one go; uploading it again creates nothing', async () => {
  const host = await database.db.user.create({ data: { email: 'organiser@example.com' } });
  const actor = { id: host.id, email: host.email, role: 'MEMBER' as const };
  const room = await database.db.room.create({ data: { slug: 'hall', name: 'Hall', ownerId: host.id, jitsiName: 'hallroom', guestsAllowed: true } });
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Conference', startsAt: new Date('2030-01-01T09:00:00Z'), endsAt: new Date('2030-01-01T17:00:00Z'), timeZone: 'UTC' } });
  const csv = new TextEncoder().encode(['name,email', ...Array.from({ length: 10_000 }, (_, i) => `Person ${i},p${i}@partner.test`)].join('\n'));

  const preview = await bulk.previewBulkInvites(actor, meeting.id, csv);
  assert.ok(preview.ok);
  assert.equal(preview.valid, 10_000);

  const started = performance.now();
  const first = await bulk.createBulkInvites(actor, meeting.id, csv);
  console.log(`10,000 invites created in ${Math.round(performance.now() - started)} ms (figures for the record belong in docs/benchmarks.md)`);
  assert.equal(first.created.length, 10_000);
  assert.equal(new Set(first.created.map((c) => c.token)).size, 10_000);
  assert.equal(await database.db.invite.count({ where: { meetingId: meeting.id } }), 10_000);

  const again = await bulk.createBulkInvites(actor, meeting.id, csv);
  assert.deepEqual([again.created.length, again.skipped], [0, 10_000]);
  assert.equal(await database.db.invite.count({ where: { meetingId: meeting.id } }), 10_000);
});
