import { decodeJwt } from 'jose';
import { test, expect, type TestUser } from '../support/fixtures';
import { STANDIN_DOMAIN } from '../support/ports';
import type { PrismaClient } from '../../lib/generated/prisma/client';

async function createRoom(db: PrismaClient, owner: TestUser, options: { alwaysOpen?: boolean; participants?: TestUser[]; coHosts?: TestUser[] } = {}) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return db.room.create({
    data: {
      slug: `join-${suffix}`,
      name: `Join Room ${suffix}`,
      ownerId: owner.id,
      jitsiName: `jn${suffix}`.toLowerCase(),
      alwaysOpen: options.alwaysOpen ?? true,
      moderatorRecording: true,
      members: {
        create: [
          ...(options.participants ?? []).map((p) => ({ userId: p.id, role: 'PARTICIPANT' as const })),
          ...(options.coHosts ?? []).map((p) => ({ userId: p.id, role: 'CO_HOST' as const })),
        ],
      },
    },
  });
}

test('a host joins their room and Jitsi (the stand-in) seats them as moderator; the host sees who joined', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const room = await createRoom(db, host);
  await signInAs(context, host);
  let minted: string | undefined;
  page.on('request', (request) => {
    const match = /#jwt=([^&]+)/.exec(request.url());
    if (match) minted = match[1];
  });

  await page.goto(`/rooms/${room.slug}`);
  await page.getByRole('link', { name: 'Join room' }).click();
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  await expect(page.getByText('Joined as moderator')).toBeVisible();
  // The token never appears in the portal's own address.
  expect(page.url()).not.toContain('jwt');

  const attendance = await db.attendance.findFirstOrThrow({ where: { roomId: room.id, userId: host.id } });
  await expect.poll(async () => (await db.attendance.findUniqueOrThrow({ where: { id: attendance.id } })).joinedAt).not.toBeNull();
  const audit = await db.auditEvent.findFirstOrThrow({ where: { kind: 'token.minted', roomId: room.id } });
  expect(audit.data).toMatchObject({ jti: attendance.jti, role: 'moderator' });
  expect(JSON.stringify(audit.data)).not.toContain('eyJ');
  if (minted) expect(decodeJwt(minted).jti).toBe(attendance.jti);

  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${room.slug}$`));
  await expect.poll(async () => (await db.attendance.findUniqueOrThrow({ where: { id: attendance.id } })).leftAt).not.toBeNull();
  await page.reload();
  const row = page.getByRole('row').filter({ hasText: host.name });
  await expect(row.getByRole('cell', { name: 'Moderator' })).toBeVisible();
});

test('a participant of the room is seated as participant', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const member = await createUser({ prefix: 'teammate' });
  const room = await createRoom(db, host, { participants: [member] });
  await signInAs(context, member);
  await page.goto(`/rooms/${room.slug}/join`);
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');
  await expect(page.getByText('Joined as participant')).toBeVisible();
});

test('a member of another team cannot get a token, not even by calling the join action directly', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const room = await createRoom(db, host);
  const outsider = await createUser({ prefix: 'outsider' });
  const ownRoom = await createRoom(db, outsider);
  await signInAs(context, outsider);

  await page.goto(`/rooms/${room.slug}/join`);
  await expect(page.getByRole('heading', { name: 'You can’t join right now' })).toBeVisible();
  await expect(page.getByText('does not exist, or you are not invited')).toBeVisible();

  // Capture the real join action call on the outsider's own room, then replay it for the other room.
  const call = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await page.goto(`/rooms/${ownRoom.slug}/join`);
  const request = await call;
  const actionId = request.headers()['next-action']!;
  const body = request.postData() ?? '';
  expect(body).toContain(ownRoom.slug);
  const forged = await page.request.post(request.url(), {
    headers: { 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
    data: body.replaceAll(ownRoom.slug, room.slug),
  });
  const text = await forged.text();
  expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
  expect(text).toContain('NOT_FOUND');
  expect(await db.attendance.count({ where: { roomId: room.id } })).toBe(0);
  // The admin's audit log says who was turned away from which room, and why.
  const refusals = await db.auditEvent.findMany({ where: { kind: 'join.refused', actorId: outsider.id, roomId: room.id } });
  expect(refusals.length).toBeGreaterThanOrEqual(2);
  expect(refusals[0]!.data).toMatchObject({ reason: 'not_found' });
});

test('Jitsi unreachable shows the error state, and trying again works', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const room = await createRoom(db, host);
  await signInAs(context, host);
  await page.route(`https://${STANDIN_DOMAIN}/**`, (route) => route.abort('connectionrefused'));
  await page.goto(`/rooms/${room.slug}/join`);
  await expect(page.getByRole('heading', { name: 'The video service can’t be reached' })).toBeVisible({ timeout: 25_000 });
  await page.unroute(`https://${STANDIN_DOMAIN}/**`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
});

test('an expired token shows the rejoin state, and rejoining mints a fresh one', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(120_000);
  const host = await createUser({ prefix: 'host' });
  const room = await createRoom(db, host);
  await signInAs(context, host);
  // Hold the meeting page until the 60-second token has really expired, then let Jitsi check it.
  let held = true;
  await page.route(new RegExp(`^https://${STANDIN_DOMAIN}/${room.jitsiName}`), async (route) => {
    if (held) {
      held = false;
      await new Promise((resolve) => setTimeout(resolve, 62_000));
    }
    await route.continue();
  });
  await page.goto(`/rooms/${room.slug}/join`);
  await expect(page.getByRole('heading', { name: 'Your meeting link expired' })).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Rejoin' }).click();
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  expect(await db.attendance.count({ where: { roomId: room.id } })).toBe(2);
});

test('a scheduled meeting cannot be joined too early, and says when it opens', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const room = await createRoom(db, host, { alwaysOpen: false });
  const startsAt = new Date(Date.now() + 3 * 3_600_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Later today', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}/join`);
  await expect(page.getByText(/It is too early to join\. “Later today” starts .*; joining opens at/)).toBeVisible();
  expect(await db.attendance.count({ where: { roomId: room.id } })).toBe(0);
});
