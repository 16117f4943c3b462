import { expect, test } from '@playwright/test';

test('the portal answers its health check with the migrated PostgreSQL database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres', migrations: expect.any(Number) } });
});

test('the home page renders with the portal styles in Chromium', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Gatehouse' })).toBeVisible();
  // Tailwind is compiled in: the heading uses the brand colour, not the browser default black.
  const color = await page.getByRole('heading', { level: 1 }).evaluate((el) => getComputedStyle(el).color);
  expect(color).not.toBe('rgb(0, 0, 0)');
});
