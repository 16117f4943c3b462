import ICAL from 'ical.js';
import { test, expect } from '../support/fixtures';

/** The next Monday (UTC date) at least two days ahead, as YYYY-MM-DD. */
function nextMonday(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

test('a new employee creates a room and a weekly meeting, sees it on the dashboard, and downloads its .ics', async ({ page, context, createUser, signInAs, db }) => {
  const user = await createUser({ prefix: 'organiser' });
  await db.user.update({ where: { id: user.id }, data: { timeZone: 'Europe/Berlin' } });
  const colleague = await createUser({ prefix: 'colleague' });
  await db.user.update({ where: { id: colleague.id }, data: { timeZone: 'Asia/Tokyo' } });
  await signInAs(context, user);

  await page.goto('/');
  await expect(page.getByText('Start with a room')).toBeVisible();
  await page.getByRole('link', { name: 'Create a room' }).click();

  // Validation first: an empty name is explained next to the field.
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByText('Give the room a name.')).toBeVisible();

  const slug = `weekly-sync-${user.id.slice(-6)}`;
  await page.getByLabel('Room name').fill('Weekly Sync');
  await expect(page.getByLabel('Address')).toHaveValue('weekly-sync');
  await page.getByLabel('Address').fill(slug);
  await page.getByLabel('Co-hosts').fill(colleague.email);
  await page.getByLabel('Lobby').selectOption('GUESTS');
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weekly Sync' })).toBeVisible();
  await expect(page.getByText('Room created.')).toBeVisible();
  await expect(page.getByText('Lobby: guests on open links wait')).toBeVisible();

  await page.getByRole('link', { name: 'Schedule meeting' }).click();
  const monday = nextMonday();
  await page.getByLabel('Title').fill('Planning');
  await page.getByLabel('Date').fill(monday);
  await page.getByLabel('Starts').fill('09:00');
  await page.getByLabel('Ends').fill('09:30');
  await page.getByLabel('Time zone').selectOption('Europe/Berlin');
  await page.getByLabel('Repeats').selectOption('weekly');
  await page.getByLabel('Mon').check();
  await page.getByLabel('Wed').check();
  await page.getByLabel('Ends', { exact: true }).last().selectOption('count');
  await page.getByLabel('Number of meetings').fill('6');
  await page.getByRole('button', { name: 'Schedule meeting' }).click();
  await expect(page.getByText('Meeting scheduled.')).toBeVisible();
  await expect(page.getByText('Weekly on Monday and Wednesday, 6 times')).toBeVisible();

  await page.goto('/');
  const rows = page.getByTestId('upcoming-meeting').filter({ hasText: 'Planning' });
  await expect(rows.first()).toContainText('09:00–09:30');
  await expect(rows.first().getByText('Join')).toHaveAttribute('aria-disabled', 'true');

  // The .ics parses back with the same rule, zone and a link to the portal (never a token).
  const meetingUrl = await rows.first().getByRole('link', { name: 'Planning' }).getAttribute('href');
  const response = await page.request.get(`${meetingUrl}/ics`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/calendar');
  const text = await response.text();
  expect(text).not.toMatch(/jwt|token=/i);
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  expect(event.summary).toBe('Planning');
  expect(event.component.getFirstPropertyValue('url')).toContain(meetingUrl!);
  const iterator = event.iterator();
  const starts: string[] = [];
  for (let next = iterator.next(); next && starts.length < 10; next = iterator.next()) starts.push(next.toJSDate().toISOString());
  expect(starts).toHaveLength(6);
  const first = new Date(starts[0]!);
  expect(first.toISOString().slice(0, 10)).toBe(monday);
  // 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer.
  expect([7, 8]).toContain(first.getUTCHours());

  // The co-host in Tokyo sees the same meeting at their own local time.
  const tokyo = await page.context().browser()!.newContext();
  await signInAs(tokyo, colleague);
  const tokyoPage = await tokyo.newPage();
  await tokyoPage.goto('/');
  const expected = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(first);
  await expect(tokyoPage.getByTestId('upcoming-meeting').filter({ hasText: 'Planning' }).first()).toContainText(expected);
  await tokyo.close();
});

test("another member's room looks exactly like one that does not exist", async ({ page, context, createUser, signInAs, db }) => {
  const owner = await createUser();
  const room = await db.room.create({ data: { slug: `private-${owner.id.slice(-8)}`, name: 'Private', ownerId: owner.id, jitsiName: `jn${owner.id}` } });
  const stranger = await createUser();
  await signInAs(context, stranger);
  const notFound = page.getByRole('heading', { name: 'We could not find that page' });
  const theirs = await page.goto(`/rooms/${room.slug}`);
  // The page streams: wait until the loading state has been replaced before reading it.
  await expect(notFound).toBeVisible();
  const body = await page.locator('main').first().innerText();
  const missing = await page.goto('/rooms/no-such-room-at-all');
  await expect(notFound).toBeVisible();
  // Same status (the page streams, so it may be 200 with the not-found UI) and the same words.
  expect(theirs?.status()).toBe(missing?.status());
  expect(body).not.toContain('Private');
  expect(await page.locator('main').first().innerText()).toBe(body);
});

test('a UTC user’s meeting form and settings pre-select UTC, and the meeting is planned in UTC', async ({ page, context, createUser, signInAs, db }) => {
  const user = await createUser({ prefix: 'utc' });
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).timeZone).toBe('UTC');
  const slug = `utc-${user.id.slice(-8)}`;
  await db.room.create({ data: { slug, name: 'UTC Room', ownerId: user.id, jitsiName: `utc${user.id}`.toLowerCase() } });
  await signInAs(context, user);

  await page.goto('/settings');
  await expect(page.getByLabel('Your time zone')).toHaveValue('UTC');
  await page.goto(`/meetings/new?room=${slug}`);
  await expect(page.getByLabel('Time zone')).toHaveValue('UTC');
  await expect(page.getByLabel('Time zone').locator('option').first()).toHaveText('UTC');
  await page.getByLabel('Title').fill('Stand-up in UTC');
  await page.getByRole('button', { name: 'Schedule meeting' }).click();
  await expect(page.getByText('Meeting scheduled.')).toBeVisible();
  expect((await db.meeting.findFirstOrThrow({ where: { title: 'Stand-up in UTC', organizerId: user.id } })).timeZone).toBe('UTC');
});
