import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { test, expect } from '../support/fixtures';
import { STANDIN_SECRET } from '../support/portal-env';
import { STANDIN_DOMAIN } from '../support/ports';

test('the setup page generates the Jitsi settings with the secret hidden until an admin reveals it', async ({ page, context, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(context, admin);
  const response = await page.goto('/admin/jitsi');
  expect(await response!.text()).not.toContain(STANDIN_SECRET);
  const prosody = page.getByTestId('setup-prosody');
  await expect(prosody).toContainText('authentication = "token"');
  await expect(prosody).toContainText('app_id = "gatehouse"');
  await expect(prosody).toContainText('asap_accepted_audiences = { "jitsi" }');
  await expect(prosody).toContainText('"token_affiliation"');
  await expect(prosody).not.toContainText(STANDIN_SECRET);
  await expect(page.getByTestId('setup-jicofo')).toContainText('enable-auto-owner = false');
  await expect(page.getByTestId('setup-docker-env')).toContainText('JICOFO_ENABLE_AUTH=0');
  await expect(page.getByText('org.jitsi.jicofo.auth.URL=XMPP:meet.example.com')).toBeVisible();

  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(prosody).toContainText(`app_secret = "${STANDIN_SECRET}"`);
  await expect(page.getByTestId('setup-docker-env')).toContainText(`JWT_APP_SECRET=${STANDIN_SECRET}`);
  expect(await db.auditEvent.count({ where: { kind: 'jitsi.secret_revealed', actorId: admin.id } })).toBe(1);
});

test('the connection doctor checks the configured Jitsi and its events, and says plainly when a server cannot be reached', async ({ page, context, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  // An event from Jitsi has just arrived (in a full run the stand-in's would do; this test does not wait for one).
  await db.jitsiEvent.create({ data: { fingerprint: `doctor-${Date.now()}-${Math.random()}`, kind: 'room/created', roomName: 'doctor-check' } });
  await signInAs(context, admin);
  await page.goto('/admin/jitsi');
  await page.getByRole('button', { name: 'Check connection' }).click();
  const report = page.getByTestId('doctor-report');
  await expect(report.getByTestId('doctor-reachable')).toHaveAttribute('data-status', 'ok');
  await expect(report.getByTestId('doctor-external-api')).toHaveAttribute('data-status', 'ok');
  // The test suite's stand-in has a throw-away self-signed certificate that nothing trusts.
  await expect(report.getByTestId('doctor-certificate')).toHaveAttribute('data-status', 'fail');
  await expect(report.getByTestId('doctor-certificate')).toContainText(/self-signed/i);
  // The portal's own events address answers at AUTH_URL, and Jitsi's last event is fresh.
  await expect(report.getByTestId('doctor-events')).toHaveAttribute('data-status', 'ok');
  await expect(report.getByTestId('doctor-events')).toContainText('the last event from Jitsi arrived just now');
  await report.screenshot({ path: test.info().outputPath('doctor.png') });
  await expect(report).toHaveAttribute('data-verdict', 'fail');

  await page.getByRole('textbox', { name: 'Jitsi server' }).fill('https://meet.example.com');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByText('Enter a host name with an optional port')).toBeVisible();

  await page.getByRole('textbox', { name: 'Jitsi server' }).fill('localhost:1');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(report.getByTestId('doctor-reachable')).toHaveAttribute('data-status', 'fail');
  await expect(report.getByTestId('doctor-reachable')).toContainText(/refused/i);
  await expect(report.getByTestId('doctor-external-api')).toHaveAttribute('data-status', 'skipped');
});

test('the live check logs in to the configured Jitsi with both tokens and explains why it could not', async ({ page, context, createUser, signInAs, db }) => {
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(context, admin);
  await page.goto('/admin/jitsi');
  await expect(page.getByRole('heading', { name: /Live check/ })).toBeVisible();
  await page.getByRole('button', { name: 'Run live check' }).click();
  const report = page.getByTestId('live-check-report');
  // The suite's stand-in serves a self-signed certificate nobody trusts: the portal's server refuses
  // the secure connection, as it would for a real Jitsi with such a certificate, and says so.
  await expect(report).toHaveAttribute('data-verdict', 'fail');
  for (const token of ['participant', 'moderator', 'lobby']) {
    const line = report.getByTestId(`live-check-${token}`);
    await expect(line).toHaveAttribute('data-outcome', 'failed');
    await expect(line).toContainText(/secure connection to wss:\/\/localhost:\d+\/xmpp-websocket was refused: its certificate is self-signed/);
  }
  await expect(report.getByRole('status')).toContainText('The live check could not finish');
  await expect(report).not.toContainText(/\bat \S+:\d+:\d+/); // no stack trace
  await expect(report).toContainText(/throw-away room gatehouse-check-[0-9a-f]{12}/);
  await page.screenshot({ path: test.info().outputPath('live-check.png'), fullPage: true });
  expect(await db.auditEvent.count({ where: { kind: 'jitsi.live_checked', actorId: admin.id } })).toBe(1);
});

test('the token inspector explains, check by check, why a token gets in or not', async ({ page, context, browser, createUser, signInAs }) => {
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(context, admin);
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ room: 'teamroom', context: { user: { id: 'u1', name: 'Alice', email: 'alice@example.com', moderator: true, affiliation: 'owner' } } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('gatehouse')
    .setAudience('jitsi')
    .setSubject(STANDIN_DOMAIN)
    .setIssuedAt(now)
    .setNotBefore(now - 30)
    .setExpirationTime(now + 600)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(STANDIN_SECRET));
  await page.goto('/admin/jitsi/inspect');

  await page.getByRole('button', { name: 'Inspect token' }).click();
  await expect(page.getByText('Paste a token or a meeting link.')).toBeVisible();

  await page.getByLabel('Token or meeting link').fill(`https://${STANDIN_DOMAIN}/teamroom#jwt=${token}`);
  await page.getByRole('button', { name: 'Inspect token' }).click();
  await expect(page.getByTestId('inspection-verdict')).toContainText(/accepted/i);
  await expect(page.getByTestId('inspection-role')).toHaveText('Moderator');
  await expect(page.getByText('"name": "Alice"')).toBeVisible();

  // The same token for another room: Jitsi's own words for the refusal.
  await page.getByLabel('Token or meeting link').fill(`https://${STANDIN_DOMAIN}/Team Standup#jwt=${token}`);
  await page.getByRole('button', { name: 'Inspect token' }).click();
  await expect(page.getByTestId('inspection')).toHaveAttribute('data-accepted', 'false');
  await expect(page.getByTestId('inspection-verdict')).toContainText('Room and token mismatched');

  // A token signed with another secret.
  const forged = await new SignJWT({ room: 'teamroom' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('gatehouse').setAudience('jitsi').setSubject(STANDIN_DOMAIN).setExpirationTime(now + 600).sign(new TextEncoder().encode('x'.repeat(40)));
  await page.getByLabel('Token or meeting link').fill(forged);
  await page.getByRole('button', { name: 'Inspect token' }).click();
  await expect(page.getByTestId('inspection-verdict')).toContainText('Invalid signature');

  const memberContext = await browser.newContext();
  await signInAs(memberContext, await createUser());
  const memberPage = await memberContext.newPage();
  expect((await memberPage.goto('/admin/jitsi/inspect'))?.status()).toBe(403);
  expect((await memberPage.goto('/admin/jitsi'))?.status()).toBe(403);
  await memberContext.close();
});
