import { test, expect } from '../support/fixtures';

test('a host edits a room; a taken address is explained at the field and a stale edit is refused, not lost', async ({ page, context, createUser, signInAs, db }) => {
  const host = await createUser({ prefix: 'edit.host' });
  const tag = host.id.slice(-8);
  const other = await db.room.create({ data: { name: 'Other', slug: `other-${tag}`, jitsiName: `other${tag}`, ownerId: host.id } });
  const room = await db.room.create({ data: { name: 'Before', slug: `before-${tag}`, jitsiName: `before${tag}`, ownerId: host.id } });
  await signInAs(context, host);

  await page.goto(`/rooms/${room.slug}/edit`);
  await page.getByLabel('Address').fill(other.slug);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Another room already uses this address. Choose another.')).toBeVisible();

  await page.getByLabel('Room name').fill('After');
  await page.getByLabel('Address').fill(`after-${tag}`);
  await page.getByLabel('Lobby').selectOption('GUESTS');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'After' })).toBeVisible();
  const saved = await db.room.findUniqueOrThrow({ where: { id: room.id } });
  expect(saved).toMatchObject({ name: 'After', slug: `after-${tag}`, lobby: 'GUESTS', version: 2 });

  // A second tab still shows version 2; someone else saves first; the stale tab is told, and nothing it sent is stored.
  const stale = await context.newPage();
  await stale.goto(`/rooms/${saved.slug}/edit`);
  await db.room.update({ where: { id: room.id }, data: { name: 'Someone else', version: { increment: 1 } } });
  await stale.getByLabel('Room name').fill('Mine');
  await stale.getByRole('button', { name: 'Save changes' }).click();
  await expect(stale.getByText('Not saved')).toBeVisible();
  await expect(stale.getByLabel('Room name')).toHaveValue('Mine');
  expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).name).toBe('Someone else');
});
