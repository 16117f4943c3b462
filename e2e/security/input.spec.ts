import { randomBytes } from 'node:crypto';
import { test, expect } from '../support/fixtures';
import { builtAction, callAction } from '../support/actions';

const form = (fields: Record<string, string | Blob>) => ({ kind: 'form' as const, prev: true, fields });

test('oversized, control-character and bidi-override input gets a clear message and writes nothing', async ({ page, context, createUser, signInAs, db }) => {
  const member = await createUser();
  await signInAs(context, member);
  const createRoom = builtAction('lib/rooms/actions.ts#createRoomAction');
  const slug = `input-${randomBytes(4).toString('hex')}`;
  const cases: [string, string][] = [
    ['x'.repeat(10_000), 'Use at most 80 characters.'],
    ['Invoice\u202Egpj.exe', 'Remove the control characters.'],
    ['Null\u0000byte', 'Remove the control characters.'],
    ['Two\nlines', 'Remove the control characters.'],
  ];
  for (const [name, message] of cases) {
    const result = await callAction(page.request, createRoom, form({ name, slug }));
    expect(result.text).toContain(message);
  }
  expect(await db.room.count({ where: { slug } })).toBe(0);

  const room = await db.room.create({ data: { slug, name: 'Input room', ownerId: member.id, jitsiName: `in${slug.slice(-8)}` } });
  const createMeeting = builtAction('lib/meetings/actions.ts#createMeetingAction');
  const meeting = { roomId: room.id, date: '2031-03-04', startTime: '10:00', endTime: '11:00', timeZone: 'Europe/Berlin' };
  const long = await callAction(page.request, createMeeting, form({ ...meeting, title: 'T'.repeat(10_000) }));
  expect(long.text).toContain('Use at most 200 characters.');
  const zone = await callAction(page.request, createMeeting, form({ ...meeting, title: 'Planning', timeZone: 'Mars/Olympus_Mons' }));
  expect(zone.text).toContain('Choose a time zone from the list.');
  expect(await db.meeting.count({ where: { roomId: room.id } })).toBe(0);

  // A body over the server's limit is refused as a whole; nothing of it is stored.
  const preview = builtAction('lib/invites/actions.ts#previewBulkAction');
  const huge = new Blob([`name,email\n${'A,a@example.com\n'.repeat(500_000)}`], { type: 'text/csv' });
  const tooBig = await page.request.post(preview.page, {
    headers: { 'Next-Action': preview.id, Accept: 'text/x-component' },
    multipart: (() => {
      const data = new FormData();
      data.append('_1_meetingId', 'x');
      data.append('_1_file', huge, 'huge.csv');
      data.append('0', JSON.stringify([null, '$K1']));
      return data;
    })(),
    maxRedirects: 0,
  });
  expect(tooBig.status()).toBe(413);
  expect(await tooBig.text()).toContain('at most 6 MB');
});

test('HTML and script in names and descriptions are shown as text, never run', async ({ page, context, createUser, signInAs }) => {
  const member = await createUser();
  await signInAs(context, member);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    return dialog.dismiss();
  });
  const payload = `<img src=x onerror=alert(1)><script>alert(2)</script>"'&`;
  const slug = `xss-${randomBytes(4).toString('hex')}`;
  await page.goto('/rooms/new');
  await page.getByLabel('Room name').fill(payload);
  await page.getByLabel('Address').fill(slug);
  await page.getByLabel('Description').fill(`${payload}\nsecond line`);
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${slug}`));
  await expect(page.getByRole('heading', { name: payload })).toBeVisible();
  await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByText(payload).first()).toBeVisible();
  expect(dialogs).toBe(0);
});

test('a double-clicked or repeated submission creates one room', async ({ page, context, createUser, signInAs, db }) => {
  const member = await createUser();
  await signInAs(context, member);
  const slug = `twice-${randomBytes(4).toString('hex')}`;
  await page.goto('/rooms/new');
  await page.getByLabel('Room name').fill('Clicked twice');
  await page.getByLabel('Address').fill(slug);
  await page.getByRole('button', { name: 'Create room' }).dblclick();
  await expect(page).toHaveURL(new RegExp(`/rooms/${slug}`));

  // Five identical requests at the same moment, straight to the action.
  const again = `${slug}-b`;
  const createRoom = builtAction('lib/rooms/actions.ts#createRoomAction');
  const results = await Promise.all(Array.from({ length: 5 }, () => callAction(page.request, createRoom, form({ name: 'Sent five times', slug: again }))));
  expect(results.filter((r) => /rooms\/.*created=1/.test(r.location))).toHaveLength(1);
  for (const r of results.filter((r) => !r.location)) expect(r.text).toContain('Another room already uses this address.');
  expect(await db.room.count({ where: { slug: { in: [slug, again] } } })).toBe(2);
});
