/**
 * Who may use which meeting page: every role against every page and action, each cell asserted —
 * allowed with the right content, or exactly the answer a missing id gets.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, type TestUser } from '../support/fixtures';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { testInviteLink } from '../support/invite-link';

type Part = 'admin organiser' | 'admin bystander' | 'host' | 'co-host' | 'participant' | 'invited employee' | 'outsider';
type Row = {
  meeting: 'edit' | 'view' | 'none';
  edit: boolean;
  inviteMany: boolean;
  attendance: boolean;
  csv: boolean;
  join: 'moderator' | 'participant' | 'refused';
  room: 'manage' | 'view' | 'none';
};

// prettier-ignore
const TABLE: Record<Part, Row> = {
  'admin organiser':  { meeting: 'edit', edit: true,  inviteMany: true,  attendance: true,  csv: true,  join: 'moderator',   room: 'manage' },
  'admin bystander':  { meeting: 'edit', edit: true,  inviteMany: true,  attendance: true,  csv: true,  join: 'moderator',   room: 'manage' },
  'host':             { meeting: 'edit', edit: true,  inviteMany: true,  attendance: true,  csv: true,  join: 'moderator',   room: 'manage' },
  'co-host':          { meeting: 'edit', edit: true,  inviteMany: true,  attendance: true,  csv: true,  join: 'moderator',   room: 'manage' },
  'participant':      { meeting: 'view', edit: false, inviteMany: false, attendance: false, csv: false, join: 'participant', room: 'view' },
  'invited employee': { meeting: 'view', edit: false, inviteMany: false, attendance: false, csv: false, join: 'participant', room: 'none' },
  'outsider':         { meeting: 'none', edit: false, inviteMany: false, attendance: false, csv: false, join: 'refused',     room: 'none' },
};

/**
 * A room (guests allowed) with a co-host and a participant, a meeting in it that is on now, an
 * employee invited to it by address and a guest with a personal link. The room's owner is an admin
 * for the "admin organiser" row, a member otherwise.
 */
