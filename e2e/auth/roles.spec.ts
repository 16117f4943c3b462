import { test, expect } from '../support/fixtures';

test('a member cannot open admin pages', async ({ page, context, createUser, signInAs }) => {
  const member = await createUser();
  await signInAs(context, member);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'This page is for administrators' })).toBeVisible();
  await expect(page.getByText(member.email)).toHaveCount(0);
});

test('a disabled user is thrown out on their next request, in another open browser', async ({ browser, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const member = await createUser();
  const adminContext = await browser.newContext();
  const memberContext = await browser.newContext();
  await signInAs(adminContext, admin);
  await signInAs(memberContext, member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/');
  await expect(memberPage.getByRole('heading', { name: `Welcome, ${member.name}` })).toBeVisible();

  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  const row = adminPage.getByRole('row').filter({ hasText: member.email });
  adminPage.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row.getByText('Disabled')).toBeVisible();
  expect(await db.session.count({ where: { userId: member.id } })).toBe(0);

  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await expect(memberPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await adminContext.close();
  await memberContext.close();
});

test('a role change counts at the next request', async ({ page, context, createUser, signInAs, db }) => {
  const member = await createUser();
  await signInAs(context, member);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'This page is for administrators' })).toBeVisible();
  await db.user.update({ where: { id: member.id }, data: { role: 'ADMIN' } });
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
});
