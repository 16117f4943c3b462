import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let links: typeof import('./links');
let redeem: typeof import('./redeem');
const ORIGIN = 'https://portal.test';

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = 'links-test-secret-of-at-least-32-characters';
  links = await import('./links');
  redeem = await import('./redeem');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

let n = 0;
async function invite(link: { tokenHash: string; linkSeed: string | null }) {
  n++;
  const host = await database.db.user.create({ data: { email: `host-${n}@example.com` } });
  const room = await database.db.room.create({ data: { slug: `links-${n}`, name: 'R', ownerId: host.id, jitsiName: `linksroom${n}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 86_400_000);
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Later', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  return database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, email: `guest-${n}@partner.test`, expiresAt: meeting.endsAt, tokenHash: link.tokenHash, linkSeed: link.linkSeed } });
}
const tokenOf = (link: string) => link.slice(`${ORIGIN}/invite/`.length);

test('every mail about an invite carries the link it was created with, and that link opens the invite page', async () => {
  const created = links.createInviteLink();
  const { id } = await invite(created);
  const mailed = await Promise.all([links.inviteLink(id, ORIGIN), links.inviteLink(id, ORIGIN)]);
  assert.deepEqual(mailed, [`${ORIGIN}/invite/${created.token}`, `${ORIGIN}/invite/${created.token}`]);
  assert.ok(await redeem.getInvitePage(created.token));
  const stored = await database.db.invite.findUniqueOrThrow({ where: { id } });
  assert.ok(!stored.tokenHash.includes(created.token) && !stored.linkSeed!.includes(created.token), 'the database holds no token');
});

test('an invite from before seeds gets one new link, whoever asks first, and keeps it', async () => {
  const { id } = await invite({ tokenHash: 'legacy-hash', linkSeed: null });
  const first = await Promise.all(Array.from({ length: 5 }, () => links.inviteLink(id, ORIGIN)));
  assert.equal(new Set(first).size, 1, 'racing mails agree on one link');
  assert.equal(await links.inviteLink(id, ORIGIN), first[0]);
  assert.ok(await redeem.getInvitePage(tokenOf(first[0]!)));
});

test('re-sending replaces the link: the old one stops working at once, the new one is kept', async () => {
  const created = links.createInviteLink();
  const { id } = await invite(created);
  await links.replaceInviteLink(id);
  const fresh = await links.inviteLink(id, ORIGIN);
  assert.notEqual(tokenOf(fresh), created.token);
  assert.equal(await redeem.getInvitePage(created.token), null);
  assert.ok(await redeem.getInvitePage(tokenOf(fresh)));
  assert.equal(await links.inviteLink(id, ORIGIN), fresh);
});
