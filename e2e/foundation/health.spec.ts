import { expect, test } from '@playwright/test';

test('the portal answers its health check with the migrated PostgreSQL database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres', migrations: expect.any(Number) } });
});

test('a visitor is sent to a styled sign-in page in Chromium', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // Tailwind is compiled in: the primary button has the brand background, not the browser default.
  const background = await page.getByRole('button', { name: 'Sign in with Example SSO' }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(31, 95, 191)');
});
