import { decodeJwt } from 'jose';
import type { Browser, Page } from '@playwright/test';
import { test, expect, type TestUser } from '../support/fixtures';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { LobbyMode } from '../../lib/generated/prisma/enums';
import { testInviteLink } from '../support/invite-link';

/** A room with a meeting open for joining now, an open invite link to it, and the given lobby setting. */
async function liveMeeting(db: PrismaClient, host: TestUser, lobby: LobbyMode, members: { user: TestUser; role: 'CO_HOST' | 'PARTICIPANT' }[] = []) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const room = await db.room.create({
    data: { slug: `lobby-${suffix}`, name: `Lobby Room ${suffix}`, ownerId: host.id, jitsiName: `lb${suffix}`, guestsAllowed: true, lobby, members: { create: members.map((m) => ({ userId: m.user.id, role: m.role })) } },
  });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Quarterly review', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  const { token, linkSeed, tokenHash } = testInviteLink();
  const invite = await db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash, linkSeed, maxUses: 10, expiresAt: meeting.endsAt } });
  return { room, meeting, invite, link: `/invite/${token}` };
}

async function visitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  return context.newPage();
}

/** The token of the page's current meeting frame, read from the iframe's address. */
async function frameJti(page: Page): Promise<string> {
  const src = await page.locator('iframe').getAttribute('src');
  const jwt = /[#&]jwt=([^&]+)/.exec(src ?? '')?.[1];
  if (!jwt) throw new Error('no token in the frame address');
  return decodeJwt(decodeURIComponent(jwt)).jti as string;
}

test.describe.configure({ timeout: 120_000 });

test('guests wait: a guest on an open link waits, the host admits them; an employee walks in', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const colleague = await createUser({ prefix: 'colleague' });
  const { meeting, invite, link } = await liveMeeting(db, host, 'GUESTS', [{ user: colleague, role: 'PARTICIPANT' }]);

  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}/join`);
  const hostFrame = page.frameLocator('iframe');
  await expect(hostFrame.getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');

  const guest = await visitor(browser);
  await guest.goto(link);
  await guest.getByLabel('Your name').fill('Gina Guest');
  await guest.getByRole('button', { name: 'Join meeting' }).click();
  const guestFrame = guest.frameLocator('iframe');
  await expect(guestFrame.getByTestId('standin-verdict')).toHaveAttribute('data-lobby', 'waiting');
  await expect(guestFrame.getByTestId('standin-verdict')).toHaveText('Waiting for a moderator to let you in');
  await expect(guest.getByText('Waiting for a moderator to let you in…')).toBeVisible();
  // Still waiting well past the "unreachable" limit: waiting is an answer.
  const guestRow = await db.attendance.findFirstOrThrow({ where: { inviteId: invite.id } });
  expect(guestRow.joinedAt).toBeNull();

  // The host sees who waits and admits them.
  const waiting = hostFrame.getByTestId('standin-lobby-list').locator('li', { hasText: 'Gina Guest' });
  await expect(waiting).toBeVisible();
  await waiting.getByTestId('standin-admit').click();
  await expect(guestFrame.getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');
  await expect(guest.getByText('Joined as participant')).toBeVisible();
  await expect.poll(async () => (await db.attendance.findUniqueOrThrow({ where: { id: guestRow.id } })).joinedAt).not.toBeNull();

  // An employee of the room walks straight in.
  const colleagueContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(colleagueContext, colleague);
  const colleaguePage = await colleagueContext.newPage();
  await colleaguePage.goto(`/meetings/${meeting.id}/join`);
  await expect(colleaguePage.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');
  await expect(colleaguePage.frameLocator('iframe').getByTestId('standin-verdict')).not.toHaveAttribute('data-lobby', 'waiting');
  await colleagueContext.close();
  await guest.context().close();
});

test('End meeting for everyone ends both sessions and closes their attendance; nobody can rejoin it', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const colleague = await createUser({ prefix: 'colleague' });
  const { room, meeting } = await liveMeeting(db, host, 'OFF', [{ user: colleague, role: 'PARTICIPANT' }]);

  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}/join`);
  await expect(page.getByText('Joined as moderator')).toBeVisible();

  const colleagueContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(colleagueContext, colleague);
  const colleaguePage = await colleagueContext.newPage();
  await colleaguePage.goto(`/meetings/${meeting.id}/join`);
  await expect(colleaguePage.getByText('Joined as participant')).toBeVisible();
  // Participants are not offered the button.
  await expect(colleaguePage.getByRole('button', { name: 'End meeting for everyone' })).toHaveCount(0);
  await expect.poll(async () => db.attendance.count({ where: { roomId: room.id, joinedAt: { not: null }, leftAt: null } })).toBe(2);

  await page.getByRole('button', { name: 'End meeting for everyone' }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`), { timeout: 15_000 });
  await expect(colleaguePage.locator('iframe')).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(async () => db.attendance.count({ where: { roomId: room.id, leftAt: null } })).toBe(0);
  expect(await db.auditEvent.count({ where: { roomId: room.id, kind: 'room.meeting_ended' } })).toBe(1);

  // The meeting that was on refuses new tokens.
  await colleaguePage.goto(`/meetings/${meeting.id}/join`);
  await expect(colleaguePage.getByText(/was ended for everyone by its host/)).toBeVisible();
  await colleagueContext.close();
});

test('the host ends a live meeting from the room page: open meeting pages leave on their next heartbeat', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const colleague = await createUser({ prefix: 'colleague' });
  const { room, meeting } = await liveMeeting(db, host, 'OFF', [{ user: colleague, role: 'PARTICIPANT' }]);
  const colleagueContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(colleagueContext, colleague);
  const colleaguePage = await colleagueContext.newPage();
  await colleaguePage.goto(`/meetings/${meeting.id}/join`);
  await expect(colleaguePage.getByText('Joined as participant')).toBeVisible();

  await signInAs(context, host);
  await page.goto(`/rooms/${room.slug}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'End live meeting for everyone' }).click();
  await expect(page.getByText(/Ended: everyone’s attendance is closed/)).toBeVisible();
  await expect(colleaguePage.getByRole('heading', { name: 'The meeting has ended' })).toBeVisible({ timeout: 15_000 });
  await expect(colleaguePage.locator('iframe')).toHaveCount(0);
  expect(await db.attendance.count({ where: { roomId: room.id, leftAt: null } })).toBe(0);
  await colleagueContext.close();
});

