import type { APIRequestContext } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { portalTestEnv } from '../support/portal-env';

const TOKEN = portalTestEnv.METRICS_TOKEN!;

async function scrape(request: APIRequestContext): Promise<string> {
  const response = await request.get('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/plain; version=0.0.4');
  return response.text();
}

/** The value of one sample (0 when the series is not there yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

test('/metrics: only with the token; counts tokens by role, refusals by reason, request times by route, mails, queues and the pool', async ({ page, context, request, createUser, signInAs, db }) => {
  // Nobody without the token: not a signed-in admin, not a wrong token.
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(context, admin);
  expect((await page.request.get('/metrics')).status()).toBe(401);
  const wrong = await request.get('/metrics', { headers: { Authorization: 'Bearer not-the-token-0123456789abcdef0123456789' } });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()['www-authenticate']).toBe('Bearer realm="metrics"');

  const before = await scrape(request);
  const host = await createUser({ prefix: 'host' });
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const room = await db.room.create({ data: { slug: `metrics-${suffix}`, name: `Metrics ${suffix}`, ownerId: host.id, jitsiName: `mx${suffix}`, alwaysOpen: false } });
  const soon = new Date(Date.now() - 5 * 60_000);
  const now = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Now', startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000), timeZone: 'UTC' } });
  const later = new Date(Date.now() + 3 * 3_600_000);
  const tooEarly = await db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Later', startsAt: later, endsAt: new Date(later.getTime() + 3_600_000), timeZone: 'UTC' } });

  await signInAs(context, host);
  await page.goto(`/meetings/${tooEarly.id}/join`);
  await expect(page.getByText(/It is too early to join/)).toBeVisible();
  await page.goto(`/meetings/${now.id}/join`);
  await expect(page.getByText('Joined as moderator')).toBeVisible();

  const after = await scrape(request);
  expect(sample(after, 'gatehouse_tokens_minted_total', { role: 'moderator', via: 'portal' })).toBeGreaterThanOrEqual(sample(before, 'gatehouse_tokens_minted_total', { role: 'moderator', via: 'portal' }) + 1);
  expect(sample(after, 'gatehouse_join_refusals_total', { reason: 'too_early' })).toBeGreaterThanOrEqual(sample(before, 'gatehouse_join_refusals_total', { reason: 'too_early' }) + 1);
  // Request times by Next's route pattern — never the address with its id in it.
  expect(sample(after, 'gatehouse_http_request_duration_seconds_count', { route: '/meetings/[id]/join', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(2);
  expect(after).not.toContain(now.id);
  // Figures from the database and the pool; Node's own process metrics.
  expect(after).toMatch(/^gatehouse_mails\{kind="invitation",status="[a-z_]+"\} \d+$/m);
  expect(after).toMatch(/^gatehouse_queue_jobs\{queue="invite-mail",state="created"\} \d+$/m);
  expect(sample(after, 'gatehouse_database_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
  expect(after).toMatch(/^gatehouse_database_errors_total\{kind="connection"\} \d+$/m);
  expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
});
