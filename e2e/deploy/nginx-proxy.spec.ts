import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { test, expect, uniqueEmail } from '../support/fixtures';
import { startExtraPortal } from '../support/extra-portal';
import { freePort } from '../support/free-port';
import { startNginx, UPSTREAM_HEADER } from '../support/nginx';
import { PORTAL_PORT, PORTAL_URL } from '../support/ports';
import { portalTestEnv } from '../support/portal-env';
import { requestFrom } from '../support/request-from';

/** The name=value pairs of a reply's Set-Cookie headers, to send back as one Cookie header. */
const cookiesOf = (setCookie: string[] = []) => setCookie.map((c) => c.split(';')[0]).join('; ');

test('nginx with the shipped example in front of two instances: sessions, real client addresses, spoofing ignored', async ({ page, context, createUser, signInAs, db }) => {
  // Both instances run the suite's configuration (TRUSTED_PROXY_HOPS=1, AUTH_URL), as replicas must.
  const secondPort = await freePort();
  const second = await startExtraPortal(secondPort, { AUTH_URL: PORTAL_URL });
  const upstreams = [`127.0.0.1:${PORTAL_PORT}`, `127.0.0.1:${secondPort}`];
  const proxyPort = await freePort();
  const proxy = await startNginx(proxyPort, upstreams).catch(async (error: unknown) => {
    await second.stop();
    throw error;
  });
  // Requests from node go to nginx's IPv4 address, so that they can come from an address of their own.
  const direct = `http://127.0.0.1:${proxyPort}`;
  // Two real clients, other than 127.0.0.1 (the address every other test's requests come from), and new each run.
  const net = `127.77.${randomInt(256)}`;
  const [alice, bob] = [`${net}.10`, `${net}.20`];
  try {
    await test.step('a session is valid on both instances, and forms work through the proxy', async () => {
      const user = await createUser();
      await signInAs(context, user);
      const session = (await context.cookies(PORTAL_URL)).find((c) => c.name === 'authjs.session-token')!;
      // One nginx worker and nobody else's requests: round robin sends two requests in a row to both instances.
      const answeredBy: (string | string[] | undefined)[] = [];
      for (let i = 0; i < 2; i++) {
        const reply = await requestFrom(alice, `${direct}/`, { headers: { cookie: `authjs.session-token=${session.value}` } });
        expect(reply.status, reply.text.slice(0, 200)).toBe(200);
        expect(reply.text).toContain(user.name);
        answeredBy.push(reply.headers[UPSTREAM_HEADER]);
      }
      expect(answeredBy.sort()).toEqual([...upstreams].sort());

      // A server action checks the browser's Origin against the host nginx passes on: it must keep the port.
      await page.goto(`${proxy.url}/settings`);
      await page.getByLabel('Your time zone').selectOption('Asia/Tokyo');
      await page.getByRole('button', { name: /Save/ }).first().click();
      await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).timeZone).toBe('Asia/Tokyo');
    });

    const csrf = await requestFrom(alice, `${direct}/api/auth/csrf`, { headers: { 'x-forwarded-proto': 'https' } });
    const cookie = cookiesOf(csrf.headers['set-cookie']);
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const askLink = (from: string, spoofed: string) =>
      requestFrom(from, `${direct}/api/auth/signin/nodemailer`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': spoofed },
        body: new URLSearchParams({ email: uniqueEmail('proxied', 'elsewhere.test'), csrfToken, callbackUrl: '/' }).toString(),
      });

    await test.step('cookies stay as AUTH_URL says, whatever X-Forwarded-Proto a client sends', async () => {
      // AUTH_URL is http://: no Secure attribute and no __Host- prefix, though the client claimed https.
      expect(csrf.headers['set-cookie']?.some((c) => c.startsWith('authjs.csrf-token='))).toBe(true);
      expect(csrf.headers['set-cookie']?.filter((c) => /;\s*secure/i.test(c))).toEqual([]);
    });

    await test.step('a client writing its own X-Forwarded-For still meets its limit, on either instance', async () => {
      // 20 sign-in links per client in 15 minutes; each request claims another address, and nginx spreads them.
      const replies = await Promise.all(Array.from({ length: 21 }, (_, i) => askLink(alice, `192.0.2.${i + 1}`)));
      expect(replies.map((r) => r.status).sort()).toEqual([...Array<number>(20).fill(302), 429]);
      expect(new Set(replies.map((r) => r.headers[UPSTREAM_HEADER])).size).toBe(2);
      expect((await db.rateLimit.findUniqueOrThrow({ where: { key: `link:client:${alice}` } })).count).toBe(21);
      expect(await db.rateLimit.count({ where: { key: { startsWith: 'link:client:192.0.2.' } } })).toBe(0);
    });

    await test.step('another real client is limited on its own, and cannot pass itself off as the first', async () => {
      const reply = await askLink(bob, alice);
      expect(reply.status).toBe(302);
      expect((await db.rateLimit.findUniqueOrThrow({ where: { key: `link:client:${bob}` } })).count).toBe(1);
      expect((await db.rateLimit.findUniqueOrThrow({ where: { key: `link:client:${alice}` } })).count).toBe(21);
    });

    await test.step('the audit log records the real address, not the claimed one', async () => {
      const refused = await requestFrom(bob, `${direct}/api/jitsi/events/room/created`, { method: 'POST', headers: { 'x-forwarded-for': '192.0.2.250' }, body: '{}' });
      expect(refused.status).toBe(401);
      const recorded = (client: string) => db.auditEvent.count({ where: { kind: 'jitsi.events_refused', data: { path: ['client'], equals: client } } });
      expect(await recorded(bob)).toBe(1);
      expect(await recorded('192.0.2.250')).toBe(0);
    });
  } finally {
    await proxy.stop();
    await second.stop();
  }
});

test('compose and Kubernetes run the portal with the hop count tested behind nginx here', () => {
  // One proxy (compose's nginx, the ingress controller) in front of the portal, as in the test above.
  for (const file of ['compose.yaml', 'deploy/kubernetes/config.yaml']) {
    const settings = [...fs.readFileSync(file, 'utf8').matchAll(/^\s*TRUSTED_PROXY_HOPS:\s*"(\d+)"\s*$/gm)].map((m) => m[1]);
    expect(settings, file).toEqual([portalTestEnv.TRUSTED_PROXY_HOPS]);
  }
});
