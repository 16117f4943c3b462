/**
 * Issue 13's findings, replayed against the production build: bad input gets an answer (never a 500),
 * the largest series the form accepts does not hold up other people's requests, redirect targets stay
 * on the portal, oversized bodies are refused however they are sent, and a client cannot pick its own
 * address to escape a rate limit.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { test, expect, uniqueEmail } from '../support/fixtures';
import { builtAction, callAction } from '../support/actions';
import { PORTAL_PORT, PORTAL_URL } from '../support/ports';
import { schedulingWindow } from '../../lib/meetings/schemas';

const form = (fields: Record<string, string>) => ({ kind: 'form' as const, prev: true, fields });
const today = () => new Date().toISOString().slice(0, 10);

test('every bad meeting date gets a message next to its field and stores nothing', async ({ page, context, createUser, signInAs, db }) => {
  const member = await createUser();
  await signInAs(context, member);
  const slug = `dates-${randomBytes(4).toString('hex')}`;
  const room = await db.room.create({ data: { slug, name: 'Dates', ownerId: member.id, jitsiName: `dt${slug.slice(-8)}` } });
  const createMeeting = builtAction('lib/meetings/actions.ts#createMeetingAction');
  const base = { roomId: room.id, title: 'Probe', startTime: '10:00', endTime: '11:00', timeZone: 'Europe/Berlin' };
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a meeting on 0000-01-01', { date: '0000-01-01' }, /Pick a date from \d+ \w+ \d{4} to \d+ \w+ \d{4}\./],
    ['a meeting in year 1', { date: '0001-01-01' }, /Pick a date from/],
    ['a meeting in 9999', { date: '9999-12-31' }, /Pick a date from/],
    ['a series from 1900 until 2100', { date: '1900-01-01', frequency: 'daily', endKind: 'until', untilDate: '2100-12-31' }, /Pick a date from/],
    ['a daily series until 9999-12-31', { date: today(), frequency: 'daily', endKind: 'until', untilDate: '9999-12-31' }, /Pick a last date from/],
    ['a daily series until 2999-12-31', { date: today(), frequency: 'daily', endKind: 'until', untilDate: '2999-12-31' }, /Pick a last date from/],
    ['an endless weekly series', { date: today(), frequency: 'weekly', endKind: 'never' }, /Choose when the series ends/],
    ['an endless weekly series from 9999', { date: '9999-01-04', frequency: 'weekly', endKind: 'never' }, /Pick a date from/],
    ['a series of 501 meetings', { date: today(), frequency: 'daily', endKind: 'count', count: '501' }, /from 1 to 500/],
    ['a date that does not exist', { date: '2031-02-30' }, /That date does not exist/],
  ];
  for (const [name, fields, message] of cases) {
    const started = Date.now();
    const result = await callAction(page.request, createMeeting, form({ ...base, ...fields }));
    expect(result.status, name).toBeLessThan(500);
    expect(result.text, name).toMatch(message);
    expect(Date.now() - started, `${name} is answered at once`).toBeLessThan(5000);
  }
  expect(await db.meeting.count({ where: { roomId: room.id } })).toBe(0);

  // The form says the window next to the field and in the browser's date picker.
  await page.goto(`/meetings/new?room=${slug}`);
  const window = schedulingWindow();
  await expect(page.getByLabel('Date', { exact: true })).toHaveAttribute('min', window.first);
  await expect(page.getByLabel('Date', { exact: true })).toHaveAttribute('max', window.last);
  await expect(page.getByText(/^From \d+ \w+ \d{4} to \d+ \w+ \d{4}\.$/)).toBeVisible();
  await page.getByLabel('Title').fill('Probe');
  await page.getByLabel('Date', { exact: true }).fill('2999-01-01');
  await page.getByRole('button', { name: 'Schedule meeting' }).click();
  await expect(page.getByText(/Pick a date from/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('date-window.png'), fullPage: true });

  // A series has no "Never": it ends on a date in the window or after a number of meetings.
  await page.getByLabel('Date', { exact: true }).fill(today());
  await page.getByLabel('Repeats').selectOption('weekly');
  const ends = page.locator('#field-endKind');
  await expect(ends.locator('option')).toHaveText(['On a date', 'After a number of meetings']);
  await expect(page.getByText(`No later than `)).toBeVisible();
  await page.getByLabel('Last date').fill('2999-12-31');
  await page.getByRole('button', { name: 'Schedule meeting' }).click();
  await expect(page.getByText(/Pick a last date from/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('series-end.png'), fullPage: true });
  expect(await db.meeting.count({ where: { roomId: room.id } })).toBe(0);
});

test('the largest series the form accepts is answered quickly while others are served', async ({ page, context, createUser, signInAs, db, playwright }) => {
  const member = await createUser();
  await signInAs(context, member);
  const slug = `worst-${randomBytes(4).toString('hex')}`;
  const room = await db.room.create({ data: { slug, name: 'Worst case', ownerId: member.id, jitsiName: `wc${slug.slice(-8)}` } });
  const window = schedulingWindow();
  const createMeeting = builtAction('lib/meetings/actions.ts#createMeetingAction');
  const worst = { roomId: room.id, title: 'Every day for eleven years', date: window.first, startTime: '09:00', endTime: '10:00', timeZone: 'Europe/Berlin', frequency: 'daily', endKind: 'until', untilDate: window.last, confirmOverlap: 'on' };

  // An anonymous visitor asks for the sign-in page over and over while the series is saved and shown.
  const anonymous = await playwright.request.newContext({ baseURL: PORTAL_URL });
  let saving = true;
  const signInTimes: number[] = [];
  const visitor = (async () => {
    while (saving) {
      const started = Date.now();
      const response = await anonymous.get('/sign-in');
      expect(response.status()).toBe(200);
      signInTimes.push(Date.now() - started);
    }
  })();
  const started = Date.now();
  const created = await callAction(page.request, createMeeting, form(worst));
  expect(created.location).toMatch(/\/meetings\/[^/?]+\?created=1/);
  const meetingPath = created.location.split('?')[0]!.replace(/;(push|replace)$/, '');
  for (const path of ['/', meetingPath, `${meetingPath}/ics`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
  }
  const elapsed = Date.now() - started;
  saving = false;
  await visitor;
  await anonymous.dispose();

  test.info().annotations.push({ type: 'measured', description: `worst series saved and shown in ${elapsed} ms; sign-in page meanwhile ${signInTimes.length}× , slowest ${Math.max(...signInTimes)} ms` });
  expect(elapsed, 'saving and showing the worst series').toBeLessThan(15_000);
  expect(signInTimes.length).toBeGreaterThan(0);
  // Generous: before the caps, one request like this held every other request for 13 s or more.
  expect(Math.max(...signInTimes), 'the sign-in page while the series is expanded').toBeLessThan(5000);
  const meeting = await db.meeting.findFirstOrThrow({ where: { roomId: room.id }, select: { seriesEndsAt: true } });
  expect(meeting.seriesEndsAt!.toISOString().slice(0, 10) >= window.last).toBe(true);
});

test('redirect targets after sign-in stay on the portal, and none gives a 500', async ({ page, context, createUser, signInAs }) => {
  const member = await createUser();
  await signInAs(context, member);
  // Raw query strings, exactly as an attacker would write them in a link.
  const hostile = [
    '/%09/evil.example',
    '/%0A/evil.example',
    '/%0D/evil.example',
    '/%0D%0ASet-Cookie:%20x=1',
    '/%E3%80%80/evil.example',
    '//evil.example',
    '/%5Cevil.example',
    '/%5C/evil.example',
    '%5C%5Cevil.example',
    '/.//evil.example',
    'javascript:alert(1)',
    'https://evil.example/',
    'http://localhost:1@evil.example/',
    '/rooms&callbackUrl=//evil.example',
  ];
  for (const value of hostile) {
    const response = await page.request.get(`/sign-in?callbackUrl=${value}`, { maxRedirects: 0 });
    expect(response.status(), value).toBeGreaterThanOrEqual(300);
    expect(response.status(), value).toBeLessThan(400);
    const target = new URL(response.headers()['location']!, PORTAL_URL);
    expect(target.origin, value).toBe(PORTAL_URL);
    expect(target.pathname.startsWith('//'), value).toBe(false);
  }
  const own = await page.request.get('/sign-in?callbackUrl=/rooms/new', { maxRedirects: 0 });
  expect(new URL(own.headers()['location']!, PORTAL_URL).pathname).toBe('/rooms/new');
  // What Chromium itself does with the link from the issue.
  await page.goto('/sign-in?callbackUrl=/%09/evil.example');
  expect(new URL(page.url()).origin).toBe(PORTAL_URL);
});

/** Posts `total` bytes in 64 KB chunks with Transfer-Encoding: chunked (no Content-Length). */
function postChunked(path: string, headers: Record<string, string>, total: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: PORTAL_PORT, path, method: 'POST', headers: { ...headers, Host: `localhost:${PORTAL_PORT}`, 'Transfer-Encoding': 'chunked' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    // The server may answer before it has read everything; that is the point.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}

test('an action body over the limit gets 413 with or without Content-Length', async () => {
  const preview = builtAction('lib/invites/actions.ts#previewBulkAction');
  const headers = { 'Next-Action': preview.id, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8', Origin: PORTAL_URL };
  const chunked = await postChunked(preview.page, headers, 7 * 1024 * 1024);
  expect(chunked.status).toBe(413);
  expect(chunked.text).toContain('at most 6 MB');
  // A small chunked body is let through (here to the sign-in redirect, as no one is signed in).
  const small = await postChunked(preview.page, headers, 64 * 1024);
  expect(small.status).not.toBe(413);
});

test('a client cannot pick its own address to escape the per-client limit', async ({ playwright }) => {
  // The suite's portal runs behind one trusted proxy (TRUSTED_PROXY_HOPS=1), played by this test: it
  // appends the real client 203.0.113.90 after whatever the client itself wrote into X-Forwarded-For.
  const request = await playwright.request.newContext({ baseURL: PORTAL_URL });
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    const response = await request.post('/api/auth/signin/nodemailer', {
      headers: { 'X-Forwarded-For': `198.18.${i}.${i + 1}, 203.0.113.90` },
      form: { email: uniqueEmail(`spoof${i}`, 'elsewhere.test'), csrfToken, callbackUrl: '/' },
      maxRedirects: 0,
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
  expect(statuses[20]).toBe(429);
  await request.dispose();
});
