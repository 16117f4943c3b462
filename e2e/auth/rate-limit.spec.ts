import { test, expect, uniqueEmail } from '../support/fixtures';
import { PORTAL_URL } from '../support/ports';

test('asking Auth.js directly for too many links answers 429 with Retry-After', async ({ playwright }) => {
  // A client of its own (the suite's portal trusts one proxy hop of X-Forwarded-For, see portal-env.ts).
  const request = await playwright.request.newContext({ baseURL: PORTAL_URL, extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.77' } });
  const email = uniqueEmail('hammer');
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const ask = () => request.post('/api/auth/signin/nodemailer', { form: { email, csrfToken, callbackUrl: '/' }, maxRedirects: 0 });

  for (let i = 0; i < 5; i++) {
    const response = await ask();
    expect(response.status(), `request ${i + 1}`).toBe(302);
    expect(response.headers()['location']).toMatch(/verify-request|check-email/);
  }
  const limited = await ask();
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  await request.dispose();
});

test('a crafted address posted straight to Auth.js is refused and nothing is mailed', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: PORTAL_URL, extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.78' } });
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const { listMessages } = await import('../support/mailbox');
  for (const email of ['victim@example.com\r\nBcc: attacker@evil.test', '"a,b"@example.com', 'victim＠example.com']) {
    const response = await request.post('/api/auth/signin/nodemailer', { form: { email, csrfToken, callbackUrl: '/' }, maxRedirects: 0 });
    expect(response.headers()['location'] ?? '').not.toMatch(/verify-request|check-email/);
  }
  expect(await listMessages('attacker@evil.test')).toHaveLength(0);
  expect(await listMessages('victim@example.com')).toHaveLength(0);
  await request.dispose();
});

test('one client asking links for many addresses is limited too', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: PORTAL_URL, extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.79' } });
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    const response = await request.post('/api/auth/signin/nodemailer', { form: { email: uniqueEmail(`spray${i}`, 'elsewhere.test'), csrfToken, callbackUrl: '/' }, maxRedirects: 0 });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
  expect(statuses[20]).toBe(429);
  await request.dispose();
});
