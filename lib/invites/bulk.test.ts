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

test('re-uploading a list does not re-invite a revoked person unless the organiser picks them', async () => {
  const host = await database.db.user.create({ data: { email: 'reupload@example.com' } });
  const actor = { id: host.id, email: host.email, role: 'MEMBER' as const };
  const room = await database.db.room.create({ data: { slug: 'reupload', name: 'Workshop', ownerId: host.id, jitsiName: 'reuploadroom', guestsAllowed: true } });
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Workshop', startsAt: new Date('2030-01-01T09:00:00Z'), endsAt: new Date('2030-01-01T17:00:00Z'), timeZone: 'UTC' } });
  const csv = new TextEncoder().encode('name,email\nAnn,ann@partner.test\nRev,rev@partner.test\n');
  await bulk.createBulkInvites(actor, meeting.id, csv);
  await database.db.invite.updateMany({ where: { meetingId: meeting.id, email: 'rev@partner.test' }, data: { revokedAt: new Date() } });

  const preview = await bulk.previewBulkInvites(actor, meeting.id, new TextEncoder().encode('name,email\nAnn,ann@partner.test\nRev,REV@partner.test\nNew,new@partner.test\n'));
  assert.ok(preview.ok);
  assert.deepEqual(preview.rows.map((r) => [r.email, r.problems.join(','), r.revoked]), [
    ['ann@partner.test', 'already_invited', false],
    ['rev@partner.test', '', true],
    ['new@partner.test', '', false],
  ]);
  assert.deepEqual([preview.valid, preview.revoked, preview.invalid], [1, 1, 1]);

  // Not picked: the revoked person stays out, whatever the browser claimed the preview said.
  const bytes = new TextEncoder().encode('name,email\nAnn,ann@partner.test\nRev,REV@partner.test\nNew,new@partner.test\n');
  const first = await bulk.createBulkInvites(actor, meeting.id, bytes);
  assert.deepEqual(first.created.map((c) => c.email), ['new@partner.test']);
  assert.equal(await database.db.invite.count({ where: { meetingId: meeting.id, email: 'rev@partner.test', revokedAt: null } }), 0);

  // Picked: invited again, once, even if the same request is sent twice.
  const picked = await bulk.createBulkInvites(actor, meeting.id, bytes, new Set(['rev@partner.test']));
  assert.deepEqual(picked.created.map((c) => c.email), ['rev@partner.test']);
  const twice = await bulk.createBulkInvites(actor, meeting.id, bytes, new Set(['rev@partner.test']));
  assert.equal(twice.created.length, 0);
  assert.equal(await database.db.invite.count({ where: { meetingId: meeting.id, email: 'rev@partner.test', revokedAt: null } }), 1);
});
