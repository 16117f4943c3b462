import { test, expect } from '../support/fixtures';

test('the invite list is by name, searchable and paged with a total; everyone who did not come is listed', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `list-${tag}`, name: 'List Room', ownerId: host.id, jitsiName: `list${tag}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 86_400_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Big list', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  // 145 people created in one go (as a bulk upload does: the same instant), numbered so the order is known.
  const createdAt = new Date();
  await db.invite.createMany({
    data: Array.from({ length: 145 }, (_, i) => ({
      roomId: room.id, meetingId: meeting.id, createdById: host.id, createdAt,
      name: `Guest ${String(i + 1).padStart(3, '0')}`, email: `g${i + 1}-${tag}@partner.test`,
      tokenHash: `list-${tag}-${i}`, expiresAt: new Date(Date.now() + 2 * 86_400_000),
    })),
  });
  await signInAs(context, host);

  await page.goto(`/meetings/${meeting.id}`);
  const rows = page.locator('tr[data-invite]');
  await expect(page.getByText('Showing 1–50 of 145')).toBeVisible();
  await expect(page.getByText('145 invites', { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Guest 001');
  await expect(rows.last()).toContainText('Guest 050');

  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page.getByText('Showing 51–100 of 145')).toBeVisible();
  await expect(rows.first()).toContainText('Guest 051');
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page.getByText('Showing 101–145 of 145')).toBeVisible();
  await expect(rows).toHaveCount(45);
  await expect(rows.last()).toContainText('Guest 145');
  await expect(page.getByRole('link', { name: 'Next →' })).toHaveCount(0);

  // Search by name (any case) and by address; the pager counts what matches.
  await page.getByLabel('Find a guest').fill('guest 12');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(10); // 120–129
  await expect(page.getByText('10 matching invites')).toBeVisible();
  await expect(rows.first()).toContainText('Guest 120');
  await expect(page.getByText(/Showing/)).toHaveCount(0);
  await page.getByLabel('Find a guest').fill(`g77-${tag}@`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Guest 077');
  await page.getByLabel('Find a guest').fill('nobody-like-this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No invites match “nobody-like-this”.')).toBeVisible();
  await page.getByRole('link', { name: 'Show all' }).click();
  await expect(page.getByText('Showing 1–50 of 145')).toBeVisible();

  // Nobody came: all 145 are listed, not the first 50.
  await expect(page.getByText('145 invited guests — show all')).toBeVisible();
  await page.getByText('145 invited guests — show all').click();
  const noShows = page.getByRole('list', { name: 'Invited guests who did not come' }).getByRole('listitem');
  await expect(noShows).toHaveCount(145);
  await expect(noShows.last()).toContainText('Guest 145');
  await page.screenshot({ path: test.info().outputPath('invite-list.png'), fullPage: true });
});
