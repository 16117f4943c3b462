import { randomBytes } from 'node:crypto';
import { test, expect } from '../support/fixtures';
import { startRelay } from '../support/tcp-relay';
import { startExtraPortal } from '../support/extra-portal';
import { E2E_DATABASE_URL } from '../support/ports';
import { builtAction } from '../support/actions';

test('database outage: clear 503 answers, never a token, and the portal recovers by itself once the database is back', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(120_000);
  const database = new URL(E2E_DATABASE_URL);
  const relay = await startRelay({ host: database.hostname, port: Number(database.port || 5432) });
  const viaRelay = new URL(E2E_DATABASE_URL);
  viaRelay.port = String(relay.port);
  const portal = await startExtraPortal(3111, { DATABASE_URL: viaRelay.toString() });
  try {
    const host = await createUser({ prefix: 'host' });
    const suffix = randomBytes(4).toString('hex');
    const room = await db.room.create({ data: { slug: `outage-${suffix}`, name: `Outage ${suffix}`, ownerId: host.id, jitsiName: `ou${suffix}`, alwaysOpen: true } });
    await signInAs(context, host);
    await page.goto(`${portal.url}/`);
    await expect(page.getByRole('heading', { name: `Welcome, ${host.name}` })).toBeVisible();

    await relay.cut();
    // The first request finds the database gone; from then on every page and action answers 503 at once.
    await page.request.get(`${portal.url}/`, { maxRedirects: 0 });
    for (const path of ['/', `/rooms/${room.slug}`, `/rooms/${room.slug}/join`, '/admin/users', '/sign-in', '/api/health']) {
      const response = await page.request.get(`${portal.url}${path}`, { maxRedirects: 0 });
      expect(response.status(), path).toBe(503);
      if (path !== '/api/health') {
        expect(response.headers()['retry-after'], path).toBe('5');
        expect(await response.text(), path).toContain('cannot reach its database');
      }
    }
    // Joining needs its checks: without the database there is no token.
    const attendanceBefore = await db.attendance.count({ where: { roomId: room.id } });
    const join = builtAction('lib/jitsi/actions.ts#joinAction');
    const refused = await page.request.post(`${portal.url}${join.page}`, {
      headers: { 'Next-Action': join.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
      data: JSON.stringify([{ kind: 'room', slug: room.slug }]),
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(503);
    expect(await refused.text()).not.toMatch(/eyJ[\w-]+\.eyJ/);
    await page.goto(`${portal.url}/`);
    await expect(page.getByRole('heading', { name: 'Gatehouse is unavailable for a moment' })).toBeVisible();

    await relay.restore();
    const back = Date.now();
    await expect(async () => {
      const response = await page.request.get(`${portal.url}/`, { maxRedirects: 0 });
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain(host.email);
    }).toPass({ timeout: 10_000, intervals: [250] });
    const recoveredAfter = Date.now() - back;
    expect(recoveredAfter).toBeLessThan(10_000);

    // And joining works again, with a real token.
    await page.goto(`${portal.url}/rooms/${room.slug}/join`);
    await expect(page.getByText(/Joined as moderator|Joining/).first()).toBeVisible();
    await expect.poll(() => db.attendance.count({ where: { roomId: room.id } })).toBe(attendanceBefore + 1);
  } finally {
    await portal.stop();
    await relay.stop();
  }
});
