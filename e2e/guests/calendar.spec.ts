import ICAL from 'ical.js';
import { test, expect } from '../support/fixtures';
import { attachmentText, waitForMail } from '../support/mailbox';

/** The URL and description of the one event in a calendar file. */
function entry(ics: string) {
  const vevent = new ICAL.Component(ICAL.parse(ics) as unknown[]).getFirstSubcomponent('vevent')!;
  return { url: String(vevent.getFirstPropertyValue('url')), description: String(vevent.getFirstPropertyValue('description')) };
}

test('the calendar entry in a guest’s invitation opens their invite page; the host’s own entry opens the meeting page', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `cal-${tag}`, name: 'Calendar Room', ownerId: host.id, jitsiName: `cal${tag}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 86_400_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Calendar workshop', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'Europe/Berlin' } });
  const address = `gina-${tag}@partner.test`;

  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}`);
  await page.getByLabel('Guest’s name').fill('Gina Guest');
  await page.getByLabel('Guest’s email').fill(address);
  await page.getByLabel('Email the invitation').check();
  await page.getByRole('button', { name: 'Create personal invite' }).click();

  const mail = await waitForMail(address, { subject: /Invitation: Calendar workshop/, timeoutMs: 20_000 });
  const ics = attachmentText(mail, 'invitation.ics');
  expect(ics, 'the invitation carries its calendar entry').toBeDefined();
  const guestEntry = entry(ics!);
  expect(guestEntry.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  expect(mail.text).toContain(guestEntry.url); // the same personal link as the mail's button
  expect(guestEntry.description).toContain(`Join: ${guestEntry.url}`);
  expect(guestEntry.description).toContain('This link is just for you: please do not forward it.');
  expect(ics!.replace(/\n[ \t]/g, '')).not.toContain(`/meetings/${meeting.id}`);

  // Opened from the calendar by the guest, who has no account: their invite page, not a sign-in.
  const guestContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const guest = await guestContext.newPage();
  await guest.goto(guestEntry.url);
  await expect(guest.getByRole('heading', { name: 'Calendar workshop' })).toBeVisible();
  await expect(guest.getByLabel('Your name')).toHaveValue('Gina Guest');
  expect(new URL(guest.url()).pathname).toBe(new URL(guestEntry.url).pathname);
  await expect(guest.getByRole('button', { name: /sign in/i })).toHaveCount(0);
  await guestContext.close();

  // The host's own "Add to calendar" keeps linking to the portal's meeting page.
  const own = await page.request.get(`/meetings/${meeting.id}/ics`);
  expect(own.status()).toBe(200);
  const hostEntry = entry(await own.text());
  expect(new URL(hostEntry.url).pathname).toBe(`/meetings/${meeting.id}`);
  expect(hostEntry.description).not.toContain('/invite/');
});
