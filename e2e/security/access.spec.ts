import { randomBytes } from 'node:crypto';
import { test, expect, type TestUser } from '../support/fixtures';
import { builtAction, callAction } from '../support/actions';
import { PORTAL_URL } from '../support/ports';
import type { PrismaClient } from '../../lib/generated/prisma/client';

async function ownersMeeting(db: PrismaClient, owner: TestUser, participant?: TestUser) {
  const suffix = randomBytes(4).toString('hex');
  const room = await db.room.create({
    data: {
      slug: `priv-${suffix}`,
      name: `Private Board ${suffix}`,
      ownerId: owner.id,
      jitsiName: `pv${suffix}`,
      alwaysOpen: true,
      guestsAllowed: true,
      ...(participant ? { members: { create: { userId: participant.id, role: 'PARTICIPANT' as const } } } : {}),
    },
  });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: owner.id, title: `Secret plans ${suffix}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  const invite = await db.invite.create({
    data: { roomId: room.id, meetingId: meeting.id, createdById: owner.id, name: 'Vip Guest', email: `vip-${suffix}@partner.test`, tokenHash: randomBytes(32).toString('hex'), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return { room, meeting, invite };
}

test("another member's rooms, meetings, invites and attendance look exactly like ids that do not exist", async ({ page, context, createUser, signInAs, db }) => {
  const owner = await createUser({ prefix: 'owner' });
  const { room, meeting, invite } = await ownersMeeting(db, owner);
  await signInAs(context, await createUser({ prefix: 'stranger' }));
  const missingSlug = `priv-${randomBytes(4).toString('hex')}`;
  const missingId = `c${randomBytes(12).toString('hex')}`;
  const pairs: [string, string][] = [
    [`/rooms/${room.slug}`, `/rooms/${missingSlug}`],
    [`/rooms/${room.slug}/edit`, `/rooms/${missingSlug}/edit`],
    [`/rooms/${room.slug}/join`, `/rooms/${missingSlug}/join`],
    [`/meetings/${meeting.id}`, `/meetings/${missingId}`],
    [`/meetings/${meeting.id}/edit`, `/meetings/${missingId}/edit`],
    [`/meetings/${meeting.id}/join`, `/meetings/${missingId}/join`],
    [`/meetings/${meeting.id}/invite-many`, `/meetings/${missingId}/invite-many`],
    [`/meetings/${meeting.id}/attendance.csv`, `/meetings/${missingId}/attendance.csv`],
    [`/meetings/${meeting.id}/ics`, `/meetings/${missingId}/ics`],
  ];
  for (const [theirs, missing] of pairs) {
    const a = await page.request.get(theirs);
    const b = await page.request.get(missing);
    expect(a.status(), theirs).toBe(b.status());
    const text = await a.text();
    for (const secret of [room.name, meeting.title, invite.email!, owner.email]) expect(text, theirs).not.toContain(secret);
    // Same visible words (the ids differ, nothing else).
    // Pages stream: read them once the loading state has been replaced.
    const shown = async (url: string) => {
      await page.goto(url);
      await expect(page.getByText('Loading…')).toHaveCount(0);
      return (await page.locator('body').innerText()).replaceAll(url, '');
    };
    const shownTheirs = await shown(theirs);
    const shownMissing = await shown(missing);
    expect(shownTheirs, theirs).toBe(shownMissing);
  }

  // Actions answer the same NOT_FOUND for their ids and for ids that do not exist.
  const revoke = builtAction('lib/invites/actions.ts#revokeInviteAction');
  const form = (fields: Record<string, string>) => ({ kind: 'form' as const, prev: true, fields });
  const theirs = await callAction(page.request, revoke, form({ inviteId: invite.id, meetingId: meeting.id }));
  const missing = await callAction(page.request, revoke, form({ inviteId: missingId, meetingId: missingId }));
  expect(theirs.text).toContain('"code":"NOT_FOUND"');
  expect(theirs.text.split('\n').slice(1).join('\n')).toBe(missing.text.split('\n').slice(1).join('\n'));
  const join = builtAction('lib/jitsi/actions.ts#joinAction');
  const joinTheirs = await callAction(page.request, join, { kind: 'json', args: [{ kind: 'meeting', meetingId: meeting.id }] });
  const joinMissing = await callAction(page.request, join, { kind: 'json', args: [{ kind: 'meeting', meetingId: missingId }] });
  expect(joinTheirs.text).toContain('"code":"NOT_FOUND"');
  expect(joinTheirs.text.split('\n').slice(1).join('\n')).toBe(joinMissing.text.split('\n').slice(1).join('\n'));
  expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).toBeNull();
});

test('extra or escalating fields in a request are rejected, never applied', async ({ page, context, createUser, signInAs, db }) => {
  const owner = await createUser({ prefix: 'owner' });
  const member = await createUser({ prefix: 'member' });
  const { room, meeting } = await ownersMeeting(db, owner, member);
  await signInAs(context, member);
  const form = (fields: Record<string, string>) => ({ kind: 'form' as const, prev: true, fields });

  // role=ADMIN next to a legitimate profile change.
  const profile = await callAction(page.request, builtAction('lib/users/profile-actions.ts#updateTimeZoneAction'), form({ timeZone: 'Europe/Paris', role: 'ADMIN' }));
  expect(profile.text).toContain('"ok":false');
  expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ role: 'MEMBER', timeZone: 'UTC' });

  // A room created with someone else as owner, or with a version of its own choosing.
  const slug = `mine-${randomBytes(4).toString('hex')}`;
  const created = await callAction(page.request, builtAction('lib/rooms/actions.ts#createRoomAction'), form({ name: 'Mine', slug, ownerId: owner.id, jitsiName: 'chosen-by-me' }));
  expect(created.text).toContain('"ok":false');
  expect(await db.room.count({ where: { slug } })).toBe(0);

  // Asking for moderator rights or every room in the join request.
  const join = builtAction('lib/jitsi/actions.ts#joinAction');
  for (const target of [
    { kind: 'room', slug: room.slug, moderator: true },
    { kind: 'room', slug: room.slug, room: '*' },
    { kind: 'room', slug: room.slug, role: 'moderator' },
    { kind: 'room', slug: '*' },
  ]) {
    const result = await callAction(page.request, join, { kind: 'json', args: [target] });
    expect(result.text, JSON.stringify(target)).toContain('"ok":false');
    expect(result.text).not.toMatch(/eyJ[\w-]+\.eyJ/);
  }
  // The plain request works, as a participant (the token says so, whatever was asked).
  const plain = await callAction(page.request, join, { kind: 'json', args: [{ kind: 'room', slug: room.slug }] });
  expect(plain.text).toContain('"ok":true');
  expect(plain.text).toContain('"role":"participant"');

  // A host's invite form with a made-up role.
  await signInAs(context, owner);
  const invite = await callAction(page.request, builtAction('lib/invites/actions.ts#createInviteAction'), form({ kind: 'personal', meetingId: meeting.id, name: 'Eve', email: 'eve@partner.test', role: 'ADMIN' }));
  expect(invite.text).toContain('"code":"VALIDATION"');
  expect(await db.invite.count({ where: { meetingId: meeting.id, email: 'eve@partner.test' } })).toBe(0);
});

test('the proxy is not the lock: special headers and paths show a visitor nothing of member or admin pages', async ({ playwright, createUser, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const { room } = await ownersMeeting(db, admin);
  const probes: { path: string; headers: Record<string, string> }[] = [];
  for (const path of ['/', '/admin/users', '/admin/rooms', `/rooms/${room.slug}`]) {
    probes.push(
      { path, headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' } },
      { path, headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' } },
      { path, headers: { RSC: '1' } },
      { path, headers: { RSC: '1', 'Next-Router-Prefetch': '1' } },
      { path, headers: { RSC: '1', 'Next-Router-Segment-Prefetch': '/_tree' } },
      { path: `${path === '/' ? '/index' : path}.rsc`, headers: {} },
    );
  }
  const visitor = await playwright.request.newContext({ baseURL: PORTAL_URL });
  // A made-up session cookie gets past the proxy's redirect: the pages themselves must still refuse.
  const forged = await playwright.request.newContext({
    baseURL: PORTAL_URL,
    storageState: { cookies: [{ name: 'authjs.session-token', value: randomBytes(32).toString('hex'), domain: new URL(PORTAL_URL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] },
  });
  for (const client of [visitor, forged]) {
    for (const probe of probes) {
      const response = await client.get(probe.path, { headers: probe.headers, maxRedirects: 0 });
      const body = await response.text();
      const where = `${probe.path} ${JSON.stringify(probe.headers)} → ${response.status()}`;
      expect(body, where).not.toContain(admin.email);
      expect(body, where).not.toContain(room.name);
      expect([200, 303, 307, 308, 401, 403, 404], where).toContain(response.status());
      if (response.status() === 200) expect(body, where).not.toMatch(/Welcome,|Admin<\/a>|Sign out/);
    }
  }
  await visitor.dispose();
  await forged.dispose();
});

test('every admin page refuses members and visitors', async ({ context, playwright, createUser, signInAs }) => {
  const pages = ['/admin', '/admin/users', '/admin/rooms', '/admin/invites', '/admin/audit', '/admin/jitsi', '/admin/jitsi/inspect'];
  await signInAs(context, await createUser());
  for (const path of pages) {
    const response = await context.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
    expect(await response.text(), path).toContain('This page is for administrators');
  }
  expect((await context.request.get('/admin/audit.csv', { maxRedirects: 0 })).status()).toBe(404);
  const visitor = await playwright.request.newContext({ baseURL: PORTAL_URL });
  for (const path of [...pages, '/admin/audit.csv']) {
    const response = await visitor.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers()['location'], path).toContain('/sign-in');
  }
  await visitor.dispose();
});
