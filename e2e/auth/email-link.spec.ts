import { test, expect, uniqueEmail } from '../support/fixtures';
import { extractFirstUrl, listMessages, waitForMail } from '../support/mailbox';

test('a new employee signs in with an email link, signs out, and the link does not work twice', async ({ page, db }) => {
  const email = uniqueEmail('newcomer');
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(`  ${email.toUpperCase()} `);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const mail = await waitForMail(email, { subject: /Sign in to Gatehouse/ });
  expect(mail.text).toContain('expires in 10 minutes');
  const link = extractFirstUrl(mail.text, 'http://localhost');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: /^Welcome,/ })).toBeVisible();
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect(user.role).toBe('MEMBER');
  expect(user.lastSignInAt).not.toBeNull();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This sign-in link no longer works' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test('an expired link shows a clear page and signs nobody in', async ({ page, db }) => {
  const email = uniqueEmail('late');
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const link = extractFirstUrl((await waitForMail(email)).text, 'http://localhost');
  // Stored hashed, so only its expiry can be changed: eleven minutes later, in effect.
  const tokens = await db.verificationToken.findMany({ where: { identifier: email } });
  expect(tokens).toHaveLength(1);
  expect(tokens[0]!.token).not.toBe(new URL(link).searchParams.get('token'));
  await db.verificationToken.updateMany({ where: { identifier: email }, data: { expires: new Date(Date.now() - 60_000) } });

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This sign-in link no longer works' })).toBeVisible();
  expect(await db.user.count({ where: { email } })).toBe(0);
});

const craftedAddresses = [
  '"evil,admin"@example.com',
  'someone@example.com,attacker@evil.test',
  'someone＠example.com',
  'someone@example.com\r\nBcc: attacker@evil.test',
  'someone@example.com\u202e',
  'no-at-sign.example.com',
];

for (const address of craftedAddresses) {
  test(`a crafted address is refused with a message and no mail: ${JSON.stringify(address)}`, async ({ page }) => {
    await page.goto('/sign-in');
    // fill() cannot type CR/LF into an <input>, so set the value as a script would.
    await page.getByLabel('Work email').evaluate((el, value) => ((el as HTMLInputElement).value = value), address);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByText('That does not look like an email address. Check it and try again.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await listMessages('attacker@evil.test')).toHaveLength(0);
    expect(await listMessages('someone@example.com')).toHaveLength(0);
  });
}

test('an address that may not sign in gets the same answer as one that may, and no mail', async ({ page, db }) => {
  const outsider = uniqueEmail('outsider', 'elsewhere.test');
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(outsider);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  // The refusal is recorded, the mail is not sent.
  await expect.poll(() => db.auditEvent.count({ where: { kind: 'auth.sign_in_refused', actorEmail: outsider } })).toBe(1);
  expect(await listMessages(outsider)).toHaveLength(0);
});
