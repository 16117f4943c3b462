import { test, expect } from '../support/fixtures';
import { PORTAL_URL } from '../support/ports';
import { extractFirstUrl, listMessages, waitForMail } from '../support/mailbox';

const MIN = 60_000;

/**
 * The organiser sets a 30-minute lead time in Settings; the portal's minute-by-minute reminder scan
 * then reminds them and their guest of a meeting 20 minutes away (the 10-minute default would not
 * yet). The guest's reminder carries a one-click unsubscribe that stops mails without revoking the invite.
 */
test('a longer reminder time in Settings brings the reminder earlier; a guest unsubscribes with one click and keeps the invite', async ({ page, context, browser, createUser, signInAs, db, playwright }) => {
  test.setTimeout(180_000);
  const organiser = await createUser({ prefix: 'reminded' });
  await signInAs(context, organiser);
  await page.goto('/settings');
  const lead = page.getByLabel('Remind me of meetings');
  await expect(lead).toHaveValue('10');
  await lead.selectOption({ label: '30 minutes before' });
  const digest = page.getByLabel('Mail me a list of the day’s meetings each morning');
  await expect(digest).not.toBeChecked();
  await digest.check();
  await page.locator('form', { has: lead }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });
  await page.reload();
  await expect(page.getByLabel('Remind me of meetings')).toHaveValue('30');
  await expect(page.getByLabel('Mail me a list of the day’s meetings each morning')).toBeChecked();
  expect(await db.user.findUniqueOrThrow({ where: { id: organiser.id }, select: { reminderMinutes: true, digestMails: true } })).toEqual({ reminderMinutes: 30, digestMails: true });

  const suffix = organiser.id.slice(-8);
  const room = await db.room.create({ data: { slug: `remind-${suffix}`, name: 'Reminder room', ownerId: organiser.id, jitsiName: `remind${suffix}`, guestsAllowed: true } });
  const startsAt = new Date(Math.ceil((Date.now() + 20 * MIN) / MIN) * MIN);
  const meeting = await db.meeting.create({
    data: { roomId: room.id, organizerId: organiser.id, title: 'Reminder check', startsAt, endsAt: new Date(startsAt.getTime() + 30 * MIN), timeZone: 'UTC', scheduleChangedAt: new Date(Date.now() - 60 * MIN) },
  });
  const guestEmail = `guest-${suffix}@partner.test`;
  const invite = await db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: organiser.id, email: guestEmail, name: 'Gita', tokenHash: `e2e-${suffix}`, expiresAt: new Date(Date.now() + 86_400_000) } });

  const mine = await waitForMail(organiser.email, { timeoutMs: 120_000, subject: /^Reminder: Reminder check/ });
  expect(mine.text).toContain(`${PORTAL_URL}/meetings/${meeting.id}`);
  const guestMail = await waitForMail(guestEmail, { timeoutMs: 30_000, subject: /^Reminder: Reminder check/ });
  expect(guestMail.text).toMatch(/in (19|20|21) minutes/);
  const headers = guestMail.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  const oneClick = /List-Unsubscribe: <([^>]+)>/.exec(headers)?.[1];
  expect(oneClick).toMatch(/\/invite\/unsubscribe\/[^/]+\/one-click$/);
  expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

  // The organiser sees how the reminders went on the meeting page.
  await page.goto(`/meetings/${meeting.id}`);
  const delivery = page.getByRole('region', { name: 'Reminders and updates' });
  await expect(delivery).toContainText('Reminders: 2 sent');
  await delivery.screenshot({ path: test.info().outputPath('meeting-delivery.png') });

  // The link in the mail opens a page that changes nothing until the guest presses the button (no session).
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(extractFirstUrl(guestMail.text, `${PORTAL_URL}/invite/unsubscribe/`));
  await expect(guestPage.getByText(/Stop reminders and update mails about “Reminder check”/)).toBeVisible();
  expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).unsubscribedAt).toBeNull();
  await guestPage.getByRole('button', { name: 'Stop these mails' }).click();
  await expect(guestPage.getByRole('status')).toContainText(`${guestEmail} will no longer get reminders or update mails for “Reminder check”. Your invitation still works`);
  await guestPage.screenshot({ path: test.info().outputPath('unsubscribed.png'), fullPage: true });
  const after = await db.invite.findUniqueOrThrow({ where: { id: invite.id } });
  expect(after.unsubscribedAt).not.toBeNull();
  expect(after.revokedAt).toBeNull();
  await guest.close();

  // A mail program's one-click POST (RFC 8058): no cookies, 200, idempotent; a forged token is refused.
  const mailProgram = await playwright.request.newContext();
  const post = await mailProgram.post(oneClick!, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(post.status()).toBe(200);
  expect(await post.text()).toContain('The invitation itself still works');
  expect((await mailProgram.post(oneClick!.replace(/\.[^./]+\/one-click$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/one-click'))).status()).toBe(404);
  await mailProgram.dispose();
  expect((await listMessages(guestEmail)).length).toBe(1);
});

test('an admin has the same notification settings; a visitor without an account is sent to sign in', async ({ page, context, browser, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(context, admin);
  await page.goto('/settings');
  await page.getByLabel('Mail me a list of the day’s meetings each morning').check();
  await page.locator('form', { has: page.getByLabel('Remind me of meetings') }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).digestMails).toBe(true);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/settings');
  await expect(visitor).toHaveURL(/\/sign-in/);
  await visitor.context().close();
});
