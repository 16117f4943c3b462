import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { RequestListener, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startJitsiStandin, type RunningStandin } from '../../scripts/jitsi-standin';
import { runJitsiDoctor, standinCertificatePaths, type DoctorReport } from './doctor';
import { TEST_SECRET } from './testing';

let standin: RunningStandin;
let certDir: string;
let cert: string;
let key: string;

before(async () => {
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-doctor-'));
  standin = await startJitsiStandin({
    host: '127.0.0.1',
    port: 0,
    certDir,
    config: { appId: 'gatehouse', algorithm: 'HS256', appSecret: TEST_SECRET, acceptedAudiences: ['jitsi'] },
  });
  cert = fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8');
  key = fs.readFileSync(path.join(certDir, 'key.pem'), 'utf8');
});

after(async () => {
  await standin?.close();
  fs.rmSync(certDir, { recursive: true, force: true });
});

const statuses = (result: DoctorReport) => Object.fromEntries(result.checks.map((check) => [check.id, check.status]));
const detail = (result: DoctorReport, id: string) => result.checks.find((check) => check.id === id)?.detail ?? '';

/** A small HTTPS server (with the stand-in's certificate) whose answers the test controls. */
async function tinyServer(handler: RequestListener): Promise<{ domain: string; close: () => Promise<void> }> {
  const server = https.createServer({ key, cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    domain: `localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const externalApi = (res: ServerResponse, date?: Date) => {
  if (date) res.setHeader('Date', date.toUTCString());
  res.writeHead(200, { 'content-type': 'application/javascript' });
  res.end('function JitsiMeetExternalAPI() {}');
};

test('the built-in stand-in with its certificate trusted: every check passes', async () => {
  const result = await runJitsiDoctor({ domain: standin.domain, skewSeconds: 30, ca: cert });
  assert.deepEqual(statuses(result), { reachable: 'ok', 'external-api': 'ok', certificate: 'ok', clock: 'ok' }, JSON.stringify(result.checks, null, 2));
  assert.equal(result.verdict, 'ok');
  assert.deepEqual(result.checks.map((check) => check.id), ['reachable', 'external-api', 'certificate', 'clock']);
  assert.match(detail(result, 'certificate'), /built-in Jitsi stand-in's self-signed certificate, trusted only for this check/);
  assert.match(detail(result, 'external-api'), /defines JitsiMeetExternalAPI/);
  assert.match(detail(result, 'clock'), /agrees/);
  assert.equal(result.url, `https://${standin.domain}/`);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
});

test('the stand-in without its certificate: the certificate fails as self-signed, the rest is still checked', async () => {
  const result = await runJitsiDoctor({ domain: standin.domain, skewSeconds: 30 });
  assert.deepEqual(statuses(result), { reachable: 'ok', 'external-api': 'ok', certificate: 'fail', clock: 'ok' });
  assert.equal(result.verdict, 'fail');
  assert.match(detail(result, 'certificate'), /self-signed/);
  assert.match(detail(result, 'certificate'), /Browsers will refuse the embedded meeting/);
  assert.match(result.summary, /Certificate valid/);
});

test('a closed port: connection refused, later checks skipped', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const result = await runJitsiDoctor({ domain: `127.0.0.1:${port}`, skewSeconds: 30, timeoutMs: 2_000 });
  assert.deepEqual(statuses(result), { reachable: 'fail', 'external-api': 'skipped', certificate: 'skipped', clock: 'skipped' });
  assert.match(detail(result, 'reachable'), new RegExp(`nothing accepts connections on port ${port} \\(connection refused\\)`));
  assert.match(detail(result, 'clock'), /^Skipped: .*could not be reached/);
  assert.equal(result.verdict, 'fail');
});

test('a host name that does not exist: a DNS explanation, later checks skipped', async () => {
  const result = await runJitsiDoctor({ domain: 'gatehouse-doctor-test.invalid', skewSeconds: 30, timeoutMs: 3_000 });
  assert.deepEqual(statuses(result), { reachable: 'fail', 'external-api': 'skipped', certificate: 'skipped', clock: 'skipped' });
  assert.match(detail(result, 'reachable'), /gatehouse-doctor-test\.invalid.*DNS/);
});

