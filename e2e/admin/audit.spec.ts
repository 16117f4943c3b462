import { test, expect } from '../support/fixtures';

test('admins read and filter the audit log and export it; members cannot', async ({ page, context, browser, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const member = await createUser();
  await db.auditEvent.create({ data: { kind: 'user.disabled', actorId: admin.id, actorEmail: admin.email, subjectUserId: member.id } });
  await db.auditEvent.create({ data: { kind: 'room.created', actorId: member.id, actorEmail: member.email } });
  await signInAs(context, admin);
  // From the people list, one click to what someone did.
  await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
  await page.getByRole('row').filter({ hasText: admin.email }).getByRole('link', { name: 'Activity' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/audit\\?person=${encodeURIComponent(admin.email)}`));
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows.filter({ hasText: 'user.disabled' })).toHaveCount(1);
  await page.getByLabel('Kind').selectOption('room.created');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No events match these filters.')).toBeVisible();

  const csv = await page.request.get(`/admin/audit.csv?person=${encodeURIComponent(admin.email)}`);
  const text = await csv.text();
  expect(text).toContain('"user.disabled"');
  expect(text).toContain(`"${admin.email}"`);

  const memberContext = await browser.newContext();
  await signInAs(memberContext, member);
  const memberPage = await memberContext.newPage();
  expect((await memberPage.goto('/admin/audit'))?.status()).toBe(403);
  expect((await memberPage.request.get('/admin/audit.csv')).status()).toBe(404);
  await memberContext.close();
});
