import { test, expect, type TestUser } from '../support/fixtures';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { testInviteLink } from '../support/invite-link';

/** A room that admits guests with a meeting that is open for joining now. */
async function meetingNow(db: PrismaClient, host: TestUser) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const room = await db.room.create({ data: { slug: `guests-${suffix}`, name: `Workshop Room ${suffix}`, ownerId: host.id, jitsiName: `gw${suffix}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Customer workshop', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'Europe/Berlin' } });
  return { room, meeting };
}

test('a host invites a guest by name and email; the guest joins as participant without an account; revoking ends the link', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { room, meeting } = await meetingNow(db, host);
  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}`);
  await page.getByLabel('Guest’s name').fill('Grace Guest');
  await page.getByLabel('Guest’s email').fill('grace.guest@partner.test');
  await page.getByLabel('Email the invitation').uncheck();
  await page.getByRole('button', { name: 'Create personal invite' }).click();
  const link = await page.getByLabel(/Invite link/).first().inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const invite = await db.invite.findFirstOrThrow({ where: { meetingId: meeting.id, email: 'grace.guest@partner.test' } });
  expect(invite.tokenHash).not.toContain(link.split('/').pop()!);

  // The same address twice is refused with a message.
  await page.getByLabel('Guest’s email').fill('GRACE.GUEST@partner.test');
  await page.getByRole('button', { name: 'Create personal invite' }).click();
  await expect(page.getByText('This person is already invited to this meeting.')).toBeVisible();

  const guestContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await guest.reload(); // opening (or a mail scanner fetching) the page twice changes nothing
  await expect(guest.getByRole('heading', { name: 'Customer workshop' })).toBeVisible();
  await expect(guest.getByText(`Hosted by ${host.name}`)).toBeVisible();
  await expect(guest.getByLabel('Your name')).toHaveValue('Grace Guest');
  expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).useCount).toBe(0);
  await guest.getByRole('button', { name: 'Join meeting' }).click();
  const verdict = guest.frameLocator('iframe').getByTestId('standin-verdict');
  await expect(verdict).toHaveAttribute('data-role', 'participant');
  await expect(guest.frameLocator('iframe').getByText(`invite:${invite.id}`)).toBeVisible();
  await expect.poll(async () => (await db.attendance.findFirst({ where: { inviteId: invite.id } }))?.joinedAt ?? null).not.toBeNull();

  await page.reload();
  const row = page.locator('tr[data-invite="grace.guest@partner.test"]');
  await expect(row).toContainText('Joined');
  await expect(page.getByText(/1 person · 0 invited guests did not come/)).toBeVisible();
  const exported = await page.request.get(`/meetings/${meeting.id}/attendance.csv`);
  expect(await exported.text()).toMatch(/"Grace Guest","grace\.guest@partner\.test","Guest","Participant","yes"/);
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: /Revoke/ }).click();
  await expect(row).toContainText('Revoked');

  await guest.goto(link);
  await expect(guest.getByText('This link is no longer valid — ask the organiser for a new one.')).toBeVisible();
  expect(await db.attendance.count({ where: { roomId: room.id, inviteId: invite.id } })).toBe(1);
  await guestContext.close();
});

test('an open link admits only as many people as its limit; invalid links all look the same', async ({ browser, createUser, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { meeting } = await meetingNow(db, host);
  const { token, linkSeed, tokenHash } = testInviteLink();
  await db.invite.create({ data: { roomId: meeting.roomId, meetingId: meeting.id, createdById: host.id, tokenHash, linkSeed, maxUses: 1, expiresAt: meeting.endsAt } });

  const first = await browser.newContext({ ignoreHTTPSErrors: true });
  const page1 = await first.newPage();
  await page1.goto(`/invite/${token}`);
  await page1.getByLabel('Your name').fill('Walk-in One');
  await page1.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page1.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');

  const second = await browser.newContext({ ignoreHTTPSErrors: true });
  const page2 = await second.newPage();
  const invalid = 'This link is no longer valid — ask the organiser for a new one.';
  await page2.goto(`/invite/${token}`);
  await expect(page2.getByText(invalid)).toBeVisible();
  for (const other of ['x'.repeat(43), 'short', testInviteLink().token]) {
    await page2.goto(`/invite/${other}`);
    await expect(page2.getByText(invalid)).toBeVisible();
  }
  await first.close();
  await second.close();
});

test('a co-host invite for an external presenter joins as moderator', async ({ browser, createUser, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { meeting } = await meetingNow(db, host);
  const { token, linkSeed, tokenHash } = testInviteLink();
  await db.invite.create({ data: { roomId: meeting.roomId, meetingId: meeting.id, createdById: host.id, tokenHash, linkSeed, name: 'Pat Presenter', email: 'pat@partner.test', role: 'CO_HOST', expiresAt: meeting.endsAt } });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`/invite/${token}`);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  await context.close();
});

test('a personal invitation is mailed; re-sending mails a fresh link and the old one stops working', async ({ page, context, browser, createUser, signInAs, db }) => {
  const { waitForMail, extractFirstUrl } = await import('../support/mailbox');
  const host = await createUser({ prefix: 'host' });
  const { meeting } = await meetingNow(db, host);
  const address = `mailed-${host.id.slice(-6)}@partner.test`;
  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}`);
  await page.getByLabel('Guest’s name').fill('Mo Mailed');
  await page.getByLabel('Guest’s email').fill(address);
  await page.getByRole('button', { name: 'Create personal invite' }).click();
  await expect(page.getByText('Invitation queued for mailing.')).toBeVisible();
  const first = extractFirstUrl((await waitForMail(address, { subject: /Invitation: Customer workshop/ })).text, 'http://localhost');
  await page.reload();
  const row = page.locator(`tr[data-invite="${address}"]`);
  await expect(row).toContainText('Mail sent');

  const since = new Date();
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: /Re-send/ }).click();
  const second = extractFirstUrl((await waitForMail(address, { since, subject: /Invitation/ })).text, 'http://localhost');
  expect(second).not.toBe(first);
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(first);
  await expect(guestPage.getByText('This link is no longer valid — ask the organiser for a new one.')).toBeVisible();
  await guestPage.goto(second);
  await expect(guestPage.getByLabel('Your name')).toHaveValue('Mo Mailed');
  await guest.close();
});

test('a guest turned away at the door is sent back to their invitation, not to a dashboard they do not have', async ({ browser, createUser, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { meeting } = await meetingNow(db, host);
  const { token, linkSeed, tokenHash } = testInviteLink();
  const invite = await db.invite.create({ data: { roomId: meeting.roomId, meetingId: meeting.id, createdById: host.id, tokenHash, linkSeed, name: 'Rhea Revoked', email: `rhea-${host.id.slice(-6)}@partner.test`, expiresAt: meeting.endsAt } });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`/invite/${token}`);
  await expect(page.getByRole('button', { name: 'Join meeting' })).toBeEnabled();
  // Revoked while the guest has the page open: the join is refused.
  await db.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.getByText('You can’t join right now')).toBeVisible();
  await expect(page.getByText('Back to your dashboard')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('guest-refused.png') });
  await page.getByRole('link', { name: 'Back to your invitation' }).click();
  await expect(page).toHaveURL(new RegExp(`/invite/${token}$`));
  await context.close();
});