test('an employee invited by address as co-host is moderator', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const partner = await createUser({ prefix: 'cohost' });
  const { meeting } = await liveMeeting(db, host, 'EVERYONE');
  await db.invite.create({ data: { roomId: meeting.roomId, meetingId: meeting.id, createdById: host.id, tokenHash: `addr-${partner.id}`, email: partner.email, role: 'CO_HOST', expiresAt: meeting.endsAt } });
  await signInAs(context, partner);
  await page.goto(`/meetings/${meeting.id}/join`);
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  await expect(page.getByRole('button', { name: 'End meeting for everyone' })).toBeVisible();
});

test('a dropped connection after the token expired re-enters by itself with a fresh jti, still muted', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(180_000);
  const host = await createUser({ prefix: 'host' });
  const { room, meeting } = await liveMeeting(db, host, 'OFF');
  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}/join`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  const first = await frameJti(page);
  const row = await db.attendance.findUniqueOrThrow({ where: { jti: first } });
  // The person mutes their microphone; the new connection must not unmute them.
  await frame.getByTestId('standin-mute').click();
  await expect(frame.getByTestId('standin-microphone')).toHaveAttribute('data-muted', 'yes');

  // The token (60 s in this suite) runs out while the person is in; nothing happens until the connection drops.
  await page.waitForTimeout(row.expiresAt.getTime() - Date.now() + 2_000);
  await expect(page.getByText('Joined as moderator')).toBeVisible();
  await frame.getByTestId('standin-drop').click();
  await expect(page.getByText('Reconnecting…').first()).toBeVisible();
  await expect(frame.getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator', { timeout: 20_000 });
  await expect(page.getByText('Joined as moderator')).toBeVisible();
  const second = await frameJti(page);
  expect(second).not.toBe(first);
  await expect(frame.getByTestId('standin-microphone')).toHaveAttribute('data-muted', 'yes');
  await expect(page.getByText('Your meeting link expired')).toHaveCount(0);
  // The old session closed, the new one runs: one person, two sessions.
  await expect.poll(async () => (await db.attendance.findUniqueOrThrow({ where: { jti: first } })).leftAt).not.toBeNull();
  await expect.poll(async () => (await db.attendance.findUniqueOrThrow({ where: { jti: second } })).joinedAt).not.toBeNull();
  expect(await db.attendance.count({ where: { roomId: room.id, userId: host.id } })).toBe(2);
});
