/**
 * Gatehouse's built-in Jitsi stand-in: an HTTPS server that behaves, as far as tokens go, like a
 * self-hosted Jitsi Meet (docs/jitsi-token-contract.md). It is not a video bridge; it decides what
 * Prosody would do with a token (lib/jitsi/verify.ts) and shows the verdict in the meeting page.
 * This file is the server and its routes; the rest is in scripts/jitsi-standin/: configuration,
 * certificate, HTML pages, and the browser code (external-api.ts, meeting-page.ts) as TypeScript,
 * type-checked with the project and bundled with esbuild when the stand-in starts.
 *
 * Run: node --import tsx scripts/jitsi-standin.ts
 *
 * Environment (the server config it enforces, mirroring Prosody's options):
 *   JITSI_STANDIN_PORT         port (default 8443; 0 picks a free one)
 *   JITSI_STANDIN_HOST         bind address (default 127.0.0.1)
 *   JITSI_APP_ID               app_id, the default accepted issuer (default 'gatehouse')
 *   JITSI_APP_SECRET           app_secret for HS256 (required unless RS256)
 *   JITSI_ALGORITHM            signature_algorithm 'HS256' | 'RS256' (default HS256; RS256 when only
 *                              JITSI_ASAP_KEY_SERVER is set, like Prosody)
 *   JITSI_ASAP_KEY_SERVER      asap_key_server base URL (RS256): keys are fetched from
 *                              <url>/<lowercase hex sha256(kid)>.pem and cached for 60 s
 *   JITSI_AUDIENCE             asap_accepted_audiences, comma-separated (default 'jitsi')
 *   JITSI_ACCEPTED_ISSUERS     asap_accepted_issuers, comma-separated (default: the app id)
 *   JITSI_DOMAIN_VERIFICATION  enable_domain_verification 'true' | 'false' (default 'true')
 *   JITSI_DOMAIN               the Jitsi domain `sub` must name (default 'localhost:<port>')
 *   JITSI_ALLOW_EMPTY_TOKEN    allow_empty_token 'true' | 'false' (default 'false')
 *   JITSI_STANDIN_MISCONFIGURATION  test control: 'everyone-moderator', 'no-token-affiliation' or
 *                              'no-lobby-modules' makes the XMPP endpoint behave like a Jitsi set up with that mistake
 *   JITSI_STANDIN_EVENTS_URL   like event_sync's api_prefix (e.g. http://localhost:3000/api/jitsi/events):
 *                              room and occupant events are posted there with JITSI_EVENTS_SECRET
 *   JITSI_STANDIN_CERT_CACHE   'false' keeps the self-signed certificate in memory only; otherwise it
 *                              is cached in .data/jitsi-standin/ so a browser exception survives restarts
 *
 * Routes:
 *   GET  /health                           200 "ok"
 *   GET  /external_api.js, /<tenant>/external_api.js
 *                                          a small JitsiMeetExternalAPI (what @jitsi/react-sdk loads)
 *   POST /verify                           JSON { token, room, tenant? } → the Verdict as JSON
 *   GET  /config.js, /<tenant>/config.js   the XMPP host names (hosts.domain, hosts.muc), as Jitsi's config.js has them
 *   GET  /xmpp-websocket, /<tenant>/xmpp-websocket
 *                                          XMPP over WebSocket, as Prosody answers it (./jitsi-standin/xmpp.ts)
 *   GET  /<room>, /<tenant>/<room>         the meeting page: reads #jwt= (or ?jwt=), POSTs /conference/join,
 *                                          shows "Joined as moderator|participant", "Waiting for a
 *                                          moderator" or "Rejected: <reason>" and posts the matching
 *                                          IFrame API events to its parent
 *   POST /conference/<action>              the meeting page's conference: join { token, room, tenant? },
 *                                          state | admit | refuse | end | leave | drop { occupant, target? }
 *                                          (scripts/jitsi-standin/conference.ts)
 *
 * IFrame protocol between external_api.js and the meeting page: scripts/jitsi-standin/protocol.ts.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { backendSafeRoomName } from '../lib/jitsi/room-name';
import { verifyJitsiToken, type JitsiServerConfig } from '../lib/jitsi/verify';
import { browserScripts } from './jitsi-standin/browser-scripts';
import { loadCertificate } from './jitsi-standin/certificate';
import { ConfigError, describe, standinOptionsFromEnv, type StandinOptions } from './jitsi-standin/config';
import { createConferences, type ConferenceAnswer, type StandinEventSink } from './jitsi-standin/conference';
import { indexPage, meetingPage } from './jitsi-standin/pages';
import { attachXmppWebSocket, xmppDomainOf } from './jitsi-standin/xmpp';

export type RunningStandin = {
  url: string;
  port: number;
  domain: string;
  close: () => Promise<void>;
};

const MAX_BODY_BYTES = 64 * 1024;

// --- HTTP helpers -------------------------------------------------------------------------------------

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8' });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// --- Server -------------------------------------------------------------------------------------------

const RESERVED = new Set(['health', 'verify', 'conference', 'xmpp-websocket', 'config.js', 'external_api.js', 'favicon.ico', 'robots.txt']);

type JoinRequest = { room: string; tenant?: string };

/**
 * Posts events the way event_sync does: `<api_prefix>/events/<path>`, the configured Authorization
 * header plus Content-Type, the same body again (up to 3 retries, 1 s apart) after a 5xx or no answer.
 * One at a time, in the order they happened.
 */
