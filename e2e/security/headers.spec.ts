import { test, expect } from '../support/fixtures';
import { STANDIN_DOMAIN } from '../support/ports';

const JITSI = `https://${STANDIN_DOMAIN}`;

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/);
  expect(csp, where).not.toContain('unsafe-eval');
  expect(csp, where).toContain(`frame-src ${JITSI};`);
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(headers['strict-transport-security'], where).toMatch(/max-age=\d{7,}/);
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  expect(headers['permissions-policy'], where).toBe(`camera=("${JITSI}"), microphone=("${JITSI}"), display-capture=("${JITSI}"), geolocation=(), payment=(), usb=()`);
}

test('every kind of response carries the security headers, with a fresh script nonce per page', async ({ page, context, request, createUser, signInAs }) => {
  for (const path of ['/sign-in', '/api/health', '/invite/not-a-real-invite-code', '/no-such-page', '/admin/users']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(response.headers(), path);
  }

  const first = await page.goto('/sign-in');
  const second = await page.request.get('/sign-in');
  const nonce = ((first!.headers()['content-security-policy'] ?? '').match(/'nonce-([^']+)'/) ?? [])[1];
  expect(second.headers()['content-security-policy']).not.toContain(nonce);
  // Next put this response's nonce on its scripts, so they ran (the page is interactive).
  const scripts = page.locator('script[src]');
  expect(await scripts.count()).toBeGreaterThan(0);
  for (const script of await scripts.all()) expect(await script.evaluate((s) => (s as HTMLScriptElement).nonce)).toBe(nonce);

  // Static files get the headers that do not depend on the request.
  const asset = await page.request.get(await scripts.first().getAttribute('src') as string);
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');

  const user = await createUser();
  await signInAs(context, user);
  expectSecurityHeaders((await page.goto('/'))!.headers(), 'signed-in dashboard');
});

test('the portal cannot be framed, and its pages run without breaking their own policy', async ({ page, context, createUser, signInAs, db }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  const host = await createUser({ prefix: 'host' });
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const room = await db.room.create({ data: { slug: `csp-${suffix}`, name: `CSP Room ${suffix}`, ownerId: host.id, jitsiName: `csp${suffix}`, alwaysOpen: true } });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signInAs(context, host);
  await page.goto(`/rooms/${room.slug}/join`);
  // The embedded meeting loads: external_api.js from the Jitsi server and its frame are allowed.
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toHaveAttribute('data-role', 'moderator');
  expect(violations).toEqual([]);

  // Another site trying to frame the portal gets a blocked frame.
  await page.setContent(`<iframe id="framed" src="${new URL('/sign-in', page.url()).href}"></iframe>`);
  await page.waitForTimeout(500);
  const framed = page.frames().find((f) => f.url().includes('/sign-in'));
  const heading = framed ? await framed.locator('h1').count().catch(() => 0) : 0;
  expect(heading).toBe(0);
});