test('not a host name at all', async () => {
  const result = await runJitsiDoctor({ domain: 'https://', skewSeconds: 30 });
  assert.equal(statuses(result).reachable, 'fail');
  assert.match(detail(result, 'reachable'), /not a host name/);
});

test('a port that accepts connections but never speaks TLS: a handshake timeout', async () => {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const result = await runJitsiDoctor({ domain: `127.0.0.1:${port}`, skewSeconds: 30, timeoutMs: 300 });
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.equal(statuses(result).reachable, 'fail');
  assert.match(detail(result, 'reachable'), /did not finish the TLS handshake within 0\.3 s/);
});

test("a server whose clock is 5 minutes off: the clock check fails, naming the difference and the allowance", async () => {
  const ahead = await tinyServer((_req, res) => externalApi(res, new Date(Date.now() + 300_000)));
  const behind = await tinyServer((_req, res) => externalApi(res, new Date(Date.now() - 300_000)));
  try {
    const aheadResult = await runJitsiDoctor({ domain: ahead.domain, skewSeconds: 30, ca: cert });
    assert.deepEqual(statuses(aheadResult), { reachable: 'ok', 'external-api': 'ok', certificate: 'ok', clock: 'fail' });
    assert.match(detail(aheadResult, 'clock'), /Jitsi's clock is (299|300) s ahead of Gatehouse's; the token allowance is 30 s \(JITSI_CLOCK_SKEW_SECONDS\)/);
    const behindResult = await runJitsiDoctor({ domain: behind.domain, skewSeconds: 30, ca: cert });
    assert.equal(statuses(behindResult).clock, 'fail');
    assert.match(detail(behindResult, 'clock'), /(299|300|301) s behind.*Not acceptable by nbf/);
  } finally {
    await ahead.close();
    await behind.close();
  }
});

test('a clock more than half the allowance off warns', async () => {
  const server = await tinyServer((_req, res) => externalApi(res, new Date(Date.now() + 20_000)));
  try {
    const result = await runJitsiDoctor({ domain: server.domain, skewSeconds: 30, ca: cert });
    assert.equal(statuses(result).clock, 'warn');
    assert.equal(result.verdict, 'warn');
  } finally {
    await server.close();
  }
});

test('external_api.js missing or not JavaScript fails with the blank-page explanation', async () => {
  let mode: 'missing' | 'html' | 'other-js' = 'missing';
  const server = await tinyServer((_req, res) => {
    if (mode === 'missing') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } else if (mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Sign in</html>');
    } else {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end('console.log("hello")');
    }
  });
  try {
    const missing = await runJitsiDoctor({ domain: server.domain, skewSeconds: 30, ca: cert });
    assert.deepEqual(statuses(missing), { reachable: 'ok', 'external-api': 'fail', certificate: 'ok', clock: 'ok' });
    assert.match(detail(missing, 'external-api'), /answered HTTP 404.*blank page/);
    mode = 'html';
    assert.match(detail(await runJitsiDoctor({ domain: server.domain, skewSeconds: 30, ca: cert }), 'external-api'), /served as text\/html, not JavaScript/);
    mode = 'other-js';
    assert.match(detail(await runJitsiDoctor({ domain: server.domain, skewSeconds: 30, ca: cert }), 'external-api'), /does not define JitsiMeetExternalAPI/);
  } finally {
    await server.close();
  }
});

test("the stand-in's certificate is looked for where npm run dev and npm run jitsi:standin cache it", () => {
  const paths = standinCertificatePaths('/srv/gatehouse-data');
  assert.equal(paths[0], path.resolve('/srv/gatehouse-data/jitsi-standin/cert.pem'));
  assert.equal(paths[1], path.resolve(process.cwd(), '.data/jitsi-standin/cert.pem'));
  assert.equal(standinCertificatePaths('.data').length, 1);
});
