import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let redeem: typeof import('./redeem');
let tokens: typeof import('./tokens');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.JITSI_DOMAIN = 'meet.example.com';
  process.env.JITSI_APP_SECRET = 'integration-test-secret-0123456789abcdef';
  redeem = await import('./redeem');
  tokens = await import('./tokens');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

async function meetingNow() {
  const host = await database.db.user.create({ data: { email: `host-${Date.now()}@example.com` } });
  const room = await database.db.room.create({ data: { slug: `r-${Date.now()}`, name: 'R', ownerId: host.id, jitsiName: `room${Date.now()}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() - 60_000);
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Now', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  return { host, room, meeting };
}

test('20 parallel redemptions of a single-use link: exactly one gets a token', async () => {
  const { host, room, meeting } = await meetingNow();
  const token = tokens.generateInviteToken();
  await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), maxUses: 1, expiresAt: meeting.endsAt } });
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem.redeemInvite(token, `Guest ${i}`)));
  assert.equal(results.filter((r) => r.ok).length, 1);
  for (const r of results) if (!r.ok) assert.equal(r.message, redeem.INVALID_INVITE);
  assert.equal(await database.db.attendance.count({ where: { roomId: room.id } }), 1);
});

test('a guest token is a participant token for that room only, identified by the invite', async () => {
  const { host, room, meeting } = await meetingNow();
  const token = tokens.generateInviteToken();
  const invite = await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), name: 'G', email: 'g@partner.test', expiresAt: meeting.endsAt } });
  const result = await redeem.redeemInvite(token, 'Gigi');
  assert.ok(result.ok);
  const { decodeJwt } = await import('jose');
  const claims = decodeJwt(result.ticket.token) as { room: string; context: { user: { id: string; name: string; moderator: boolean } } };
  assert.equal(claims.room, room.jitsiName);
  assert.deepEqual([claims.context.user.id, claims.context.user.name, claims.context.user.moderator], [`invite:${invite.id}`, 'Gigi', false]);
  await database.db.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
  assert.deepEqual(await redeem.redeemInvite(token, 'Gigi'), { ok: false, message: redeem.INVALID_INVITE });
});
