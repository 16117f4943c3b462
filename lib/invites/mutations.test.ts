import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let invites: typeof import('./mutations');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  invites = await import('./mutations');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

let n = 0;
async function setup(guestsAllowed = true) {
  const host = await database.db.user.create({ data: { email: `host${++n}@example.com` } });
  const room = await database.db.room.create({ data: { slug: `inv-${n}`, name: 'Room', ownerId: host.id, jitsiName: `inv${n}`, guestsAllowed } });
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'W', startsAt: new Date('2030-01-01T10:00:00Z'), endsAt: new Date('2030-01-01T11:00:00Z'), timeZone: 'UTC' } });
  return { host: { id: host.id, email: host.email, role: 'MEMBER' as const }, meeting };
}
const personal = (meetingId: string, email = 'guest@partner.test') => ({ kind: 'personal' as const, meetingId, name: 'Guest', email, role: 'GUEST' as const });

test('two organisers inviting the same person at once create one invite; the other gets a clear message', async () => {
  const { host, meeting } = await setup();
  const results = await Promise.allSettled(Array.from({ length: 5 }, () => invites.createInvite(host, personal(meeting.id))));
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') assert.match(String((r.reason as { fieldErrors?: { email?: string[] } }).fieldErrors?.email), /already invited/);
  assert.equal(await database.db.invite.count({ where: { meetingId: meeting.id } }), 1);
});

test('a revoked invite can be replaced; the token is stored only as a hash; expiry is the meeting end', async () => {
  const { host, meeting } = await setup();
  const first = await invites.createInvite(host, personal(meeting.id));
  await invites.revokeInvite(host, first.id);
  const second = await invites.createInvite(host, personal(meeting.id));
  const stored = await database.db.invite.findUniqueOrThrow({ where: { id: second.id } });
  assert.notEqual(stored.tokenHash, second.token);
  assert.ok(second.token.length >= 43, 'at least 256 bits in base64url');
  assert.deepEqual(stored.expiresAt, meeting.endsAt);
});

test('no guests in rooms that do not admit them; another member gets NOT_FOUND and nothing is written', async () => {
  const closed = await setup(false);
  await assert.rejects(invites.createInvite(closed.host, personal(closed.meeting.id)), { code: 'FORBIDDEN' });
  const open = await setup();
  const stranger = await database.db.user.create({ data: { email: `stranger${++n}@example.com` } });
  await assert.rejects(invites.createInvite({ id: stranger.id, email: stranger.email, role: 'MEMBER' }, personal(open.meeting.id)), { code: 'NOT_FOUND' });
  const made = await invites.createInvite(open.host, { kind: 'link', meetingId: open.meeting.id, maxUses: 3 });
  await assert.rejects(invites.revokeInvite({ id: stranger.id, email: stranger.email, role: 'MEMBER' }, made.id), { code: 'NOT_FOUND' });
  assert.equal(await database.db.invite.count({ where: { meetingId: { in: [closed.meeting.id, open.meeting.id] } } }), 1);
});
