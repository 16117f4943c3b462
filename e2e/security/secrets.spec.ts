import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { test, expect } from '../support/fixtures';
import { portalTestEnv } from '../support/portal-env';

/** The secret values the suite's portal runs with, and recognisable parts of them. */
const SECRETS = {
  AUTH_SECRET: portalTestEnv.AUTH_SECRET!,
  JITSI_APP_SECRET: portalTestEnv.JITSI_APP_SECRET!,
  JITSI_EVENTS_SECRET: portalTestEnv.JITSI_EVENTS_SECRET!,
  METRICS_TOKEN: portalTestEnv.METRICS_TOKEN!,
  OIDC_CLIENT_SECRET: portalTestEnv.OIDC_CLIENT_SECRET!,
  DATABASE_URL: portalTestEnv.DATABASE_URL!,
  SMTP_URL: portalTestEnv.SMTP_URL!,
};

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

test('no secret is in the browser bundles or the prerendered pages, and nothing is exposed as NEXT_PUBLIC_', () => {
  const built = [...filesUnder('.next/static'), ...filesUnder('.next/server/app').filter((f) => /\.(html|rsc|body|meta)$/.test(f))];
  expect(built.length).toBeGreaterThan(10);
  for (const file of built) expect(leaks(fs.readFileSync(file, 'latin1')), file).toEqual([]);
  const sources = ['app', 'components', 'lib'].flatMap((d) => filesUnder(d)).filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('generated'));
  for (const file of sources) expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/NEXT_PUBLIC_/);
});

test('no page or RSC payload an admin or a guest can load carries a secret', async ({ page, context, browser, request, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  const suffix = randomBytes(4).toString('hex');
  const room = await db.room.create({ data: { slug: `leak-${suffix}`, name: `Leak ${suffix}`, ownerId: admin.id, jitsiName: `lk${suffix}`, alwaysOpen: true, guestsAllowed: true } });
  await signInAs(context, admin);
  const pages = ['/', '/rooms', `/rooms/${room.slug}`, `/rooms/${room.slug}/join`, '/settings', '/admin/users', '/admin/rooms', '/admin/invites', '/admin/audit', '/admin/jitsi', '/admin/jitsi/inspect', '/admin/live', '/sign-in'];
  for (const url of pages) {
    const html = await page.request.get(url);
    expect(leaks(await html.text()), `${url} (HTML)`).toEqual([]);
    const rsc = await page.request.get(url, { headers: { RSC: '1' } });
    expect(leaks(await rsc.text()), `${url} (RSC)`).toEqual([]);
  }
  // The join page's token is for Jitsi only; minting it does not put a secret in the answer either.
  await page.goto(`/rooms/${room.slug}/join`);
  await expect(page.frameLocator('iframe').getByTestId('standin-verdict')).toBeVisible();
  expect(leaks(await page.content())).toEqual([]);

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  for (const url of ['/invite/not-a-real-code', '/api/health', '/sign-in']) {
    expect(leaks(await (await guestPage.request.get(url)).text()), url).toEqual([]);
  }
  await guest.close();
  expect(leaks(await (await request.get('/api/health')).text())).toEqual([]);
});
