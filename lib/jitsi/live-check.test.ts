import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket, { type RawData } from 'ws';
import { startJitsiStandin, type RunningStandin } from '../../scripts/jitsi-standin';
import { standinOptionsFromEnv } from '../../scripts/jitsi-standin/config';
import type { Misconfiguration } from '../../scripts/jitsi-standin/xmpp';
import type { JitsiSettings } from './config';
import { hostsFromConfigJs, runLiveCheck, xmppHostsFor, type LiveCheckOptions } from './live-check';
import { TEST_SECRET } from './testing';
import { mintJoinToken } from './token';

/** A WebSocket message as text (ws hands over a Buffer, an ArrayBuffer or fragments). */
const rawText = (data: RawData) => (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');

let certDir: string;
let cert: string;
const running: RunningStandin[] = [];

before(() => {
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-live-'));
});

after(async () => {
  await Promise.all(running.map((standin) => standin.close()));
  fs.rmSync(certDir, { recursive: true, force: true });
});

async function standin(misconfiguration: Misconfiguration | null = null, config: { domain?: string; enableDomainVerification?: boolean } = {}): Promise<RunningStandin> {
  const started = await startJitsiStandin({
    host: '127.0.0.1',
    port: 0,
    certDir,
    misconfiguration,
    config: { appId: 'gatehouse', algorithm: 'HS256', appSecret: TEST_SECRET, acceptedAudiences: ['jitsi'], ...config },
  });
  running.push(started);
  cert = fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8');
  return started;
}

function settings(domain: string, secret = TEST_SECRET, tenant?: string): JitsiSettings {
  return { domain, tenant, appId: 'gatehouse', audience: 'jitsi', ttlSeconds: 600, skewSeconds: 30, standin: false, signing: { alg: 'HS256', secret: new TextEncoder().encode(secret) }, publishedKeys: [] };
}

/** The live check with Gatehouse's one minter, as the portal runs it. */
function options(domain: string, overrides: Partial<LiveCheckOptions> & { secret?: string; mintRoom?: (room: string) => string } = {}): LiveCheckOptions {
  const { secret, mintRoom, ...rest } = overrides;
  return {
    domain,
    ca: [cert],
    settleMs: 50,
    timeoutMs: 5_000,
    mint: async (token, room) => {
      const role = token === 'moderator' ? 'moderator' : 'participant';
      const lobby = { wait: token === 'lobby', bypass: token === 'moderator' };
      const minted = await mintJoinToken(
        { identity: { id: 'live-check', name: 'Gatehouse live check', email: '' }, room: { jitsiName: mintRoom ? mintRoom(room) : room, moderatorRecording: false, moderatorLivestreaming: false, moderatorTranscription: false }, role, lobby },
        settings(domain, secret, rest.tenant),
      );
      return minted.token;
    },
    ...rest,
  };
}

test('a Jitsi set up right: participant as participant, moderator as moderator, a lobby token held in the lobby', async () => {
  const jitsi = await standin();
  const report = await runLiveCheck(options(jitsi.domain));
  assert.equal(report.verdict, 'ok', report.summary);
  const [participant, moderator, lobby] = report.attempts;
  assert.deepEqual([participant?.outcome, participant?.role, participant?.affiliation], ['joined', 'participant', 'member']);
  assert.deepEqual([moderator?.outcome, moderator?.role, moderator?.affiliation], ['joined', 'moderator', 'owner']);
  assert.equal(lobby?.outcome, 'waiting');
  assert.match(lobby?.detail ?? '', new RegExp(`^Held in the lobby \\(${report.room}-l@lobby\\.localhost\\)`));
  assert.match(report.summary, /accepts Gatehouse's tokens: .*, and a token that must wait is held in the lobby\.$/);
  assert.match(participant?.detail ?? '', /^Accepted: joined the room as participant/);
});

test('under a tenant: the tenant path and conference.<tenant>.<domain>, with sub naming the tenant', async () => {
  const jitsi = await standin();
  const report = await runLiveCheck(options(jitsi.domain, { tenant: 'acme' }));
  assert.equal(report.verdict, 'ok', report.summary);
  assert.deepEqual(report.attempts.map((a) => a.role), ['participant', 'moderator', null]);
  assert.match(report.attempts[2]?.detail ?? '', /\(\[acme\]gatehouse-check-[0-9a-f]+-l@lobby\.localhost\)/, 'the lobby room under a tenant');
});

test('a Jitsi without the lobby modules: tokens work, but the lobby is not applied (a warning, not a failure)', async () => {
  const jitsi = await standin('no-lobby-modules');
  const report = await runLiveCheck(options(jitsi.domain));
  assert.equal(report.verdict, 'warn', report.summary);
  assert.deepEqual(report.attempts.map((a) => [a.outcome, a.role]), [['joined', 'participant'], ['joined', 'moderator'], ['joined', 'participant']]);
  assert.match(report.summary, /but the lobby is not applied: a token that must wait walked straight in/);
  assert.match(report.summary, /token_lobby_ondemand/);
});

test('the XMPP host names come from config.js, as the web client reads them (docker-jitsi-meet: meet.jitsi)', async () => {
  const jitsi = await standin(null, { domain: 'meet.jitsi', enableDomainVerification: false });
  const address = `localhost:${jitsi.port}`;
  const report = await runLiveCheck(options(address));
  assert.equal(report.verdict, 'ok', report.summary);
  assert.match(report.attempts[0]?.detail ?? '', /XMPP domain meet\.jitsi, rooms on conference\.meet\.jitsi, from config\.js/);
  assert.deepEqual(await xmppHostsFor(address, 'acme', [cert], 2_000), { domain: 'meet.jitsi', muc: 'conference.acme.meet.jitsi', from: 'config.js' });
});

test('config.js unreadable or with computed host names: the web host and conference.<host>', async () => {
  const jitsi = await standin();
  // An untrusted certificate: no config.js at all.
  assert.deepEqual(await xmppHostsFor(jitsi.domain, undefined, undefined, 2_000), { domain: 'localhost', muc: 'conference.localhost', from: 'default' });
  // A Jitsi installed from packages: muc is computed from the tenant path, so only the domain is a plain string.
  const packaged = "var subdir = '<!--# echo var=\"subdir\" default=\"\" -->';\nvar config = {\n    hosts: {\n        domain: 'meet.example.com',\n        muc: 'conference.' + subdir + 'meet.example.com'\n    },\n};";
  assert.deepEqual(hostsFromConfigJs(packaged, 'meet.example.com:443', 'acme'), { domain: 'meet.example.com', muc: 'conference.acme.meet.example.com', from: 'config.js' });
  // docker-jitsi-meet assigns them one by one.
  const docker = "config.hosts = {};\nconfig.hosts.domain = 'meet.jitsi';\nconfig.hosts.muc = 'muc.meet.jitsi';\n";
  assert.deepEqual(hostsFromConfigJs(docker, 'meet.example.com', undefined), { domain: 'meet.jitsi', muc: 'muc.meet.jitsi', from: 'config.js' });
  assert.deepEqual(hostsFromConfigJs('<html>not found</html>', 'Meet.Example.com:8443', undefined), { domain: 'meet.example.com', muc: 'conference.meet.example.com', from: 'default' });
});

test('a Jitsi that makes everyone moderator is named as such', async () => {
  const jitsi = await standin('everyone-moderator');
  const report = await runLiveCheck(options(jitsi.domain));
  assert.equal(report.verdict, 'fail');
  assert.equal(report.attempts[0]?.role, 'moderator');
  assert.match(report.summary, /^Everyone becomes moderator/);
  assert.match(report.summary, /enable-auto-owner = false/);
});

test('a Jitsi without token_affiliation: moderator rights are not applied', async () => {
  const jitsi = await standin('no-token-affiliation');
  const report = await runLiveCheck(options(jitsi.domain));
  assert.equal(report.verdict, 'fail');
  assert.deepEqual(report.attempts.slice(0, 2).map((a) => [a.outcome, a.role]), [['joined', 'participant'], ['joined', 'participant']]);
  assert.match(report.summary, /^Moderator rights are not applied/);
  assert.match(report.summary, /token_affiliation/);
});

test('a token signed with another secret is refused at login with Prosody\'s words', async () => {
  const jitsi = await standin();
  const report = await runLiveCheck(options(jitsi.domain, { secret: 'not-the-secret-jitsi-has-configured-000000' }));
  assert.equal(report.verdict, 'fail');
  for (const attempt of report.attempts) {
    assert.equal(attempt.outcome, 'refused');
    assert.equal(attempt.reason, 'Invalid signature');
    assert.match(attempt.detail, /at login: not-authorized — "Invalid signature"/);
  }
  assert.match(report.summary, /refused Gatehouse's participant token and moderator token: "Invalid signature"/);
});

test('a token for another room logs in but the room refuses it: not-allowed, "Room and token mismatched"', async () => {
  const jitsi = await standin();
  const report = await runLiveCheck(options(jitsi.domain, { mintRoom: () => 'some other room' }));
  assert.equal(report.verdict, 'fail');
  for (const attempt of report.attempts) {
    assert.equal(attempt.outcome, 'refused');
    assert.equal(attempt.reason, 'Room and token mismatched');
    assert.match(attempt.detail, /the room refused the \w+ token: not-allowed — "Room and token mismatched"/);
  }
});

test('an untrusted certificate is explained, not thrown', async () => {
  const jitsi = await standin();
  const report = await runLiveCheck(options(jitsi.domain, { ca: [] }));
  assert.equal(report.verdict, 'fail');
  assert.equal(report.attempts[0]?.outcome, 'failed');
  assert.match(report.attempts[0]?.detail ?? '', /secure connection to wss:\/\/localhost:\d+\/xmpp-websocket was refused: its certificate is self-signed/);
  assert.doesNotMatch(JSON.stringify(report), /\n\s+at /);
});

test('a server that never answers: a timeout in plain words, within the bound', async () => {
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  try {
    const started = Date.now();
    const report = await runLiveCheck(options(`localhost:${port}`, { timeoutMs: 400 }));
    assert.ok(Date.now() - started < 4_000, 'bounded');
    assert.equal(report.attempts[0]?.outcome, 'failed');
    assert.match(report.attempts[0]?.detail ?? '', /No answer within 0\.4 s while connecting|timed out/);
  } finally {
    sockets.forEach((socket) => socket.destroy());
    silent.close();
  }
});

test('nothing listening: connection refused', async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const report = await runLiveCheck(options(`127.0.0.1:${port}`, { timeoutMs: 2_000 }));
  assert.match(report.attempts[0]?.detail ?? '', /Nothing accepts connections at wss:\/\/127\.0\.0\.1:\d+\/xmpp-websocket/);
});

// --- The stand-in's XMPP endpoint stays strict -------------------------------------------------------

/** Opens the stand-in's XMPP WebSocket and returns the frames it answers to `frames`. */
async function exchange(jitsi: RunningStandin, pathAndQuery: string, frames: string[], protocols: string[] = ['xmpp']): Promise<string[]> {
  const ws = new WebSocket(`wss://${jitsi.domain}${pathAndQuery}`, protocols, { ca: cert });
  const received: string[] = [];
  ws.on('message', (data) => received.push(rawText(data)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  for (const frame of frames) {
    ws.send(frame);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  ws.terminate();
  return received;
}

const OPEN = (to: string) => `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${to}" version="1.0"/>`;

test('stand-in: only SASL ANONYMOUS is offered; another mechanism or a missing token is refused', async () => {
  const jitsi = await standin();
  const offered = await exchange(jitsi, '/xmpp-websocket?room=x', [OPEN('localhost'), '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">AGEAYg==</auth>']);
  assert.match(offered[1] ?? '', /<mechanism>ANONYMOUS<\/mechanism>/);
  assert.doesNotMatch(offered[1] ?? '', /PLAIN/);
  assert.match(offered[2] ?? '', /<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><invalid-mechanism\/><\/failure>/);

  const noToken = await exchange(jitsi, '/xmpp-websocket?room=x', [OPEN('localhost'), '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="ANONYMOUS"/>']);
  assert.match(noToken[2] ?? '', /<not-authorized\/><text xml:lang="en">token required<\/text>/);
});

test('stand-in: a stream for another domain, a presence before login and garbage are refused', async () => {
  const jitsi = await standin();
  const wrongHost = await exchange(jitsi, '/xmpp-websocket', [OPEN('meet.example.com')]);
  assert.match(wrongHost.join(''), /<host-unknown/);
  const early = await exchange(jitsi, '/xmpp-websocket', [OPEN('localhost'), '<presence to="r@conference.localhost/n"><x xmlns="http://jabber.org/protocol/muc"/></presence>']);
  assert.match(early.join(''), /<not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/>/);
  assert.doesNotMatch(early.join(''), /muc#user/);
  const garbage = await exchange(jitsi, '/xmpp-websocket', ['<open xmlns=']);
  assert.match(garbage.join(''), /<not-well-formed/);
});

test('stand-in: the WebSocket needs the xmpp subprotocol and the /xmpp-websocket path', async () => {
  const jitsi = await standin();
  await assert.rejects(exchange(jitsi, '/xmpp-websocket', [], ['chat']), /Unexpected server response: 400/);
  await assert.rejects(exchange(jitsi, '/somewhere-else', []), /Unexpected server response: 404/);
});

test('stand-in: the misconfiguration test control is read strictly from the environment', () => {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', JITSI_APP_SECRET: TEST_SECRET, JITSI_STANDIN_CERT_CACHE: 'false' };
  assert.equal(standinOptionsFromEnv(env).misconfiguration, null);
  assert.equal(standinOptionsFromEnv({ ...env, JITSI_STANDIN_MISCONFIGURATION: 'everyone-moderator' }).misconfiguration, 'everyone-moderator');
  assert.equal(standinOptionsFromEnv({ ...env, JITSI_STANDIN_MISCONFIGURATION: 'no-token-affiliation' }).misconfiguration, 'no-token-affiliation');
  assert.equal(standinOptionsFromEnv({ ...env, JITSI_STANDIN_MISCONFIGURATION: 'no-lobby-modules' }).misconfiguration, 'no-lobby-modules');
  assert.throws(() => standinOptionsFromEnv({ ...env, JITSI_STANDIN_MISCONFIGURATION: 'everyone' }), /JITSI_STANDIN_MISCONFIGURATION must be everyone-moderator or no-token-affiliation or no-lobby-modules/);
});

test('stand-in: a lobby token gets the lobby’s answers — displayname-required without a nick, else registration-required; a bypass token walks in', async () => {
  const jitsi = await standin();
  const token = async (lobby: { wait: boolean; bypass: boolean }, role: 'participant' | 'moderator' = 'participant') =>
    (await mintJoinToken({ identity: { id: 'x', name: 'X', email: '' }, room: { jitsiName: 'lobbyroom', moderatorRecording: false, moderatorLivestreaming: false, moderatorTranscription: false }, role, lobby }, settings(jitsi.domain))).token;
  const join = async (jwt: string, nick: string | null) =>
    (
      await exchange(jitsi, `/xmpp-websocket?room=lobbyroom&token=${jwt}`, [
        OPEN('localhost'),
        '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="ANONYMOUS"/>',
        OPEN('localhost'),
        '<iq type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>',
        `<presence to="lobbyroom@conference.localhost/n1"><x xmlns="http://jabber.org/protocol/muc"/>${nick === null ? '' : `<nick xmlns="http://jabber.org/protocol/nick">${nick}</nick>`}</presence>`,
      ])
    ).join('');
  const waiting = await token({ wait: true, bypass: false });
  assert.match(await join(waiting, null), /<error type="modify" code="406"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"\/><displayname-required xmlns="http:\/\/jitsi.org\/jitmeet" lobby="true"\/><\/error>/);
  assert.match(await join(waiting, 'Wanda'), /<error type="auth" code="407"><registration-required xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"\/><lobbyroom xmlns="http:\/\/jitsi.org\/jitmeet">lobbyroom@lobby\.localhost<\/lobbyroom><\/error>/);
  // Both claims: the bypass wins (token_lobby_bypass). Moderators carry the bypass, and walk in as owners.
  assert.match(await join(await token({ wait: true, bypass: true }), 'Bea'), /affiliation="member" role="participant"/);
  assert.match(await join(await token({ wait: false, bypass: true }, 'moderator'), 'Max'), /affiliation="owner" role="moderator"/);
  assert.doesNotMatch(await join(await token({ wait: false, bypass: false }), 'Pia'), /registration-required/);
});
