import { randomBytes } from 'node:crypto';
import { test, expect } from '../support/fixtures';

test('an admin finds invites across the portal by meeting and state and revokes one; members cannot see the list', async ({ page, context, browser, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const host = await createUser({ prefix: 'host' });
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const room = await db.room.create({ data: { slug: `inv-${suffix}`, name: `Academy ${suffix}`, ownerId: host.id, jitsiName: `iv${suffix}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 86_400_000);
  const title = `Onboarding ${suffix}`;
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  const invite = (email: string, extra: object = {}) =>
    db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, name: email.split('@')[0], email, tokenHash: randomBytes(32).toString('hex'), expiresAt: new Date(startsAt.getTime() + 3_600_000), ...extra } });
  await invite(`ivy-${suffix}@partner.test`);
  await invite(`jon-${suffix}@partner.test`, { lastJoinedAt: new Date() });
  await invite(`kim-${suffix}@partner.test`, { delivery: 'FAILED', deliveryError: '550 mailbox unavailable' });
  await signInAs(context, admin);

  await page.goto('/admin/invites');
  await page.getByLabel('Meeting').fill(title);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('admin-invite')).toHaveCount(3);
  await page.getByLabel('State').selectOption('mail_failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('admin-invite')).toHaveCount(1);
  await expect(page.getByTestId('admin-invite')).toContainText('Mail failed: 550 mailbox unavailable');

  await page.getByLabel('State').selectOption('not_joined');
  await page.getByRole('button', { name: 'Filter' }).click();
  const ivy = page.getByTestId('admin-invite').filter({ hasText: `ivy-${suffix}` });
  await expect(page.getByTestId('admin-invite')).toHaveCount(2);
  page.once('dialog', (dialog) => dialog.accept());
  await ivy.getByRole('button', { name: /Revoke the invite/ }).click();
  await expect(ivy).toHaveCount(0);
  expect((await db.invite.findFirstOrThrow({ where: { email: `ivy-${suffix}@partner.test` } })).revokedAt).not.toBeNull();
  expect(await db.auditEvent.count({ where: { kind: 'invite.revoked', meetingId: meeting.id, actorId: admin.id } })).toBe(1);

  await page.getByLabel('State').selectOption('revoked');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('admin-invite')).toHaveCount(1);
  await expect(page.getByTestId('admin-invite')).toContainText('Revoked');

  const memberContext = await browser.newContext();
  await signInAs(memberContext, host);
  const memberPage = await memberContext.newPage();
  expect((await memberPage.goto('/admin/invites'))?.status()).toBe(403);
  await expect(memberPage.getByText(`jon-${suffix}`)).toHaveCount(0);
  await memberContext.close();
});
