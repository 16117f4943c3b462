import type { Page } from '@playwright/test';
import { test, expect, uniqueEmail } from '../support/fixtures';
import { PORTAL_URL } from '../support/ports';

async function signInWithProvider(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Example SSO' }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === PORTAL_URL);
}

test('an employee signs in with OpenID Connect and signs out', async ({ page, db }) => {
  const email = uniqueEmail('oidc.alice');
  await signInWithProvider(page, email);
  await expect(page.getByRole('heading', { name: /^Welcome, Oidc Alice/ })).toBeVisible();
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
  expect(user.accounts.map((a) => a.provider)).toEqual(['oidc']);
  expect(user.role).toBe('MEMBER');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
});

test('OpenID Connect and an email login for the same verified address are one person', async ({ page, db, createUser }) => {
  const existing = await createUser({ prefix: 'linked' });
  await signInWithProvider(page, existing.email);
  await expect(page.getByRole('heading', { name: /^Welcome,/ })).toBeVisible();
  const users = await db.user.findMany({ where: { email: existing.email }, include: { accounts: true } });
  expect(users).toHaveLength(1);
  expect(users[0]!.id).toBe(existing.id);
  expect(users[0]!.accounts.map((a) => a.provider)).toEqual(['oidc']);
});

test('an address the provider has not verified never takes over an existing account', async ({ page, db }) => {
  const victimEmail = uniqueEmail('unverified.victim');
  const victim = await db.user.create({ data: { email: victimEmail, role: 'ADMIN' } });
  await signInWithProvider(page, victimEmail);
  await expect(page.getByRole('heading', { name: 'You can’t sign in here' })).toBeVisible();
  await expect(page.getByText('has not confirmed your email address')).toBeVisible();
  expect(await db.account.count({ where: { userId: victim.id } })).toBe(0);
  expect(await db.session.count({ where: { userId: victim.id } })).toBe(0);
});

test('a visitor from a domain that is not allowed sees the "not allowed" page', async ({ page, db }) => {
  const email = uniqueEmail('stranger', 'elsewhere.test');
  await signInWithProvider(page, email);
  await expect(page).toHaveURL(/\/not-allowed\?reason=domain/);
  await expect(page.getByText('your email address is not one of its domains')).toBeVisible();
  expect(await db.user.count({ where: { email } })).toBe(0);
});

test('an address listed in ADMIN_EMAILS is an admin from its first sign-in', async ({ page, db }) => {
  await db.user.deleteMany({ where: { email: 'first.admin@example.com' } });
  await signInWithProvider(page, 'first.admin@example.com');
  await expect(page.getByRole('link', { name: 'Admin' })).toBeVisible();
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { email: 'first.admin@example.com' } })).role).toBe('ADMIN');
});
