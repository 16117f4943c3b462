import { test, expect, type TestUser } from '../support/fixtures';
import { listMessages, startOutage, startSlowServer } from '../support/mailbox';
import type { PrismaClient } from '../../lib/generated/prisma/client';

async function workshop(db: PrismaClient, host: TestUser) {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `dl-${tag}`, name: 'Delivery Room', ownerId: host.id, jitsiName: `dl${tag}`, guestsAllowed: true } });
  const startsAt = new Date(Date.now() + 86_400_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Delivery workshop', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  return { tag, meeting };
}

async function uploadAndMail(page: import('@playwright/test').Page, meetingId: string, emails: string[]) {
  await page.goto(`/meetings/${meetingId}/invite-many`);
  await page.getByLabel('Attendee list (CSV)').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(['email', ...emails].join('\n')) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByLabel('Email each person their personal link').check();
  await page.getByRole('button', { name: `Create ${emails.length} invites` }).click();
  await expect(page.getByText(`${emails.length} invites created`)).toBeVisible();
}

test('a 550 for a recipient marks that invite failed with the reason, without endless retries', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { tag, meeting } = await workshop(db, host);
  await signInAs(context, host);
  const good = `good-${tag}@partner.test`;
  const bad = `bounce-${tag}@partner.test`;
  await uploadAndMail(page, meeting.id, [good, bad]);
  await expect.poll(async () => (await db.invite.findFirst({ where: { meetingId: meeting.id, email: bad } }))?.delivery, { timeout: 20_000 }).toBe('FAILED');
  await expect.poll(async () => (await db.invite.findFirst({ where: { meetingId: meeting.id, email: good } }))?.delivery, { timeout: 20_000 }).toBe('SENT');
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByText('Invitation mails: 1 sent, 1 failed')).toBeVisible();
  await expect(page.locator(`tr[data-invite="${bad}"]`)).toContainText(/Mail failed: .*550/);
});

test('mail server down during a 150-person invite: after it recovers, everyone has exactly one mail', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(150_000);
  const host = await createUser({ prefix: 'host' });
  const { tag, meeting } = await workshop(db, host);
  const domain = `outage-${tag}.test`;
  const people = Array.from({ length: 150 }, (_, i) => `p${i}@${domain}`);
  await signInAs(context, host);
  const outage = await startOutage(domain);
  try {
    await uploadAndMail(page, meeting.id, people);
    // While it is down nothing is delivered and nothing is marked sent.
    await page.waitForTimeout(4000);
    expect(await db.invite.count({ where: { meetingId: meeting.id, delivery: 'SENT' } })).toBe(0);
    expect(await listMessages(people[0]!)).toHaveLength(0);
  } finally {
    await outage.end();
  }
  await expect.poll(() => db.invite.count({ where: { meetingId: meeting.id, delivery: 'SENT' } }), { timeout: 120_000, intervals: [2000] }).toBe(150);
  const counts = await Promise.all(people.map(async (p) => (await listMessages(p)).length));
  expect(counts.every((c) => c === 1)).toBe(true);
});

test('a slow mail server during a 40-person invite: everyone gets exactly one mail, and the progress shows it draining', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(120_000);
  const host = await createUser({ prefix: 'host' });
  const { tag, meeting } = await workshop(db, host);
  const domain = `slow-${tag}.test`;
  const people = Array.from({ length: 40 }, (_, i) => `s${i}@${domain}`);
  await signInAs(context, host);
  // Each message is answered after 3 s: eight senders, so about 15 s for the whole list.
  const slowServer = await startSlowServer(domain, 3000);
  try {
    await uploadAndMail(page, meeting.id, people);
    await page.goto(`/meetings/${meeting.id}`);
    await expect(page.getByText(/Invitation mails: .*queued/)).toBeVisible();
    await expect.poll(() => db.invite.count({ where: { meetingId: meeting.id, delivery: 'SENT' } }), { timeout: 90_000, intervals: [1000] }).toBe(40);
  } finally {
    await slowServer.end();
  }
  // The page updates itself while the queue drains.
  await expect(page.getByText('Invitation mails: 40 sent')).toBeVisible({ timeout: 10_000 });
  const counts = await Promise.all(people.map(async (p) => (await listMessages(p)).length));
  expect(counts.filter((c) => c !== 1)).toEqual([]);
});

test('mail server stopped mid-delivery: the progress says it is retrying and when, and after the restart everyone has exactly one mail', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(150_000);
  const host = await createUser({ prefix: 'host' });
  const { tag, meeting } = await workshop(db, host);
  const domain = `restart-${tag}.test`;
  // More people than the senders have mails in flight (8 senders × 4) and pooled connections (16),
  // and slow enough, that the server can be stopped while the list is still going out.
  const people = Array.from({ length: 80 }, (_, i) => `r${i}@${domain}`);
  await signInAs(context, host);
  const slowServer = await startSlowServer(domain, 2000);
  let outage: Awaited<ReturnType<typeof startOutage>> | undefined;
  try {
    await uploadAndMail(page, meeting.id, people);
    await expect.poll(() => db.invite.count({ where: { meetingId: meeting.id, delivery: 'SENT' } }), { timeout: 30_000, intervals: [200] }).toBeGreaterThan(0);
    outage = await startOutage(domain);
    await page.goto(`/meetings/${meeting.id}`);
    const retry = page.getByTestId('mail-retry');
    await expect(retry).toContainText(/Mail server unreachable — retrying, next attempt in \d+ s\./, { timeout: 20_000 });
    await expect(retry).toContainText('421');
    await expect(page.getByText(/Invitation mails: \d+ sent, \d+ still queued/)).toBeVisible();
    await page.getByRole('status').filter({ has: retry }).screenshot({ path: test.info().outputPath('mail-outage-progress.png') });
  } finally {
    await outage?.end();
    await slowServer.end();
  }
  await expect.poll(() => db.invite.count({ where: { meetingId: meeting.id, delivery: 'SENT' } }), { timeout: 120_000, intervals: [2000] }).toBe(80);
  await expect(page.getByText('Invitation mails: 80 sent')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('mail-retry')).toHaveCount(0);
  const counts = await Promise.all(people.map(async (p) => (await listMessages(p)).length));
  expect(counts.filter((c) => c !== 1)).toEqual([]);
});
