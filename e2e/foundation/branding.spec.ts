import fs from 'node:fs';
import path from 'node:path';
import { test, expect, uniqueEmail } from '../support/fixtures';
import { waitForMail } from '../support/mailbox';

test('the favicon and logo load for a signed-out visitor, under the CSP, on the sign-in page', async ({ page, request }) => {
  for (const [file, type] of [['/favicon.ico', 'image/'], ['/favicon.svg', 'image/svg+xml'], ['/logo.svg', 'image/svg+xml'], ['/logo.png', 'image/png']] as const) {
    const response = await request.get(file, { maxRedirects: 0 });
    expect(response.status(), file).toBe(200);
    expect(response.headers()['content-type'], file).toContain(type);
  }

  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/sign-in');
  const logo = page.locator('main img[src*="logo.svg"]');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.locator('main')).toContainText('Gatehouse');
  await expect(page.locator('head link[rel="icon"][href^="/favicon.svg"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  expect(violations).toEqual([]);
});

test('the signed-in header shows the logo', async ({ page, context, createUser, signInAs }) => {
  const user = await createUser({ prefix: 'brand' });
  await signInAs(context, user);
  await page.goto('/');
  const home = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gatehouse' });
  await expect(home).toBeVisible();
  expect(await home.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test('mails carry the logo inline, so mail clients show it without loading anything', async ({ page }) => {
  const email = uniqueEmail('logo');
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const mail = await waitForMail(email, { subject: /Sign in to Gatehouse/ });
  const cid = /<img src="cid:([^"]+)"/.exec(mail.html)?.[1];
  expect(cid, 'the HTML shows an inline image').toBeTruthy();
  const logo = mail.attachments.find((a) => a.contentId === cid);
  expect(logo?.contentType).toBe('image/png');
  expect(Buffer.from(logo!.base64, 'base64').equals(fs.readFileSync(path.join(process.cwd(), 'public', 'logo.png')))).toBe(true);
  expect(mail.text).not.toContain('cid:');
});
