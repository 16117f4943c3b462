import type { APIRequestContext } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { portalTestEnv } from '../support/portal-env';
import { testInviteLink } from '../support/invite-link';

const SECRET = portalTestEnv.JITSI_EVENTS_SECRET!;
const auth = { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' };
const seconds = (ms: number) => Math.floor(ms / 1000);

/** What event_sync posts, as it posts it. */
function post(request: APIRequestContext, path: string, body: unknown, headers: Record<string, string> = auth) {
  // A Buffer goes out byte for byte (Playwright would JSON-encode a string sent as application/json).
  return request.post(`/api/jitsi/events/events/${path}`, { headers, data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
}

test('Jitsi’s events are the attendance: forged requests are refused, repeats count once, a closed tab ends with the room, and Live now follows', async ({ page, context, browser, createUser, signInAs, db, request }) => {
  const host = await createUser({ prefix: 'host' });
  const member = await createUser({ prefix: 'member' });
  const cohost = await createUser({ prefix: 'cohost' });
  const admin = await createUser({ role: 'ADMIN' });
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `ev-${suffix}`, name: `Events Room ${suffix}`, ownerId: host.id, jitsiName: `ev${suffix}`, guestsAllowed: true, members: { create: [{ userId: member.id, role: 'PARTICIPANT' }, { userId: cohost.id, role: 'CO_HOST' }] } } });
  const startsAt = new Date(Date.now() - 30 * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Server-side standup', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  const name = room.jitsiName;
  const base = { room_name: name, room_jid: `${name}@conference.meet.jitsi`, is_breakout: false };
  const t0 = seconds(Date.now()) - 20 * 60;
  const hana = { id: host.id, name: host.name, email: host.email, occupant_jid: `11111111-2222-4333-8444-555555555555@meet.jitsi/a1`, joined_at: t0 };
  const mia = { id: member.id, name: member.name, email: member.email, occupant_jid: `66666666-7777-4888-8999-000000000000@meet.jitsi/b2`, joined_at: t0 + 60 };

  // Nobody but Jitsi: no secret, a wrong one — 401 and nothing written; broken requests get a reason.
  const forged = await post(request, 'occupant/joined', { ...base, event_name: 'muc-occupant-joined', occupant: hana }, { 'Content-Type': 'application/json' });
  expect(forged.status()).toBe(401);
  expect((await post(request, 'occupant/joined', { ...base, occupant: hana }, { ...auth, Authorization: 'Bearer not-the-secret-0123456789abcdef0123456' })).status()).toBe(401);
  expect(await db.jitsiPresence.count({ where: { roomId: room.id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { kind: 'jitsi.events_refused', createdAt: { gt: new Date(Date.now() - 60_000) } } })).toBeGreaterThanOrEqual(1);
  const broken = await post(request, 'occupant/joined', '{"room_name": ');
  expect(broken.status()).toBe(400);
  expect(await broken.json()).toMatchObject({ error: 'The body is not JSON.' });
  const wrong = await post(request, 'occupant/left', { ...base, event_name: 'muc-occupant-left', occupant: hana });
  expect(wrong.status()).toBe(400);
  expect(((await wrong.json()) as { error: string }).error).toMatch(/occupant\.left_at/);
  expect((await post(request, 'room/renamed', { ...base })).status()).toBe(404);
  expect((await post(request, 'occupant/joined', 'x'.repeat(1024 * 1024 + 10))).status()).toBe(413);
  expect(await (await post(request, 'occupant/joined', { ...base, event_name: 'muc-occupant-joined', room_name: 'not-a-gatehouse-room', occupant: hana })).json()).toMatchObject({ ok: true, result: 'unknown-room' });

  // The meeting runs: both join (one retry repeats an identical body), Mia leaves after 10 minutes.
  expect((await post(request, 'room/created', { ...base, event_name: 'muc-room-created', created_at: t0 })).status()).toBe(200);
  for (const occupant of [hana, mia, mia]) await post(request, 'occupant/joined', { ...base, event_name: 'muc-occupant-joined', active_occupants_count: 2, occupant });
  await post(request, 'occupant/left', { ...base, event_name: 'muc-occupant-left', active_occupants_count: 1, occupant: { ...mia, left_at: mia.joined_at + 600 } });
  expect(await db.jitsiPresence.count({ where: { roomId: room.id } })).toBe(2);

  // The admin sees it live; the host's attendance is Jitsi's.
  const adminContext = await browser.newContext();
  await signInAs(adminContext, admin);
  const adminPage = await adminContext.newPage();
  await adminPage.goto('/admin/live');
  const live = adminPage.locator(`[data-live-room="${room.slug}"]`);
  await expect(live).toContainText('Server-side standup');
  await expect(live.getByTestId('live-count')).toContainText('1 person in');
  await expect(live).toContainText(host.name);
  await adminPage.screenshot({ path: test.info().outputPath('live-now.png'), fullPage: true });
  // Every role that may see the live count gets it: an admin, the room's co-host (and the host, below).
  expect(await (await adminPage.request.get(`/rooms/${room.slug}/live`)).json()).toEqual({ enabled: true, inMeeting: 1 });
  const cohostContext = await browser.newContext();
  await signInAs(cohostContext, cohost);
  expect(await (await cohostContext.request.get(`/rooms/${room.slug}/live`)).json()).toEqual({ enabled: true, inMeeting: 1 });
  await cohostContext.close();

  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByTestId('attendance-source')).toHaveAttribute('data-source', 'jitsi');
  await expect(page.getByTestId('live-now')).toHaveText('1 person in the meeting now');
  await page.screenshot({ path: test.info().outputPath('meeting-live.png'), fullPage: true });
  await expect(page.locator(`tr[data-person="${member.email}"]`)).toContainText('10 min');
  await expect(page.locator(`tr[data-person="${host.email}"]`)).toContainText('Still in the meeting');

  // A participant limit of 2 reached (Hana is in, and an app user without a Gatehouse account): Mia is
  // turned away with a message; set in the room's form, which checks what is typed.
  await post(request, 'occupant/joined', { ...base, event_name: 'muc-occupant-joined', active_occupants_count: 2, occupant: { occupant_jid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee@meet.jitsi/c3', joined_at: t0 + 120 } });
  await page.goto(`/rooms/${room.slug}/edit`);
  await page.getByLabel('Participant limit').fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Allow at least 2 people, or leave it empty for no limit.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('room-limit.png'), fullPage: true });
  await page.getByLabel('Participant limit').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await db.room.findUniqueOrThrow({ where: { id: room.id } })).maxParticipants).toBe(2);
  const miaContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(miaContext, member);
  const miaPage = await miaContext.newPage();
  await miaPage.goto(`/meetings/${meeting.id}/join`);
  await expect(miaPage.getByText('“Server-side standup” is full: 2 people are in, as many as the room allows.', { exact: false })).toBeVisible();
  await expect(miaPage.locator('iframe')).toHaveCount(0);
  // A guest with a personal invite is turned away the same way.
  const { token, linkSeed, tokenHash } = testInviteLink();
  await db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash, linkSeed, name: 'Gus Guest', email: `gus-${suffix}@partner.test`, expiresAt: meeting.endsAt } });
  const guestContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const guestPage = await guestContext.newPage();
  await guestPage.goto(`/invite/${token}`);
  await guestPage.getByRole('button', { name: 'Join meeting' }).click();
  await expect(guestPage.getByText('“Server-side standup” is full: 2 people are in, as many as the room allows.', { exact: false })).toBeVisible();
  await expect(guestPage.locator('iframe')).toHaveCount(0);
  await guestContext.close();
  expect((await miaPage.request.get(`/rooms/${room.slug}/live`)).status(), 'participants do not get the live count').toBe(404);
  expect((await miaPage.goto('/admin/live'))?.status(), 'nor Live now').toBe(403);
  await expect(miaPage.getByRole('heading', { name: 'This page is for administrators' })).toBeVisible();
  await miaContext.close();

  // Hana closes her laptop: no "left" ever comes. The room ends 5 minutes later and closes her stay.
  const destroyedAt = t0 + 25 * 60;
  await post(request, 'room/destroyed', { ...base, event_name: 'muc-room-destroyed', created_at: t0, destroyed_at: destroyedAt, all_occupants: [{ ...mia, left_at: mia.joined_at + 600 }, hana] });
  expect(await db.jitsiPresence.count({ where: { roomId: room.id, leftAt: null } })).toBe(0);
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.locator(`tr[data-person="${host.email}"]`)).toContainText('25 min');
  await expect(page.getByTestId('live-now')).toHaveCount(0);
  const csv = await (await page.request.get(`/meetings/${meeting.id}/attendance.csv`)).text();
  expect(csv).toContain(`"${host.email}","Employee","Moderator"`);

  // Live now drops the room by itself (the page refreshes every 10 s).
  await expect(live).toHaveCount(0, { timeout: 15_000 });
  await adminContext.close();
});

