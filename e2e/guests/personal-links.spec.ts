import { test, expect, type TestUser } from '../support/fixtures';
import type { Browser, Page } from '@playwright/test';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { testInviteLink } from '../support/invite-link';

/** A guest room with a meeting open for joining now, and one personal invite to it. */
async function workshop(db: PrismaClient, host: TestUser, options: { startsInMinutes?: number; participants?: TestUser[] } = {}) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const room = await db.room.create({
    data: {
      slug: `links-${suffix}`,
      name: `Links Room ${suffix}`,
      ownerId: host.id,
      jitsiName: `pl${suffix}`,
      guestsAllowed: true,
      members: { create: (options.participants ?? []).map((p) => ({ userId: p.id, role: 'PARTICIPANT' as const })) },
    },
  });
  const startsAt = new Date(Date.now() + (options.startsInMinutes ?? -5) * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Partner workshop', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  const { token, linkSeed, tokenHash } = testInviteLink();
  const invite = await db.invite.create({
    data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash, linkSeed, name: 'Ada Attendee', email: `ada-${suffix}@partner.test`, expiresAt: meeting.endsAt },
  });
  return { room, meeting, invite, link: `/invite/${token}` };
}

/** A browser of its own (a forwarded link is opened by someone else, on another machine). */
async function visitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  return context.newPage();
}

async function joinAsGuest(page: Page) {
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');
}

// Each test drives two or three browsers through whole meetings.
test.describe.configure({ timeout: 90_000 });

const IN_USE = /This link is in use: someone is in the meeting with it right now/;

test('a forwarded personal link is refused while its guest is in, and the organiser sees it; the guest leaves and rejoins', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { meeting, invite, link } = await workshop(db, host);

  const ada = await visitor(browser);
  await ada.goto(link);
  const name = ada.getByLabel('Your name');
  await expect(name).toHaveValue('Ada Attendee');
  await expect(name).toHaveAttribute('readonly', '');
  await joinAsGuest(ada);
  const frame = ada.frameLocator('iframe');
  // The token names the invite, with the invite's name locked (context.features name-readonly).
  await expect(frame.locator('[data-field="name"]')).toHaveText('Ada Attendee');
  await expect(frame.getByTestId('standin-features')).toContainText('name-readonly: yes');
  await expect.poll(async () => (await db.attendance.findFirst({ where: { inviteId: invite.id } }))?.joinedAt ?? null).not.toBeNull();

  // Someone the link was forwarded to cannot type another name, and is refused while Ada is in.
  const forwarded = await visitor(browser);
  await forwarded.goto(link);
  await expect(forwarded.getByLabel('Your name')).toHaveValue('Ada Attendee');
  await forwarded.getByRole('button', { name: 'Join meeting' }).click();
  await expect(forwarded.getByText(IN_USE)).toBeVisible();
  await expect(forwarded.locator('iframe')).toHaveCount(0);
  await forwarded.getByRole('link', { name: 'Back to your invitation' }).click();
  await expect(forwarded.getByRole('button', { name: 'Join meeting' })).toBeVisible();
  const counted = await db.invite.findUniqueOrThrow({ where: { id: invite.id } });
  expect([counted.useCount, counted.refusedUses, counted.sharedUses]).toEqual([1, 1, 0]);
  expect(await db.auditEvent.count({ where: { inviteId: invite.id, kind: 'invite.redeem_refused' } })).toBe(1);
  expect(await db.attendance.count({ where: { inviteId: invite.id } })).toBe(1);

  // Ada leaves: a page that says so, with Rejoin, and the frame is gone — within seconds, not 45.
  const leftAt = Date.now();
  await ada.getByRole('button', { name: 'Leave' }).click();
  await expect(ada.getByRole('heading', { name: 'You left the meeting' })).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - leftAt).toBeLessThan(10_000);
  await expect(ada.locator('iframe')).toHaveCount(0);
  await expect.poll(async () => (await db.attendance.findFirstOrThrow({ where: { inviteId: invite.id } })).leftAt).not.toBeNull();
  await ada.getByRole('button', { name: 'Rejoin' }).click();
  await expect(ada.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant');
  await ada.getByRole('button', { name: 'Leave' }).click();
  await expect(ada.getByRole('heading', { name: 'You left the meeting' })).toBeVisible();

  // The organiser sees the refused use on the invite row and in the attendance: one person, two sessions.
  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.locator(`tr[data-invite="${invite.email}"]`)).toContainText('Used 2 times · 1 refused while in use');
  await expect(page.getByText(/^1 person · 0 invited guests did not come/)).toBeVisible();
  const line = page.locator(`tr[data-person="${invite.email}"]`);
  await expect(line).toContainText('Personal link 1 refused while in use');
  await expect(line.getByRole('cell').last()).toHaveText('2');
  const csv = await (await page.request.get(`/meetings/${meeting.id}/attendance.csv`)).text();
  expect(csv).toMatch(new RegExp(`"Ada Attendee","${invite.email}","Guest","Participant","yes","[^"]+","[^"]+","\\d+","2","1","0"`));

  // The revoked link's "left" page no longer offers a way in.
  await db.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
  await ada.reload();
  await expect(ada.getByText('This link is no longer valid — ask the organiser for a new one.')).toBeVisible();
  await ada.context().close();
  await forwarded.context().close();
});

