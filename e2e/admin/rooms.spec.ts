import { test, expect, type TestUser } from '../support/fixtures';
import { captureAction, replayAction } from '../support/actions';
import type { PrismaClient } from '../../lib/generated/prisma/client';

async function roomWithMeeting(db: PrismaClient, owner: TestUser, coHost: TestUser) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const room = await db.room.create({
    data: { slug: `adm-${suffix}`, name: `Board Room ${suffix}`, ownerId: owner.id, jitsiName: `ad${suffix}`, members: { create: { userId: coHost.id, role: 'CO_HOST' } } },
  });
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  await db.meeting.create({ data: { roomId: room.id, organizerId: owner.id, title: 'Quarterly review', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'UTC' } });
  return room;
}

test('an admin sees every room with its hosts and meetings, hands one over, rotates its link, archives, restores and deletes it', async ({ page, context, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const owner = await createUser({ prefix: 'owner' });
  const coHost = await createUser({ prefix: 'cohost' });
  const successor = await createUser({ prefix: 'successor' });
  const room = await roomWithMeeting(db, owner, coHost);
  await signInAs(context, admin);

  await page.goto(`/admin/rooms?q=${room.slug}`);
  const row = page.getByTestId('admin-room').filter({ hasText: room.name });
  await expect(row).toContainText(owner.email);
  await expect(row).toContainText(`Co-hosts: ${coHost.name}`);
  await expect(row).toContainText('1 upcoming meeting');

  // Transfer: an unknown address is refused with a message and the typed text stays.
  const newHost = row.getByLabel(`New host for ${room.name}`);
  await newHost.fill('nobody@example.com');
  await row.getByRole('button', { name: 'Transfer' }).click();
  await expect(row.getByText('No active employee has the address nobody@example.com.')).toBeVisible();
  await expect(newHost).toHaveValue('nobody@example.com');
  await newHost.fill(successor.email.toUpperCase());
  await row.getByRole('button', { name: 'Transfer' }).click();
  await expect(row.getByText(`${successor.email} now hosts this room.`)).toBeVisible();
  await expect(row.getByTestId('room-owner')).toContainText(successor.email);
  const transferred = await db.room.findUniqueOrThrow({ where: { id: room.id }, include: { members: true } });
  expect(transferred.ownerId).toBe(successor.id);
  expect(transferred.members.find((m) => m.userId === owner.id)?.role).toBe('CO_HOST');
  expect(await db.auditEvent.count({ where: { kind: 'room.ownership_transferred', roomId: room.id } })).toBe(1);

  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'New link' }).click();
  await expect(row.getByText('New link made')).toBeVisible();
  expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).jitsiName).not.toBe(room.jitsiName);

  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Archive' }).click();
  await expect(row).toHaveCount(0);
  expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).archivedAt).not.toBeNull();
  await page.goto(`/admin/rooms?q=${room.slug}&status=archived`);
  await row.getByRole('button', { name: 'Restore' }).click();
  await expect(row).toHaveCount(0);
  expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).archivedAt).toBeNull();

  await page.goto(`/admin/rooms?q=${room.slug}`);
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    return dialog.accept();
  });
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No rooms match.')).toBeVisible();
  expect(question).toContain('Its 1 upcoming meeting is cancelled');
  expect(await db.room.count({ where: { id: room.id } })).toBe(0);
});

test('members cannot use the admin room actions, not even by replaying an admin’s call', async ({ page, context, browser, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const member = await createUser({ prefix: 'member' });
  const other = await createUser({ prefix: 'other' });
  const adminsRoom = await roomWithMeeting(db, admin, other);
  const membersRoom = await roomWithMeeting(db, member, other);
  await signInAs(context, admin);
  await page.goto(`/admin/rooms?q=${adminsRoom.slug}`);
  const row = page.getByTestId('admin-room').filter({ hasText: adminsRoom.name });
  await row.getByLabel(/New host for/).fill(other.email);
  const transfer = await captureAction(page, () => row.getByRole('button', { name: 'Transfer' }).click());
  await expect(row.getByText(`${other.email} now hosts this room.`)).toBeVisible();
  page.once('dialog', (dialog) => dialog.accept());
  const remove = await captureAction(page, () => row.getByRole('button', { name: 'Delete' }).click());
  await expect(page.getByText('No rooms match.')).toBeVisible();

  const memberContext = await browser.newContext();
  await signInAs(memberContext, member);
  expect((await memberContext.request.get('/admin/rooms')).status()).toBe(403);
  // Even on their own room, a member may not hand it over or delete it through the admin list.
  for (const action of [transfer, remove]) {
    const reply = await replayAction(memberContext.request, action, [[adminsRoom.id, membersRoom.id]]);
    expect(reply.status).toBe(403);
    expect(reply.text).not.toContain('"ok":true');
  }
  const after = await db.room.findUniqueOrThrow({ where: { id: membersRoom.id } });
  expect(after.ownerId).toBe(member.id);
  await memberContext.close();
});