test('through the stand-in’s event_sync: two join, one closes the tab, the host ends the meeting — attendance and Live now are what Jitsi saw', async ({ page, context, browser, createUser, signInAs, db }) => {
  test.setTimeout(120_000);
  const host = await createUser({ prefix: 'host' });
  const member = await createUser({ prefix: 'member' });
  const admin = await createUser({ role: 'ADMIN' });
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `sync-${suffix}`, name: `Sync Room ${suffix}`, ownerId: host.id, jitsiName: `sy${suffix}`, members: { create: [{ userId: member.id, role: 'PARTICIPANT' }] } } });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Stand-in sync', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });

  await signInAs(context, host);
  await page.goto(`/meetings/${meeting.id}/join`);
  await expect(page.getByText('Joined as moderator')).toBeVisible();
  const memberContext = await browser.newContext({ ignoreHTTPSErrors: true });
  await signInAs(memberContext, member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/meetings/${meeting.id}/join`);
  await expect(memberPage.getByText('Joined as participant')).toBeVisible();

  // Jitsi reported both stays, with its own times (whole seconds), mapped to the two accounts.
  await expect.poll(() => db.jitsiPresence.count({ where: { meetingId: meeting.id, leftAt: null } })).toBe(2);
  const stays = await db.jitsiPresence.findMany({ where: { meetingId: meeting.id } });
  expect(stays.map((s) => s.userId).sort()).toEqual([host.id, member.id].sort());
  for (const s of stays) expect(s.joinedAt.getMilliseconds()).toBe(0);
  expect(stays.find((s) => s.userId === host.id)?.role).toBe('moderator');

  const adminContext = await browser.newContext();
  await signInAs(adminContext, admin);
  const adminPage = await adminContext.newPage();
  await adminPage.goto('/admin/live');
  const live = adminPage.locator(`[data-live-room="${room.slug}"]`);
  await expect(live.getByTestId('live-count')).toContainText('2 people in');
  await expect(live).toContainText(member.name);

  // The member's laptop closes: no Leave. The host ends the meeting for everyone from the call at once,
  // before Jitsi would notice the dead connection — the room's end closes that stay too.
  await memberContext.close();
  await page.getByRole('button', { name: 'End meeting for everyone' }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`), { timeout: 15_000 });
  await expect.poll(() => db.jitsiEvent.count({ where: { roomId: room.id, kind: 'room/destroyed' } })).toBe(1);
  const closed = await db.jitsiPresence.findMany({ where: { meetingId: meeting.id } });
  expect(closed).toHaveLength(2);
  const ends = closed.map((s) => s.leftAt?.getTime());
  expect(ends.every((t) => t !== undefined)).toBe(true);
  expect(Math.abs(ends[0]! - ends[1]!), 'both stays end when the room does').toBeLessThanOrEqual(2_000);

  await page.reload();
  await expect(page.getByTestId('attendance-source')).toHaveAttribute('data-source', 'jitsi');
  await expect(page.getByText(/^2 people · /)).toBeVisible();
  await expect(page.getByText('Still in the meeting')).toHaveCount(0);
  const memberStay = closed.find((s) => s.userId === member.id)!;
  const csv = await (await page.request.get(`/meetings/${meeting.id}/attendance.csv`)).text();
  expect(csv.split('\r\n').find((r) => r.includes(member.email))).toContain(`"${memberStay.joinedAt.toISOString()}","${memberStay.leftAt!.toISOString()}"`);

  // Live now drops the room by itself.
  await expect(live).toHaveCount(0, { timeout: 15_000 });
  await adminContext.close();
});
