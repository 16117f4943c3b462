import fs from 'node:fs';
import Papa from 'papaparse';
import { test, expect } from '../support/fixtures';

test('an organiser uploads a list, sees every problem first, creates the invites, and uploading it again invites nobody twice', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'organiser' });
  const room = await db.room.create({ data: { slug: `bulk-${host.id.slice(-8)}`, name: 'Workshop', ownerId: host.id, jitsiName: `bulk${host.id}`.toLowerCase(), guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Big workshop', startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), timeZone: 'UTC' } });
  await signInAs(context, host);

  const csv = 'Name;E-Mail\r\nZoë Müller;zoe@partner.test\r\n"Doe, Jane";jane@partner.test\r\nBroken;not-an-address\r\nZoë again;ZOE@partner.test\r\nSam;sam@partner.test\r\n';
  const file = { name: 'attendees.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') };

  await page.goto(`/meetings/${meeting.id}`);
  await page.getByRole('link', { name: /Invite many people from a CSV file/ }).click();
  await page.getByLabel('Attendee list (CSV)').setInputFiles(file);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('5 rows: 3 ready to invite, 2 with problems')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'not-an-address' })).toContainText('This is not a valid email address');
  await expect(page.getByRole('row').filter({ hasText: 'Zoë again' })).toContainText('Listed twice in this file');
  expect(await db.invite.count({ where: { meetingId: meeting.id } })).toBe(0);

  await page.getByLabel('Download the links and send them myself').check();
  await page.getByRole('button', { name: 'Create 3 invites' }).click();
  await expect(page.getByText('3 invites created')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download links (CSV)' }).click();
  const download = await downloading;
  const links = Papa.parse<{ name: string; email: string; link: string }>(fs.readFileSync((await download.path()), 'utf8'), { header: true }).data;
  expect(links.map((l) => l.email).sort()).toEqual(['jane@partner.test', 'sam@partner.test', 'zoe@partner.test']);
  expect(links.find((l) => l.email === 'jane@partner.test')?.name).toBe('Doe, Jane');
  expect(await db.invite.count({ where: { meetingId: meeting.id } })).toBe(3);

  const guest = await page.context().browser()!.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(links[0]!.link);
  await expect(guestPage.getByRole('heading', { name: 'Big workshop' })).toBeVisible();
  await guest.close();

  await page.goto(`/meetings/${meeting.id}/invite-many`);
  await page.getByLabel('Attendee list (CSV)').setInputFiles(file);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('5 rows: 0 ready to invite, 5 with problems')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create 0 invites' })).toBeDisabled();
  expect(await db.invite.count({ where: { meetingId: meeting.id } })).toBe(3);
});

test('a file of 10,001 attendees is refused with a clear message and nothing is written', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'organiser' });
  const room = await db.room.create({ data: { slug: `big-${host.id.slice(-8)}`, name: 'Hall', ownerId: host.id, jitsiName: `big${host.id}`.toLowerCase(), guestsAllowed: true } });
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Conference', startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000), timeZone: 'UTC' } });
  await signInAs(context, host);
  const rows = Array.from({ length: 10_001 }, (_, i) => `Person ${i},p${i}@partner.test`);
  await page.goto(`/meetings/${meeting.id}/invite-many`);
  await page.getByLabel('Attendee list (CSV)').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(['name,email', ...rows].join('\n')) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('The file has 10,001 attendees; at most 10,000 can be invited at once.')).toBeVisible();
  expect(await db.invite.count({ where: { meetingId: meeting.id } })).toBe(0);
});