test('when the organiser allows sharing, a second person on a personal link is let in and shown as shared', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { meeting, invite, link } = await workshop(db, host, { startsInMinutes: 5 });
  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}/edit`);
  const sharing = page.getByLabel(/Allow sharing/);
  await expect(sharing).not.toBeChecked();
  await sharing.check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).allowLinkSharing).toBe(true);
  // The update mail about the change carries the link Ada already has, which keeps working.
  const { waitForMail, extractFirstUrl } = await import('../support/mailbox');
  const update = await waitForMail(invite.email!, { subject: /^Updated: Partner workshop/ });
  expect(new URL(extractFirstUrl(update.text, 'http')).pathname).toBe(link);

  const ada = await visitor(browser);
  await ada.goto(link);
  await joinAsGuest(ada);
  await expect.poll(async () => (await db.attendance.findFirst({ where: { inviteId: invite.id } }))?.joinedAt ?? null).not.toBeNull();
  const colleague = await visitor(browser);
  await colleague.goto(link);
  await joinAsGuest(colleague);
  const counted = await db.invite.findUniqueOrThrow({ where: { id: invite.id } });
  expect([counted.useCount, counted.refusedUses, counted.sharedUses]).toEqual([2, 0, 1]);

  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.locator(`tr[data-invite="${invite.email}"]`)).toContainText('Used 2 times · shared once');
  await expect(page.locator(`tr[data-person="${invite.email}"]`)).toContainText('Personal link shared once');
  await ada.context().close();
  await colleague.context().close();
});

test('one person who rejoins twice counts once, with the minutes of all three sessions', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const member = await createUser({ prefix: 'member' });
  const { meeting } = await workshop(db, host, { participants: [member] });
  const memberContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(memberContext, member);
  const memberPage = await memberContext.newPage();
  for (let session = 0; session < 3; session++) {
    await memberPage.goto(`/meetings/${meeting.id}/join`);
    await expect(memberPage.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'participant', { timeout: 15_000 });
    await expect.poll(() => db.attendance.count({ where: { meetingId: meeting.id, userId: member.id, joinedAt: { not: null } } })).toBe(session + 1);
    await memberPage.getByRole('button', { name: 'Leave' }).click();
    await expect(memberPage).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));
    await expect.poll(() => db.attendance.count({ where: { meetingId: meeting.id, userId: member.id, leftAt: { not: null } } })).toBe(session + 1);
  }
  await memberContext.close();

  // Jitsi (the stand-in's event_sync) saw three stays too. They lasted seconds; stretch each to ten
  // minutes, one hour apart, so the sum shows.
  await expect.poll(() => db.jitsiPresence.count({ where: { meetingId: meeting.id, userId: member.id, leftAt: { not: null } } })).toBe(3);
  const stays = await db.jitsiPresence.findMany({ where: { meetingId: meeting.id, userId: member.id }, orderBy: { joinedAt: 'asc' } });
  const base = Date.now() - 4 * 3_600_000;
  for (const [i, s] of stays.entries()) {
    const joinedAt = new Date(base + i * 3_600_000);
    await db.jitsiPresence.update({ where: { id: s.id }, data: { joinedAt, leftAt: new Date(joinedAt.getTime() + 10 * 60_000) } });
  }

  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByTestId('attendance-source')).toHaveAttribute('data-source', 'jitsi');
  await expect(page.getByText(/^1 person · /)).toBeVisible();
  const line = page.locator(`tr[data-person="${member.email}"]`);
  await expect(line).toContainText('30 min');
  await expect(line.getByRole('cell').last()).toHaveText('3');
  const csv = await (await page.request.get(`/meetings/${meeting.id}/attendance.csv`)).text();
  const rows = csv.trim().split('\r\n').filter((r) => r.includes(member.email));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain(`"${new Date(base).toISOString()}","${new Date(base + 2 * 3_600_000 + 10 * 60_000).toISOString()}","30","3"`);
});

test('tabs closed without Leave still get a last leave (from Jitsi, or from heartbeats without it), and the link is free again', async ({ page, context, browser, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'host' });
  const { meeting, invite, link } = await workshop(db, host);
  const hostContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(hostContext, host);
  const hostTab = await hostContext.newPage();
  await hostTab.goto(`/meetings/${meeting.id}/join`);
  await expect(hostTab.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  const ada = await visitor(browser);
  await ada.goto(link);
  await joinAsGuest(ada);

  // Both pages report that they are still there (every 2 s in this suite), then the tabs are closed.
  const heartbeatAfterJoin = async (where: object) => {
    const row = await db.attendance.findFirst({ where: { meetingId: meeting.id, ...where } });
    return !!row?.joinedAt && !!row.lastSeenAt && row.lastSeenAt > row.joinedAt;
  };
  await expect.poll(() => heartbeatAfterJoin({ inviteId: invite.id }), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => heartbeatAfterJoin({ userId: host.id }), { timeout: 10_000 }).toBe(true);
  await ada.context().close();
  await hostContext.close();

  // Jitsi notices the closed tabs (the stand-in after 10 s, as Prosody does when a connection dies) and
  // says so through event_sync: the attendance is Jitsi's, with a last leave for both.
  await signInAs(context, host);
  await expect.poll(() => db.jitsiPresence.count({ where: { meetingId: meeting.id, leftAt: { not: null } } }), { timeout: 25_000 }).toBe(2);
  await expect.poll(() => db.jitsiEvent.count({ where: { roomId: meeting.roomId, kind: 'room/destroyed' } })).toBe(1);
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByTestId('attendance-source')).toHaveAttribute('data-source', 'jitsi');
  await expect(page.getByText(/^2 people · /)).toBeVisible();
  await expect(page.getByText('Still in the meeting')).toHaveCount(0);

  // A Jitsi without event_sync reports nothing: then each portal session ends at its last heartbeat
  // once 2.5 intervals pass without one, though nobody pressed Leave.
  await db.jitsiPresence.deleteMany({ where: { meetingId: meeting.id } });
  const csvRows = async () => (await (await page.request.get(`/meetings/${meeting.id}/attendance.csv`)).text()).trim().split('\r\n').slice(1);
  await expect.poll(async () => (await csvRows()).map((r) => r.split('","')[6]), { timeout: 15_000 }).toEqual([expect.stringMatching(/^\d{4}-/), expect.stringMatching(/^\d{4}-/)]);
  for (const s of await db.attendance.findMany({ where: { meetingId: meeting.id } })) {
    expect(s.leftAt).toBeNull();
    expect(s.lastSeenAt!.getTime()).toBeGreaterThan(s.joinedAt!.getTime());
  }
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByTestId('attendance-source')).toHaveAttribute('data-source', 'portal');
  await expect(page.getByText(/^2 people · /)).toBeVisible();
  await expect(page.getByText('Still in the meeting')).toHaveCount(0);

  // The closed tab no longer holds the personal link: someone else's browser gets in.
  const later = await visitor(browser);
  await later.goto(link);
  await joinAsGuest(later);
  expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).refusedUses).toBe(0);
  await later.context().close();
});