function eventPoster(events: { url: string; secret: string }): StandinEventSink {
  let queue = Promise.resolve();
  return (path, body) => {
    const text = JSON.stringify(body);
    queue = queue.then(async () => {
      for (let attempt = 0; attempt <= 3; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 1_000));
        const status = await fetch(`${events.url}/events/${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${events.secret}`, 'Content-Type': 'application/json' },
          body: text,
          signal: AbortSignal.timeout(10_000),
        }).then((response) => response.status, () => 0);
        if (status > 0 && status < 500) return;
      }
      console.error(`[standin] event ${path} not delivered to ${events.url}`);
    });
  };
}

/** Checks the { token, room, tenant? } fields every token request carries; a string is the error. */
function joinRequest(token: unknown, room: unknown, tenant: unknown): JoinRequest | string {
  if (typeof room !== 'string' || room === '') return 'room (string) is required';
  if (token !== undefined && token !== null && typeof token !== 'string') return 'token must be a string or null';
  if (tenant !== undefined && tenant !== null && (typeof tenant !== 'string' || tenant === '')) return 'tenant must be a non-empty string or null';
  return { room, ...(typeof tenant === 'string' ? { tenant } : {}) };
}

export async function startJitsiStandin(options: StandinOptions): Promise<RunningStandin> {
  const [pems, scripts] = await Promise.all([loadCertificate(options.certDir), browserScripts()]);
  let config: JitsiServerConfig | null = null;
  const conferences = createConferences(Date.now, {
    onEvent: options.events ? eventPoster(options.events) : undefined,
    xmppDomain: () => xmppDomainOf(config?.domain ?? 'localhost'),
  });

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const active = config;
    if (!active) return send(res, 503, 'starting');
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    if (rawPath === '/health') return isGet ? send(res, 200, 'ok') : send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });

    if (/^\/(?:[^/]+\/)?external_api\.js$/.test(rawPath)) {
      if (!isGet) return send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return send(res, 200, scripts.externalApi, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' });
    }

    if (rawPath === '/verify') {
      if (method !== 'POST') return send(res, 405, 'method not allowed', { allow: 'POST' });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { error: 'expected a JSON body { token, room, tenant? } of at most 64 KiB' });
      }
      const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const request = joinRequest(input.token, input.room, input.tenant);
      if (typeof request === 'string') return sendJson(res, 400, { error: request });
      const verdict = await verifyJitsiToken((input.token as string | null | undefined) ?? null, request, active);
      return sendJson(res, 200, verdict);
    }

    const conference = /^\/conference\/([a-z]+)$/.exec(rawPath);
    if (conference) {
      if (method !== 'POST') return send(res, 405, 'method not allowed', { allow: 'POST' });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { error: 'expected a JSON object of at most 64 KiB' });
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, 400, { error: 'expected a JSON object' });
      const answer = await conferences.handle(conference[1]!, body as Record<string, unknown>, async (token, room, tenant): Promise<ConferenceAnswer | { verdict: Awaited<ReturnType<typeof verifyJitsiToken>>; roomKey: string }> => {
        const request = joinRequest(token, room, tenant);
        if (typeof request === 'string') return { status: 400, body: { error: request } };
        const verdict = await verifyJitsiToken((token as string | null | undefined) ?? null, request, active);
        return { verdict, roomKey: `${request.tenant ? `${request.tenant.toLowerCase()}/` : ''}${backendSafeRoomName(request.room)}` };
      });
      return sendJson(res, answer.status, answer.body);
    }

    if (!isGet) return send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    if (/^\/(?:[^/]+\/)?config\.js$/.test(rawPath)) {
      // What the web client (and the live check) reads the XMPP host names from.
      const host = xmppDomainOf(active.domain);
      return send(res, 200, `var config = {\n    hosts: {\n        domain: '${host}',\n        muc: 'conference.${host}'\n    }\n};\n`, { 'content-type': 'text/javascript; charset=utf-8' });
    }
    if (rawPath === '/favicon.ico' || rawPath === '/robots.txt') return send(res, 404, 'not found');

    const nonce = randomBytes(16).toString('base64');
    const htmlHeaders = {
      'content-type': 'text/html; charset=utf-8',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'none'`,
    };
    if (rawPath === '/') return send(res, 200, indexPage(nonce, describe(active)), htmlHeaders);

    const segments = rawPath.slice(1).split('/');
    if (segments.length > 2 || segments.some((segment) => segment === '') || RESERVED.has(segments[0] ?? '')) return send(res, 404, 'not found');
    const [first, second] = segments as [string, string | undefined];
    const tenant = second === undefined ? null : first;
    const room = second === undefined ? first : second;
    const displayRoom = safeDecode(room);
    const context = {
      room,
      tenant,
      roomName: backendSafeRoomName(room),
      where: `https://${active.domain}/${tenant ? `${safeDecode(tenant)}/` : ''}${displayRoom} — Jitsi room '${backendSafeRoomName(room)}'${tenant ? ` on tenant '${tenant.toLowerCase()}'` : ''}`,
    };
    return send(res, 200, meetingPage(context, displayRoom, nonce, `Stand-in config: ${describe(active)}.`, scripts.meetingPage), htmlHeaders);
  };

  const server = https.createServer({ key: pems.key, cert: pems.cert }, (req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error('jitsi-standin: request failed', error);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  const detachXmpp = attachXmppWebSocket(server, () => config, () => options.misconfiguration ?? null);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const domain = options.config.domain ?? `localhost:${port}`;
  config = { ...options.config, domain };
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `https://${hostForUrl}:${port}`,
    port,
    domain,
    close: () =>
      new Promise<void>((resolve) => {
        detachXmpp();
        conferences.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main() {
  const options = standinOptionsFromEnv();
  const running = await startJitsiStandin(options);
  const config = { ...options.config, domain: running.domain };
  const mistake = options.misconfiguration ? `; test control: ${options.misconfiguration}` : '';
  console.log(`Jitsi stand-in listening on ${running.url} (${describe(config)}${mistake})`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `jitsi-standin: ${error.message}` : error);
    process.exit(1);
  });
}
