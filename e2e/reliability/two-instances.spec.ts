import { test, expect, uniqueEmail } from '../support/fixtures';
import { captureAction, replayAction } from '../support/actions';
import { startExtraPortal } from '../support/extra-portal';
import { PORTAL_URL } from '../support/ports';

test('two instances on one database: sessions, server actions and rate limits carry over', async ({ page, context, playwright, createUser, signInAs, db }) => {
  test.setTimeout(90_000);
  const second = await startExtraPortal(3112);
  try {
    const user = await createUser();
    await signInAs(context, user);

    // A session made on one instance works on the other.
    for (const origin of [PORTAL_URL, second.url]) {
      await page.goto(`${origin}/`);
      await expect(page.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();
    }

    // A form rendered by the first instance is accepted by the second (same build, same action key).
    await page.goto(`${PORTAL_URL}/settings`);
    await page.getByLabel('Your time zone').selectOption('Asia/Tokyo');
    const call = await captureAction(page, () => page.getByRole('button', { name: /Save/ }).first().click());
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).timeZone).toBe('Asia/Tokyo');
    const onSecond = await replayAction(context.request, { ...call, url: call.url.replace(PORTAL_URL, second.url) }, [['Asia/Tokyo', 'America/Chicago']]);
    expect(onSecond.text).toContain('"ok":true');
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).timeZone).toBe('America/Chicago');

    // Rate limits live in PostgreSQL: five links asked on one instance, the sixth is refused on the other.
    const email = uniqueEmail('shared-limit');
    const ask = async (origin: string) => {
      const request = await playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.91' } });
      const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      const response = await request.post('/api/auth/signin/nodemailer', { form: { email, csrfToken, callbackUrl: '/' }, maxRedirects: 0 });
      await request.dispose();
      return response.status();
    };
    for (let i = 0; i < 5; i++) expect(await ask(PORTAL_URL), `request ${i + 1}`).toBe(302);
    expect(await ask(second.url)).toBe(429);
  } finally {
    await second.stop();
  }
});
