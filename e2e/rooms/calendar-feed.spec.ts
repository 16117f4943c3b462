import ICAL from 'ical.js';
import { test, expect } from '../support/fixtures';

test('a personal calendar link lists my meetings until I turn it off', async ({ page, context, createUser, signInAs, db, playwright }) => {
  const user = await createUser({ prefix: 'subscriber' });
  const room = await db.room.create({ data: { slug: `feed-${user.id.slice(-8)}`, name: 'Feed Room', ownerId: user.id, jitsiName: `feed${user.id}` } });
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  await db.meeting.create({ data: { roomId: room.id, organizerId: user.id, title: 'Feed check', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  await signInAs(context, user);

  await page.goto('/settings');
  await expect(page.getByText('No calendar link yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Create calendar link' }).click();
  const url = await page.getByLabel(/Your calendar link/).inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);

  // A calendar app fetches it without any session.
  const app = await playwright.request.newContext();
  const feed = await app.get(url);
  expect(feed.status()).toBe(200);
  const calendar = new ICAL.Component(ICAL.parse(await feed.text()) as unknown[]);
  const summaries = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
  expect(summaries).toContain('Feed check');

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('No calendar link yet.')).toBeVisible();
  expect((await app.get(url)).status()).toBe(404);
  await app.dispose();
});
