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
  const token = tokens.newInviteLink('unit-test-secret-0123456789abcdef').token;
  await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), maxUses: 1, expiresAt: meeting.endsAt } });
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem.redeemInvite(token, `Guest ${i}`, `device-${i}`)));
  assert.equal(results.filter((r) => r.ok).length, 1);
  for (const r of results) if (!r.ok) assert.equal(r.message, redeem.INVALID_INVITE);
  assert.equal(await database.db.attendance.count({ where: { roomId: room.id } }), 1);
});

test('a guest token is a participant token for that room only, identified by the invite', async () => {
  const { host, room, meeting } = await meetingNow();
  const token = tokens.newInviteLink('unit-test-secret-0123456789abcdef').token;
  const invite = await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), name: 'G', email: 'g@partner.test', expiresAt: meeting.endsAt } });
  const result = await redeem.redeemInvite(token, 'Someone Else', 'device-a');
  assert.ok(result.ok);
  const { decodeJwt } = await import('jose');
  const claims = decodeJwt(result.ticket.token) as { room: string; context: { user: { id: string; name: string; moderator: boolean } } };
  assert.equal(claims.room, room.jitsiName);
  assert.deepEqual([claims.context.user.id, claims.context.user.name, claims.context.user.moderator], [`invite:${invite.id}`, 'G', false], 'a personal invite joins under its own name, not a typed one');
  await database.db.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
  assert.deepEqual(await redeem.redeemInvite(token, null, 'device-a'), { ok: false, message: redeem.INVALID_INVITE });
});

test('a personal link is one person: a second browser is refused while the first is in, and the refusal is counted', async () => {
  const { host, room, meeting } = await meetingNow();
  const token = tokens.newInviteLink('unit-test-secret-0123456789abcdef').token;
  const invite = await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), name: 'Ada', email: 'ada@partner.test', expiresAt: meeting.endsAt } });
  const { recordSessionEvent } = await import('../jitsi/join');
  const first = await redeem.redeemInvite(token, null, 'device-a');
  assert.ok(first.ok);
  await recordSessionEvent({ inviteId: invite.id }, first.ticket.jti, 'joined');

  // Twenty forwarded copies at once: all refused, each counted.
  const forwarded = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem.redeemInvite(token, 'Bob', `device-x${i}`)));
  for (const r of forwarded) assert.deepEqual(r, { ok: false, message: redeem.linkInUseMessage() });
  assert.match(redeem.linkInUseMessage(), /^This link is in use: .* close it and wait 2 minutes\), then try again\.$/);
  // The same browser (a closed tab, a reload) may come back at once.
  const again = await redeem.redeemInvite(token, null, 'device-a');
  assert.ok(again.ok);
  const counted = await database.db.invite.findUniqueOrThrow({ where: { id: invite.id } });
  assert.deepEqual([counted.useCount, counted.refusedUses, counted.sharedUses], [2, 20, 0]);
  assert.equal(await database.db.auditEvent.count({ where: { inviteId: invite.id, kind: 'invite.redeem_refused' } }), 20);

  // Once both of that browser's pages have left, the link is free again.
  await recordSessionEvent({ inviteId: invite.id }, first.ticket.jti, 'left');
  await recordSessionEvent({ inviteId: invite.id }, again.ticket.jti, 'left');
  assert.ok((await redeem.redeemInvite(token, null, 'device-b')).ok);
});

test('a page closed without Leave frees the link once its heartbeats stop', async () => {
  const { host, room, meeting } = await meetingNow();
  const token = tokens.newInviteLink('unit-test-secret-0123456789abcdef').token;
  const invite = await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), name: 'Cy', email: 'cy@partner.test', expiresAt: meeting.endsAt } });
  const first = await redeem.redeemInvite(token, null, 'device-a');
  assert.ok(first.ok);
  // Last heartbeat 76 s ago with the default 30 s interval (timeout 75 s): the tab is gone.
  await database.db.attendance.update({ where: { jti: first.ticket.jti }, data: { joinedAt: new Date(Date.now() - 120_000), lastSeenAt: new Date(Date.now() - 76_000) } });
  assert.ok((await redeem.redeemInvite(token, null, 'device-b')).ok);
  assert.equal((await database.db.invite.findUniqueOrThrow({ where: { id: invite.id } })).refusedUses, 0);
});

test('when the meeting allows sharing, a second browser is let in and counted as shared', async () => {
  const { host, room, meeting } = await meetingNow();
  await database.db.meeting.update({ where: { id: meeting.id }, data: { allowLinkSharing: true } });
  const token = tokens.newInviteLink('unit-test-secret-0123456789abcdef').token;
  const invite = await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(token), name: 'Di', email: 'di@partner.test', expiresAt: meeting.endsAt } });
  assert.ok((await redeem.redeemInvite(token, null, 'device-a')).ok);
  const second = await redeem.redeemInvite(token, 'Eve', 'device-b');
  assert.ok(second.ok);
  assert.equal(second.ticket.displayName, 'Di');
  const counted = await database.db.invite.findUniqueOrThrow({ where: { id: invite.id } });
  assert.deepEqual([counted.useCount, counted.refusedUses, counted.sharedUses], [2, 0, 1]);
});

test('guests report only for tokens of their own invite, and never a role', async () => {
  const { host, room, meeting } = await meetingNow();
  const [tokenA, tokenB] = [tokens.newInviteLink('unit-test-secret-0123456789abcdef').token, tokens.newInviteLink('unit-test-secret-0123456789abcdef').token];
  for (const [t, email] of [[tokenA, 'a@partner.test'], [tokenB, 'b@partner.test']] as const) {
    await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: tokens.hashInviteToken(t), name: email, email, expiresAt: meeting.endsAt } });
  }
  const a = await redeem.redeemInvite(tokenA, null, 'device-a');
  assert.ok(a.ok);
  assert.equal(await redeem.recordGuestAttendance(tokenB, a.ticket.jti, 'joined'), false);
  assert.equal(await redeem.recordGuestAttendance(tokenA, a.ticket.jti, 'joined'), true);
  assert.equal(await redeem.recordGuestAttendance(tokenA, a.ticket.jti, 'role'), false);
});