async function meetingWithEveryone(db: PrismaClient, createUser: (o?: { role?: 'ADMIN' | 'MEMBER'; prefix?: string }) => Promise<TestUser>, ownerRole: 'ADMIN' | 'MEMBER') {
  const suffix = randomBytes(4).toString('hex');
  const host = await createUser({ role: ownerRole, prefix: 'host' });
  const coHost = await createUser({ prefix: 'cohost' });
  const participant = await createUser({ prefix: 'participant' });
  const invited = await createUser({ prefix: 'invited' });
  const room = await db.room.create({
    data: {
      slug: `matrix-${suffix}`,
      name: `Matrix Room ${suffix}`,
      ownerId: host.id,
      jitsiName: `mx${suffix}`,
      guestsAllowed: true,
      members: { create: [{ userId: coHost.id, role: 'CO_HOST' }, { userId: participant.id, role: 'PARTICIPANT' }] },
    },
  });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const meeting = await db.meeting.create({
    data: { roomId: room.id, organizerId: host.id, title: `Matrix meeting ${suffix}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' },
  });
  await db.invite.create({
    data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, name: invited.name, email: invited.email, tokenHash: randomBytes(32).toString('hex'), expiresAt: meeting.endsAt },
  });
  const { token: guestToken, linkSeed, tokenHash } = testInviteLink();
  await db.invite.create({
    data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, name: 'Gale Guest', email: `gale-${suffix}@partner.test`, tokenHash, linkSeed, expiresAt: meeting.endsAt },
  });
  return { host, coHost, participant, invited, room, meeting, guestToken };
}

async function signedIn(browser: Browser, signInAs: (c: BrowserContext, u: TestUser) => Promise<void>, user: TestUser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(context, user);
  return { context, page: await context.newPage() };
}

/** The words a page shows once streamed, with the id or slug in it replaced. */
async function shown(page: Page, url: string, id: string) {
  await page.goto(url);
  await expect(page.getByText('Loading…')).toHaveCount(0);
  return (await page.locator('body').innerText()).replaceAll(id, '<id>');
}

/** A refused cell: the same status and the same visible words as the same address with a made-up id. */
async function sameAsMissing(page: Page, url: string, id: string, secrets: string[]) {
  const missingId = id.startsWith('matrix-') ? `matrix-${randomBytes(4).toString('hex')}` : `c${randomBytes(12).toString('hex')}`;
  const missing = url.replace(id, missingId);
  const [theirs, none] = [await page.request.get(url, { maxRedirects: 0 }), await page.request.get(missing, { maxRedirects: 0 })];
  expect(theirs.status(), url).toBe(none.status());
  const body = await theirs.text();
  for (const secret of secrets) expect(body, url).not.toContain(secret);
  expect(await shown(page, url, id), url).toBe(await shown(page, missing, missingId));
}

for (const [part, row] of Object.entries(TABLE) as [Part, Row][]) {
  test(`${part}: meeting page, edit, invite many, attendance, attendance.csv, join and room page`, async ({ browser, db, createUser, signInAs }) => {
    test.setTimeout(90_000);
    const cast = await meetingWithEveryone(db, createUser, part === 'admin organiser' ? 'ADMIN' : 'MEMBER');
    const { meeting, room } = cast;
    const viewer: TestUser =
      part === 'admin organiser' || part === 'host' ? cast.host
      : part === 'co-host' ? cast.coHost
      : part === 'participant' ? cast.participant
      : part === 'invited employee' ? cast.invited
      : await createUser({ role: part === 'admin bystander' ? 'ADMIN' : 'MEMBER', prefix: part === 'admin bystander' ? 'admin' : 'outsider' });
    const secrets = [meeting.title, room.name, cast.host.email];
    const { context, page } = await signedIn(browser, signInAs, viewer);
    const base = `/meetings/${meeting.id}`;

    // Meeting page, with the editing controls and the attendance only for those who may edit.
    if (row.meeting === 'none') await sameAsMissing(page, base, meeting.id, secrets);
    else {
      await page.goto(base);
      await expect(page.getByRole('heading', { level: 1, name: meeting.title })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(row.meeting === 'edit' ? 1 : 0);
      await expect(page.getByRole('link', { name: /Invite many people/ })).toHaveCount(row.inviteMany ? 1 : 0);
      await expect(page.getByRole('heading', { name: 'Attendance' })).toHaveCount(row.attendance ? 1 : 0);
      if (!row.attendance) expect(await page.locator('body').innerText()).not.toContain('Gale Guest');
    }

    if (row.edit) {
      await page.goto(`${base}/edit`);
      await expect(page.getByRole('heading', { level: 1, name: `Edit ${meeting.title}` })).toBeVisible();
      await expect(page.getByLabel('Title')).toHaveValue(meeting.title);
    } else await sameAsMissing(page, `${base}/edit`, meeting.id, secrets);

    if (row.inviteMany) {
      await page.goto(`${base}/invite-many`);
      await expect(page.getByRole('heading', { level: 1, name: 'Invite many guests' })).toBeVisible();
      await expect(page.getByRole('link', { name: `← ${meeting.title}` })).toBeVisible();
    } else await sameAsMissing(page, `${base}/invite-many`, meeting.id, secrets);

    const csv = await page.request.get(`${base}/attendance.csv`);
    if (row.csv) {
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toContain('Gale Guest'); // the guest who has not come yet is listed
    } else {
      expect(csv.status()).toBe(404);
      await sameAsMissing(page, `${base}/attendance.csv`, meeting.id, [...secrets, 'Gale Guest']);
    }

    // Joining: Jitsi (the stand-in) seats the person in the role the table says, or the refusal looks like a missing meeting.
    if (row.join === 'refused') {
      await sameAsMissing(page, `${base}/join`, meeting.id, secrets);
      await expect(page.getByRole('heading', { name: 'You can’t join right now' })).toBeVisible();
      expect(await db.attendance.count({ where: { meetingId: meeting.id, userId: viewer.id } })).toBe(0);
    } else {
      await page.goto(`${base}/join`);
      await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', row.join);
      await expect(page.getByText(`Joined as ${row.join}`)).toBeVisible();
    }

    // The room page: managers see its commands, participants see the room, everyone else a missing room.
    if (row.room === 'none') await sameAsMissing(page, `/rooms/${room.slug}`, room.slug, secrets);
    else {
      await page.goto(`/rooms/${room.slug}`);
      await expect(page.getByRole('heading', { level: 1, name: room.name })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Edit room' })).toHaveCount(row.room === 'manage' ? 1 : 0);
      await expect(page.getByRole('link', { name: meeting.title })).toBeVisible();
    }
    await context.close();
  });
}

test('guest with a personal link: the staff pages send them to sign in, the invite page lets them in', async ({ browser, db, createUser }) => {
  const { meeting, room, guestToken } = await meetingWithEveryone(db, createUser, 'MEMBER');
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const base = `/meetings/${meeting.id}`;
  for (const path of [base, `${base}/edit`, `${base}/invite-many`, `${base}/attendance.csv`, `${base}/join`, `/rooms/${room.slug}`]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers()['location'], path).toContain('/sign-in');
    expect(await response.text(), path).not.toContain(meeting.title);
  }
  await page.goto(`/invite/${guestToken}`);
  await expect(page.getByRole('heading', { level: 1, name: meeting.title })).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Gale Guest');
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');
  await context.close();
});

/** Today's date and the current minute in `zone`, as the meeting form takes them. */
function localNow(zone: string, at = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

test('an admin creates a room, schedules a meeting in it and runs it end to end', async ({ page, context, db, createUser, signInAs }) => {
  test.setTimeout(90_000);
  const admin = await createUser({ role: 'ADMIN', prefix: 'admin' });
  await signInAs(context, admin);
  const slug = `admin-run-${randomBytes(4).toString('hex')}`;

  await page.goto('/rooms/new');
  await page.getByLabel('Room name').fill('Admin Workshop');
  await page.getByLabel('Address').fill(slug);
  await page.getByLabel('Guests allowed').check();
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByText('Room created.')).toBeVisible();

  // A meeting that is on now; planned in a zone where it is not close to midnight, so it fits in the day.
  const zone = ['Europe/London', 'Asia/Tokyo', 'America/New_York'].find((z) => localNow(z).hour >= 1 && localNow(z).hour <= 21)!;
  const now = localNow(zone);
  const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  await page.getByRole('link', { name: 'Schedule meeting' }).click();
  await page.getByLabel('Title').fill('Admin-run workshop');
  await page.getByLabel('Date').fill(now.date);
  await page.getByLabel('Starts').fill(hhmm(now.hour - 1, now.minute));
  await page.getByLabel('Ends').fill(hhmm(now.hour + 2, now.minute));
  await page.getByLabel('Time zone').selectOption(zone);
  await page.getByRole('button', { name: 'Schedule meeting' }).click();

  // Right after scheduling: the meeting page, with everything an organiser needs.
  await expect(page.getByText('Meeting scheduled.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin-run workshop' })).toBeVisible();
  const meetingUrl = new URL(page.url()).pathname;
  await page.getByLabel('Guest’s name').fill('Ines Invitee');
  await page.getByLabel('Guest’s email').fill(`ines-${slug}@partner.test`);
  await page.getByRole('button', { name: 'Create personal invite' }).click();
  await expect(page.locator(`tr[data-invite="ines-${slug}@partner.test"]`)).toBeVisible();

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit Admin-run workshop' })).toBeVisible();
  await page.getByLabel('Title').fill('Admin-run workshop, day 1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();

  await page.getByRole('link', { name: /Invite many people/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invite many guests' })).toBeVisible();

  await page.goto(meetingUrl);
  await page.getByRole('link', { name: /Join now/ }).click();
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  const meetingId = meetingUrl.split('/').pop()!;
  await expect.poll(async () => (await db.attendance.findFirst({ where: { meetingId, userId: admin.id } }))?.joinedAt ?? null).not.toBeNull();
  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL(new RegExp(`${meetingUrl}$`));

  const csv = await page.request.get(`${meetingUrl}/attendance.csv`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(admin.email);
  expect(text).toContain('Ines Invitee');
  await expect(page.getByRole('heading', { name: 'Attendance' })).toBeVisible();
});