test('invitations go out by mail through the durable queue, each with its personal link and the calendar entry', async ({ page, context, createUser, signInAs, db }) => {
  const { waitForMail, extractFirstUrl } = await import('../support/mailbox');
  const host = await createUser({ prefix: 'organiser' });
  const room = await db.room.create({ data: { slug: `mail-${host.id.slice(-8)}`, name: 'Mail Room', ownerId: host.id, jitsiName: `mail${host.id}`.toLowerCase(), guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 86_400_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Mailed workshop', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'Europe/Berlin' } });
  await signInAs(context, host);
  const tag = host.id.slice(-6);
  const people = ['ann', 'bob', 'cat'].map((p) => `${p}-${tag}@partner.test`);
  const csv = ['email,name', ...people.map((e, i) => `${e},Person ${i}`)].join('\n');

  await page.goto(`/meetings/${meeting.id}/invite-many`);
  await page.getByLabel('Attendee list (CSV)').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByLabel('Email each person their personal link').check();
  await page.getByRole('button', { name: 'Create 3 invites' }).click();
  await page.getByRole('link', { name: 'Follow delivery' }).click();
  await expect(page.getByText('Invitation mails: 3 sent')).toBeVisible({ timeout: 20_000 });

  for (const address of people) {
    const mail = await waitForMail(address, { subject: /Invitation: Mailed workshop/ });
    expect(mail.raw).toContain('invitation.ics');
    expect(mail.text).not.toMatch(/eyJ[\w-]+\.eyJ/);
    const link = extractFirstUrl(mail.text, 'http://localhost');
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const guest = await page.context().browser()!.newContext();
    const guestPage = await guest.newPage();
    await guestPage.goto(link);
    await expect(guestPage.getByRole('heading', { name: 'Mailed workshop' })).toBeVisible();
    await guest.close();
  }
  expect(await db.invite.count({ where: { meetingId: meeting.id, delivery: 'SENT' } })).toBe(3);
});

async function workshopMeeting(db: import('../../lib/generated/prisma/client').PrismaClient, hostId: string, prefix: string) {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `${prefix}-${tag}`, name: 'Workshop', ownerId: hostId, jitsiName: `${prefix}${tag}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: hostId, title: 'Workshop', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  return { tag, meeting };
}

test('a 300-character name does not push the Problem column off-screen; the full text is on hover', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'organiser' });
  const { tag, meeting } = await workshopMeeting(db, host.id, 'wide');
  await signInAs(context, host);
  const longName = 'Bartholomew'.repeat(28).slice(0, 300);
  const longBadAddress = `${'x'.repeat(220)}-not-an-address`; // under the 254 characters a bad address is shown with
  const csv = ['name,email', `${longName},long-${tag}@partner.test`, `Ok Person,${longBadAddress}`, `Fine,fine-${tag}@partner.test`].join('\n');
  await page.goto(`/meetings/${meeting.id}/invite-many`);
  await page.getByLabel('Attendee list (CSV)').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('3 rows: 1 ready to invite, 2 with problems')).toBeVisible();

  const viewport = page.viewportSize()!;
  const header = page.getByRole('columnheader', { name: 'Problem' });
  const longRow = page.locator('tr[data-line="2"]');
  const problem = longRow.getByText('Name is longer than 200 characters');
  for (const cell of [header, problem, page.locator('tr[data-line="3"]').getByText('This is not a valid email address')]) {
    await expect(cell).toBeVisible();
    const box = (await cell.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  }
  // The table does not scroll sideways, and the cut text is whole in its tooltip.
  const scroller = page.getByRole('table').locator('xpath=..');
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(longRow.locator(`[title^="${longName.slice(0, 200)}"]`)).toHaveCount(1);
  await expect(page.locator('tr[data-line="3"]').locator(`[title="${longBadAddress}"]`)).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('preview-long-name.png') });
  await expect(page.getByRole('button', { name: 'Create 1 invite', exact: true })).toBeEnabled();
});

test('re-uploading the list marks a revoked person and invites them again only when ticked', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'organiser' });
  const { tag, meeting } = await workshopMeeting(db, host.id, 'again');
  await signInAs(context, host);
  const rita = `rita-${tag}@partner.test`;
  const ned = `ned-${tag}@partner.test`;
  const upload = async (rows: string[]) => {
    await page.goto(`/meetings/${meeting.id}/invite-many`);
    await page.getByLabel('Attendee list (CSV)').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(['name,email', ...rows].join('\n')) });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByLabel('Download the links and send them myself').check();
  };

  await upload([`Rita,${rita}`, `Ned,${ned}`]);
  await page.getByRole('button', { name: 'Create 2 invites' }).click();
  await expect(page.getByText('2 invites created')).toBeVisible();
  await page.goto(`/meetings/${meeting.id}`);
  page.once('dialog', (d) => d.accept());
  await page.locator(`tr[data-invite="${rita}"]`).getByRole('button', { name: /Revoke/ }).click();
  await expect(page.locator(`tr[data-invite="${rita}"]`)).toContainText('Revoked');

  const sam = `sam-${tag}@partner.test`;
  await upload([`Rita,${rita}`, `Ned,${ned}`, `Sam,${sam}`]);
  await expect(page.getByText('3 rows: 1 ready to invite, 1 person whose invite was revoked earlier (not invited unless you tick them), 1 with problems')).toBeVisible();
  const ritaRow = page.getByRole('row').filter({ hasText: rita });
  await expect(ritaRow).toContainText('Their invite was revoked earlier — not invited again unless you tick it.');
  await expect(ritaRow.getByLabel('Invite again')).not.toBeChecked();
  await page.getByRole('button', { name: 'Create 1 invite', exact: true }).click();
  await expect(page.getByText('1 invite created')).toBeVisible();
  await expect(page.getByText('2 rows were skipped')).toBeVisible();
  expect(await db.invite.count({ where: { meetingId: meeting.id, email: rita, revokedAt: null } })).toBe(0);
  expect(await db.invite.count({ where: { meetingId: meeting.id, email: sam, revokedAt: null } })).toBe(1);

  await upload([`Rita,${rita}`, `Ned,${ned}`, `Sam,${sam}`]);
  await expect(page.getByText('3 rows: 0 ready to invite, 1 person whose invite was revoked earlier')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create 0 invites' })).toBeDisabled();
  await page.getByRole('row').filter({ hasText: rita }).getByLabel('Invite again').check();
  await page.getByRole('button', { name: 'Create 1 invite', exact: true }).click();
  await expect(page.getByText('1 invite created')).toBeVisible();
  expect(await db.invite.count({ where: { meetingId: meeting.id, email: rita, revokedAt: null } })).toBe(1);
  expect(await db.invite.count({ where: { meetingId: meeting.id } })).toBe(4);
});
