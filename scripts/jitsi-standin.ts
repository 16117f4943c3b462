/**
 * Gatehouse's built-in Jitsi stand-in: an HTTPS server that behaves, as far as tokens go, like a
 * self-hosted Jitsi Meet. It is not a video bridge; it decides what Prosody would do with a token
 * (lib/jitsi/verify.ts) and shows the verdict in the meeting page.
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
 *   JITSI_STANDIN_CERT_CACHE   'false' keeps the self-signed certificate in memory only; otherwise it
 *                              is cached in .data/jitsi-standin/ so a browser exception survives restarts
 *
 * Routes:
 *   GET  /health                           200 "ok"
 *   GET  /external_api.js, /<tenant>/external_api.js
 *                                          a small JitsiMeetExternalAPI (what @jitsi/react-sdk loads)
 *   POST /verify                           JSON { token, room, tenant? } → the Verdict as JSON
 *   GET  /<room>, /<tenant>/<room>         the meeting page: reads #jwt= (or ?jwt=), POSTs /verify,
 *                                          shows "Joined as moderator|participant" or "Rejected: <reason>"
 *                                          and posts the matching IFrame API events to its parent
 *
 * IFrame protocol (both directions use postMessage with an exact target origin and check
 * event.source + event.origin): messages are { protocol: 'gatehouse-jitsi-standin', apiId, kind, name,
 * data | args }. kind 'ready' (frame → API, then queued commands are delivered), 'event' (frame → API:
 * videoConferenceJoined, participantRoleChanged, videoConferenceLeft, readyToClose, errorOccurred,
 * displayNameChange, audioMuteStatusChanged, videoMuteStatusChanged) and 'command' (API → frame:
 * hangup, displayName, toggleAudio, toggleVideo).
 */
import { X509Certificate, createHash, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from 'selfsigned';
import { backendSafeRoomName } from '../lib/jitsi/room-name';
import { verifyJitsiToken, type JitsiServerConfig } from '../lib/jitsi/verify';

export const STANDIN_PROTOCOL = 'gatehouse-jitsi-standin';

export type StandinOptions = {
  host: string;
  port: number;
  /** The Jitsi config to enforce; `domain` may be omitted to get 'localhost:<actual port>'. */
  config: Omit<JitsiServerConfig, 'domain'> & { domain?: string };
  /** Directory for the cached certificate, or null for memory only. */
  certDir: string | null;
};

export type RunningStandin = {
  url: string;
  port: number;
  domain: string;
  close: () => Promise<void>;
};

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEY_CACHE_MS = 60_000;
const MAX_BODY_BYTES = 64 * 1024;

class ConfigError extends Error {
  override name = 'ConfigError';
}

// --- Configuration ------------------------------------------------------------------------------------

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be 'true' or 'false', got '${value}'`);
}

function parseList(value: string | undefined): string[] | undefined {
  const list = value?.split(',').map((item) => item.trim()).filter(Boolean);
  return list && list.length > 0 ? list : undefined;
}

/** Fetches `<base>/<lowercase hex sha256(kid)>.pem` like Prosody's get_public_key, with a short cache. */
export function asapKeyServer(baseUrl: string, cacheMs = KEY_CACHE_MS): (kid: string) => Promise<KeyObject | null> {
  const cache = new Map<string, { key: KeyObject; until: number }>();
  const base = baseUrl.replace(/\/+$/, '');
  return async (kid) => {
    const cached = cache.get(kid);
    if (cached && cached.until > Date.now()) return cached.key;
    const url = `${base}/${createHash('sha256').update(kid, 'utf8').digest('hex')}.pem`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status !== 200 && response.status !== 204) return null;
      const key = createPublicKey(await response.text());
      cache.set(kid, { key, until: Date.now() + cacheMs });
      return key;
    } catch {
      return null;
    }
  };
}

export function standinOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StandinOptions {
  const portText = env.JITSI_STANDIN_PORT?.trim() || '8443';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`JITSI_STANDIN_PORT must be a port number, got '${portText}'`);
  const host = env.JITSI_STANDIN_HOST?.trim() || '127.0.0.1';
  const appId = env.JITSI_APP_ID?.trim() || 'gatehouse';
  const keyServer = env.JITSI_ASAP_KEY_SERVER?.trim() || undefined;
  const algorithmText = (env.JITSI_ALGORITHM?.trim() || (keyServer && !env.JITSI_APP_SECRET ? 'RS256' : 'HS256')).toUpperCase();
  if (algorithmText !== 'HS256' && algorithmText !== 'RS256') throw new ConfigError(`JITSI_ALGORITHM must be HS256 or RS256, got '${algorithmText}'`);
  const algorithm: 'HS256' | 'RS256' = algorithmText;
  const appSecret = env.JITSI_APP_SECRET || undefined;
  if (algorithm === 'HS256' && !appSecret) throw new ConfigError('JITSI_APP_SECRET is required for HS256 (or set JITSI_ALGORITHM=RS256 with JITSI_ASAP_KEY_SERVER)');
  if (algorithm === 'RS256') {
    if (!keyServer) throw new ConfigError('JITSI_ASAP_KEY_SERVER is required for RS256');
    try {
      new URL(keyServer);
    } catch {
      throw new ConfigError(`JITSI_ASAP_KEY_SERVER must be a URL, got '${keyServer}'`);
    }
  }
  const cache = parseBoolean('JITSI_STANDIN_CERT_CACHE', env.JITSI_STANDIN_CERT_CACHE, true);
  return {
    host,
    port,
    certDir: cache ? path.join(REPO_ROOT, '.data', 'jitsi-standin') : null,
    config: {
      domain: env.JITSI_DOMAIN?.trim() || undefined,
      appId,
      acceptedIssuers: parseList(env.JITSI_ACCEPTED_ISSUERS),
      acceptedAudiences: parseList(env.JITSI_AUDIENCE) ?? ['jitsi'],
      algorithm,
      appSecret: algorithm === 'HS256' ? appSecret : undefined,
      publicKeys: algorithm === 'RS256' && keyServer ? asapKeyServer(keyServer) : undefined,
      enableDomainVerification: parseBoolean('JITSI_DOMAIN_VERIFICATION', env.JITSI_DOMAIN_VERIFICATION, true),
      allowEmptyToken: parseBoolean('JITSI_ALLOW_EMPTY_TOKEN', env.JITSI_ALLOW_EMPTY_TOKEN, false),
    },
  };
}

// --- Certificate --------------------------------------------------------------------------------------

type Pems = { key: string; cert: string };

function usableCertificate(pems: Pems): boolean {
  try {
    const cert = new X509Certificate(pems.cert);
    const validTo = new Date(cert.validTo).getTime();
    return validTo - Date.now() > 24 * 3600 * 1000 && cert.checkHost('localhost') !== undefined && cert.checkIP('127.0.0.1') !== undefined && cert.checkPrivateKey(createPrivateKey(pems.key));
  } catch {
    return false;
  }
}

async function loadCertificate(certDir: string | null): Promise<Pems> {
  if (certDir) {
    try {
      const pems = { key: await readFile(path.join(certDir, 'key.pem'), 'utf8'), cert: await readFile(path.join(certDir, 'cert.pem'), 'utf8') };
      if (usableCertificate(pems)) return pems;
    } catch {
      // no cached certificate yet
    }
  }
  const generated = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  const pems = { key: generated.private, cert: generated.cert };
  if (certDir) {
    try {
      await mkdir(certDir, { recursive: true, mode: 0o700 });
      const suffix = `.${process.pid}.tmp`;
      await writeFile(path.join(certDir, `key.pem${suffix}`), pems.key, { mode: 0o600 });
      await writeFile(path.join(certDir, `cert.pem${suffix}`), pems.cert);
      await rename(path.join(certDir, `key.pem${suffix}`), path.join(certDir, 'key.pem'));
      await rename(path.join(certDir, `cert.pem${suffix}`), path.join(certDir, 'cert.pem'));
    } catch (error) {
      console.warn(`jitsi-standin: could not cache the certificate in ${certDir}: ${(error as Error).message}`);
    }
  }
  return pems;
}

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

/** JSON for a <script type="application/json"> block. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// --- external_api.js ----------------------------------------------------------------------------------

/** The IFrame API that @jitsi/react-sdk (and plain pages) drive; see the file header for the protocol. */
export const EXTERNAL_API_JS = String.raw`/* Gatehouse Jitsi stand-in: JitsiMeetExternalAPI (not a real video bridge) */
(function () {
  'use strict';
  var PROTOCOL = 'gatehouse-jitsi-standin';
  var LEGACY_ARGS = ['roomName', 'width', 'height', 'parentNode', 'configOverwrite', 'interfaceConfigOverwrite', 'jwt', 'onload'];
  var nextId = 0;

  function parseArguments(args) {
    if (!args.length) return {};
    if (typeof args[0] === 'object' && args[0] !== null) return args[0];
    var options = {};
    for (var i = 0; i < LEGACY_ARGS.length && i < args.length; i++) options[LEGACY_ARGS[i]] = args[i];
    return options;
  }

  function sizeValue(value) {
    if (value === undefined || value === null || value === '') return '100%';
    if (typeof value === 'number') return value + 'px';
    var text = String(value);
    return /^[0-9]*\.?[0-9]+$/.test(text) ? text + 'px' : text;
  }

  /* Keeps valid %XX escapes (like a browser address bar) and escapes what a path cannot carry. */
  function roomPath(roomName) {
    return String(roomName || '').split('/').map(function (part) {
      return part.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/gu, function (c) { return encodeURIComponent(c); });
    }).join('/');
  }

  function fragment(options, id, parentOrigin) {
    var parts = ['jitsi_meet_external_api_id=' + id];
    if (options.jwt) parts.push('jwt=' + encodeURIComponent(options.jwt));
    function add(prefix, object) {
      if (!object || typeof object !== 'object') return;
      Object.keys(object).forEach(function (key) {
        if (object[key] === undefined) return;
        parts.push(prefix + '.' + encodeURIComponent(key) + '=' + encodeURIComponent(JSON.stringify(object[key])));
      });
    }
    add('config', options.configOverwrite);
    add('interfaceConfig', options.interfaceConfigOverwrite);
    add('userInfo', options.userInfo);
    add('devices', options.devices);
    if (options.lang) parts.push('lang=' + encodeURIComponent(JSON.stringify(String(options.lang))));
    parts.push('appData.parentOrigin=' + encodeURIComponent(JSON.stringify(window.location.origin)));
    return parts.join('&');
  }

  function JitsiMeetExternalAPI(domain) {
    if (!(this instanceof JitsiMeetExternalAPI)) throw new TypeError('JitsiMeetExternalAPI must be called with new');
    var options = parseArguments(Array.prototype.slice.call(arguments, 1));
    this._id = nextId++;
    this._domain = String(domain || window.location.host);
    this._origin = new URL('https://' + this._domain).origin;
    this._listeners = {};
    this._ready = false;
    this._queue = [];
    this._disposed = false;
    this._local = null; /* { id, displayName, avatarURL, role, email } once joined */
    this._audioMuted = false;
    this._videoMuted = false;
    this._roomName = options.roomName || '';

    var frame = document.createElement('iframe');
    frame.id = 'jitsiConferenceFrame' + this._id;
    frame.name = frame.id;
    frame.title = 'Meeting (Gatehouse Jitsi stand-in)';
    frame.setAttribute('allow', 'camera; microphone; display-capture; autoplay; clipboard-write; hid; screen-wake-lock');
    frame.setAttribute('allowfullscreen', 'true');
    frame.style.border = '0';
    frame.style.width = sizeValue(options.width);
    frame.style.height = sizeValue(options.height);
    if (typeof options.onload === 'function') frame.onload = options.onload;
    this._frame = frame;

    this._onMessage = this._handleMessage.bind(this);
    window.addEventListener('message', this._onMessage);

    frame.src = 'https://' + this._domain + '/' + roomPath(this._roomName) + '#' + fragment(options, this._id, window.location.origin);
    (options.parentNode || document.body).appendChild(frame);
  }

  var api = JitsiMeetExternalAPI.prototype;

  api._handleMessage = function (event) {
    if (this._disposed || !this._frame || event.source !== this._frame.contentWindow) return;
    if (event.origin !== this._origin) return;
    var message = event.data;
    if (!message || message.protocol !== PROTOCOL || String(message.apiId) !== String(this._id)) return;
    if (message.kind === 'ready') {
      this._ready = true;
      var queued = this._queue;
      this._queue = [];
      for (var i = 0; i < queued.length; i++) this._post(queued[i]);
      return;
    }
    if (message.kind !== 'event' || typeof message.name !== 'string') return;
    var data = message.data && typeof message.data === 'object' ? message.data : {};
    this._track(message.name, data);
    this.emit(message.name, data);
  };

  api._track = function (name, data) {
    if (name === 'videoConferenceJoined') this._local = { id: data.id, displayName: data.displayName, avatarURL: data.avatarURL, role: data.role, email: data.email };
    else if (name === 'participantRoleChanged' && this._local && data.id === this._local.id) this._local.role = data.role;
    else if (name === 'displayNameChange' && this._local && data.id === this._local.id) this._local.displayName = data.displayname;
    else if (name === 'videoConferenceLeft') this._local = null;
    else if (name === 'audioMuteStatusChanged') this._audioMuted = !!data.muted;
    else if (name === 'videoMuteStatusChanged') this._videoMuted = !!data.muted;
  };

  api._post = function (message) {
    if (this._frame && this._frame.contentWindow) this._frame.contentWindow.postMessage(message, this._origin);
  };

  /* EventEmitter-style listeners */
  api.on = function (event, listener) {
    if (typeof listener !== 'function') return this;
    (this._listeners[event] = this._listeners[event] || []).push(listener);
    return this;
  };
  api.addListener = api.on;
  api.addEventListener = function (event, listener) { return this.on(event, listener); };
  api.addEventListeners = function (listeners) {
    for (var event in listeners) if (Object.prototype.hasOwnProperty.call(listeners, event)) this.on(event, listeners[event]);
  };
  api.once = function (event, listener) {
    var self = this;
    function wrapper() { self.off(event, wrapper); listener.apply(self, arguments); }
    wrapper.listener = listener;
    return this.on(event, wrapper);
  };
  api.off = function (event, listener) {
    var list = this._listeners[event];
    if (!list) return this;
    this._listeners[event] = list.filter(function (l) { return l !== listener && l.listener !== listener; });
    return this;
  };
  api.removeListener = api.off;
  api.removeEventListener = function (event) { delete this._listeners[event]; };
  api.removeEventListeners = function (events) {
    for (var i = 0; i < events.length; i++) this.removeEventListener(events[i]);
  };
  api.removeAllListeners = function (event) {
    if (event === undefined) this._listeners = {};
    else delete this._listeners[event];
    return this;
  };
  api.listenerCount = function (event) { return (this._listeners[event] || []).length; };
  api.emit = function (event) {
    var args = Array.prototype.slice.call(arguments, 1);
    var list = (this._listeners[event] || []).slice();
    for (var i = 0; i < list.length; i++) {
      try { list[i].apply(this, args); } catch (error) { setTimeout(function (e) { return function () { throw e; }; }(error)); }
    }
    return list.length > 0;
  };

  /* Commands */
  api.executeCommand = function (name) {
    if (this._disposed) return;
    var message = { protocol: PROTOCOL, apiId: this._id, kind: 'command', name: String(name), args: Array.prototype.slice.call(arguments, 1) };
    if (this._ready) this._post(message);
    else this._queue.push(message);
  };
  api.executeCommands = function (commands) {
    for (var name in commands) if (Object.prototype.hasOwnProperty.call(commands, name)) this.executeCommand.apply(this, [name].concat(commands[name] || []));
  };

  /* Getters */
  api.getIFrame = function () { return this._frame; };
  api.getNumberOfParticipants = function () { return this._local ? 1 : 0; };
  api.getParticipantsInfo = function () {
    if (!this._local) return [];
    return [{ participantId: this._local.id, displayName: this._local.displayName, formattedDisplayName: this._local.displayName + ' (me)', avatarURL: this._local.avatarURL, role: this._local.role }];
  };
  api.getDisplayName = function (id) { return this._local && this._local.id === id ? this._local.displayName : undefined; };
  api.getEmail = function (id) { return this._local && this._local.id === id ? this._local.email : undefined; };
  api.getAvatarURL = function (id) { return this._local && this._local.id === id ? this._local.avatarURL : undefined; };
  api.isAudioMuted = function () { return Promise.resolve(this._audioMuted); };
  api.isVideoMuted = function () { return Promise.resolve(this._videoMuted); };
  api.isAudioAvailable = function () { return Promise.resolve(false); };
  api.isVideoAvailable = function () { return Promise.resolve(false); };
  api.getAvailableDevices = function () { return Promise.resolve({ audioInput: [], audioOutput: [], videoInput: [] }); };
  api.getCurrentDevices = function () { return Promise.resolve({ audioInput: undefined, audioOutput: undefined, videoInput: undefined }); };
  api.getRoomsInfo = function () {
    var local = this._local;
    return Promise.resolve({ rooms: local ? [{ isMainRoom: true, id: this._roomName, jid: this._roomName, participants: [{ id: local.id, jid: local.id, role: local.role, displayName: local.displayName }] }] : [] });
  };

  api.dispose = function () {
    if (this._disposed) return;
    this.emit('_willDispose');
    this._disposed = true;
    window.removeEventListener('message', this._onMessage);
    this._listeners = {};
    this._queue = [];
    if (this._frame) {
      this._frame.src = 'about:blank';
      if (this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
    }
    this._frame = null;
  };

  JitsiMeetExternalAPI.isGatehouseStandin = true;
  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
`;

// --- Meeting page -------------------------------------------------------------------------------------

const MEETING_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var PROTOCOL = 'gatehouse-jitsi-standin';
  var ctx = JSON.parse(document.getElementById('standin-context').textContent);

  function parseFragment(hash) {
    var out = {};
    hash.replace(/^#/, '').split('&').forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf('=');
      var key = decodeSafe(at < 0 ? pair : pair.slice(0, at));
      var raw = at < 0 ? '' : decodeSafe(pair.slice(at + 1));
      if (key === 'jwt' || key === 'jitsi_meet_external_api_id') { out[key] = raw; return; }
      try { out[key] = JSON.parse(raw); } catch (e) { out[key] = raw; }
    });
    return out;
  }
  function decodeSafe(text) { try { return decodeURIComponent(text); } catch (e) { return text; } }

  var fragment = parseFragment(window.location.hash);
  var query = new URLSearchParams(window.location.search);
  var token = fragment.jwt || query.get('jwt') || '';
  var apiId = fragment.jitsi_meet_external_api_id;
  var parentOrigin = fragment['appData.parentOrigin'];
  var embedded = window.parent !== window && typeof parentOrigin === 'string' && /^https?:\/\/[^/]+$/.test(parentOrigin);

  /* The token never stays in the address bar or history. */
  if (fragment.jwt !== undefined || query.has('jwt')) {
    query.delete('jwt');
    var keptHash = window.location.hash.replace(/^#/, '').split('&').filter(function (pair) { return pair && pair.indexOf('jwt=') !== 0; }).join('&');
    var search = query.toString();
    history.replaceState(null, '', window.location.pathname + (search ? '?' + search : '') + (keptHash ? '#' + keptHash : ''));
  }

  var state = { id: randomId(), verdict: null, joined: false, left: false, displayName: '', audioMuted: false, videoMuted: false };
  function randomId() {
    var bytes = new Uint8Array(4);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function post(kind, name, data) {
    if (!embedded) return;
    window.parent.postMessage({ protocol: PROTOCOL, apiId: apiId, kind: kind, name: name, data: data }, parentOrigin);
  }
  function emit(name, data) { post('event', name, data || {}); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }
  var main = document.getElementById('verdict-area');
  var leaveButton = document.getElementById('leave');
  var status = document.getElementById('status');

  function renderChecks(checks) {
    var list = el('ol', { class: 'checks', 'data-testid': 'standin-checks' });
    checks.forEach(function (check) {
      list.appendChild(el('li', { class: check.ok ? 'ok' : 'fail', 'data-check': check.id }, [
        el('span', { class: 'mark' }, [check.ok ? '\u2713' : '\u2717']), ' ',
        el('strong', null, [check.label]), ': ', check.detail,
      ]));
    });
    return el('details', { open: '' }, [el('summary', null, ['Checks, in the order Jitsi makes them']), list]);
  }

  function render(verdict) {
    state.verdict = verdict;
    main.textContent = '';
    if (verdict.accepted) {
      var identity = verdict.identity || {};
      state.displayName = identity.name || fragment['userInfo.displayName'] || 'Fellow Jitster';
      main.appendChild(el('h2', { id: 'verdict', 'data-testid': 'standin-verdict', 'data-role': verdict.role }, ['Joined as ' + verdict.role]));
      var rows = [['Name', state.displayName], ['Email', identity.email || '\u2014'], ['ID', identity.id || '\u2014'], ['Avatar', identity.avatar || '\u2014'],
        ['Expires', verdict.expiresAt ? new Date(verdict.expiresAt).toLocaleString() + ' (' + verdict.expiresAt + ')' : 'never (no exp)'],
        ['Participant id', state.id]];
      var table = el('dl', { class: 'identity' });
      rows.forEach(function (row) {
        var dd = el('dd', { 'data-field': row[0].toLowerCase() }, [row[1]]);
        if (row[0] === 'Name') dd.id = 'display-name';
        table.appendChild(el('dt', null, [row[0]]));
        table.appendChild(dd);
      });
      main.appendChild(table);
      var features = verdict.features;
      var featureText = features
        ? Object.keys(features).map(function (key) { return key + ': ' + (features[key] ? 'yes' : 'no'); }).join(', ')
        : 'no context.features in the token \u2014 the role decides';
      main.appendChild(el('p', { 'data-testid': 'standin-features' }, [el('strong', null, ['Features: ']), featureText]));
      main.appendChild(renderChecks(verdict.checks));
      if (state.left) return;
      state.joined = true;
      emit('videoConferenceJoined', { roomName: ctx.roomName, id: state.id, displayName: state.displayName, avatarURL: identity.avatar || '', email: identity.email || '', role: verdict.role, breakoutRoom: false, visitor: false });
      emit('participantRoleChanged', { id: state.id, role: verdict.role });
    } else {
      main.appendChild(el('h2', { id: 'verdict', class: 'rejected', 'data-testid': 'standin-verdict', 'data-role': '' }, ['Rejected: ' + verdict.reason]));
      main.appendChild(renderChecks(verdict.checks || []));
      if (state.left) return;
      var last = (verdict.checks || [])[verdict.checks.length - 1] || {};
      var atJoin = last.id === 'sub' || last.id === 'room';
      var error = {
        name: atJoin ? 'conference.connectionError.notAllowed' : 'connection.passwordRequired',
        message: verdict.reason,
        type: atJoin ? 'CONFERENCE' : 'CONNECTION',
        isFatal: true,
      };
      emit('errorOccurred', { error: error, name: error.name, message: error.message, type: error.type, isFatal: true, details: { check: last.id, detail: last.detail } });
    }
  }

  function fail(message) {
    main.textContent = '';
    main.appendChild(el('h2', { id: 'verdict', class: 'rejected', 'data-testid': 'standin-verdict' }, ['Rejected: ' + message]));
    var error = { name: 'connection.otherError', message: message, type: 'CONNECTION', isFatal: true };
    emit('errorOccurred', { error: error, name: error.name, message: message, type: error.type, isFatal: true });
  }

  function leave() {
    if (state.left) return;
    state.left = true;
    leaveButton.disabled = true;
    status.textContent = 'You left the meeting.';
    if (state.joined) emit('videoConferenceLeft', { roomName: ctx.roomName });
    state.joined = false;
    emit('readyToClose', {});
  }
  leaveButton.addEventListener('click', leave);

  function runCommand(name, args) {
    if (name === 'hangup') leave();
    else if (name === 'displayName' && typeof args[0] === 'string' && state.joined) {
      state.displayName = args[0];
      var node = document.getElementById('display-name');
      if (node) node.textContent = args[0];
      emit('displayNameChange', { id: state.id, displayname: args[0] });
    } else if (name === 'toggleAudio') {
      state.audioMuted = !state.audioMuted;
      emit('audioMuteStatusChanged', { muted: state.audioMuted });
    } else if (name === 'toggleVideo') {
      state.videoMuted = !state.videoMuted;
      emit('videoMuteStatusChanged', { muted: state.videoMuted });
    }
  }

  window.addEventListener('message', function (event) {
    if (!embedded || event.source !== window.parent || event.origin !== parentOrigin) return;
    var message = event.data;
    if (!message || message.protocol !== PROTOCOL || String(message.apiId) !== String(apiId) || message.kind !== 'command') return;
    runCommand(String(message.name), Array.isArray(message.args) ? message.args : []);
  });
  post('ready', 'ready', {});

  fetch('/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: token || null, room: ctx.room, tenant: ctx.tenant }),
  })
    .then(function (response) {
      if (!response.ok) throw new Error('the stand-in answered ' + response.status);
      return response.json();
    })
    .then(render, function (error) { fail(error && error.message ? error.message : String(error)); });
})();
`;

const PAGE_STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f5f6f8; color: #1d2330; }
  .banner { background: #fff4c2; border-bottom: 1px solid #e2c94a; padding: 6px 16px; font-size: 13px; }
  main { max-width: 880px; margin: 0 auto; padding: 16px 20px 40px; }
  h1 { font-size: 22px; margin: 12px 0 4px; }
  .where { color: #5b6475; font-size: 13px; margin: 0 0 16px; word-break: break-all; }
  h2 { font-size: 20px; margin: 16px 0 8px; color: #0f6b3a; }
  h2.rejected { color: #a1231b; }
  dl.identity { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 12px; }
  dt { color: #5b6475; } dd { margin: 0; word-break: break-all; }
  ol.checks { padding-left: 20px; font-size: 14px; } ol.checks li { margin: 3px 0; }
  li.ok .mark { color: #0f6b3a; } li.fail .mark { color: #a1231b; } li.fail { color: #a1231b; }
  button { font: inherit; padding: 6px 16px; border-radius: 6px; border: 1px solid #a1231b; background: #c62e24; color: #fff; cursor: pointer; }
  button:disabled { opacity: .5; cursor: default; }
  footer { color: #5b6475; font-size: 12px; margin-top: 24px; }
`;

function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function meetingPage(context: Record<string, unknown>, title: string, nonce: string, footer: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${htmlEscape(title)} · Jitsi stand-in</title>
<style nonce="${nonce}">${PAGE_STYLE}</style>
</head>
<body>
<div class="banner" role="note" data-testid="standin-banner">Gatehouse Jitsi stand-in — not a real video bridge</div>
<main>
  <h1>${htmlEscape(title)}</h1>
  <p class="where">${htmlEscape(String(context.where))}</p>
  <section id="verdict-area" aria-live="polite"><p>Checking the token…</p></section>
  <p><button id="leave" type="button" data-testid="standin-leave">Leave</button> <span id="status" role="status"></span></p>
  <footer>${htmlEscape(footer)}</footer>
</main>
<script id="standin-context" type="application/json">${scriptJson(context)}</script>
<script nonce="${nonce}">${MEETING_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function indexPage(nonce: string, footer: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gatehouse Jitsi stand-in</title><style nonce="${nonce}">${PAGE_STYLE}</style></head>
<body><div class="banner" role="note">Gatehouse Jitsi stand-in — not a real video bridge</div>
<main><h1>Gatehouse Jitsi stand-in</h1>
<p>Open <code>/&lt;room&gt;#jwt=&lt;token&gt;</code> (or <code>/&lt;tenant&gt;/&lt;room&gt;</code>) to see what a self-hosted Jitsi would do with a token,
or embed it with <code>/external_api.js</code> like a real Jitsi Meet.</p>
<footer>${htmlEscape(footer)}</footer></main></body></html>
`;
}

// --- Server -------------------------------------------------------------------------------------------

function describe(config: JitsiServerConfig): string {
  return [
    `domain ${config.domain}`,
    config.algorithm,
    `app_id ${config.appId}`,
    `iss ${(config.acceptedIssuers ?? [config.appId]).join(',')}`,
    `aud ${(config.acceptedAudiences ?? ['*']).join(',')}`,
    `domain verification ${config.enableDomainVerification === false ? 'off' : 'on'}`,
    ...(config.allowEmptyToken ? ['empty tokens allowed'] : []),
  ].join(', ');
}

const RESERVED = new Set(['health', 'verify', 'external_api.js', 'favicon.ico', 'robots.txt']);

export async function startJitsiStandin(options: StandinOptions): Promise<RunningStandin> {
  const pems = await loadCertificate(options.certDir);
  let config: JitsiServerConfig | null = null;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const active = config;
    if (!active) return send(res, 503, 'starting');
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    if (rawPath === '/health') return isGet ? send(res, 200, 'ok') : send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });

    if (/^\/(?:[^/]+\/)?external_api\.js$/.test(rawPath)) {
      if (!isGet) return send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return send(res, 200, EXTERNAL_API_JS, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' });
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
      const { token, room, tenant } = input;
      if (typeof room !== 'string' || room === '') return sendJson(res, 400, { error: 'room (string) is required' });
      if (token !== undefined && token !== null && typeof token !== 'string') return sendJson(res, 400, { error: 'token must be a string or null' });
      if (tenant !== undefined && tenant !== null && (typeof tenant !== 'string' || tenant === '')) return sendJson(res, 400, { error: 'tenant must be a non-empty string or null' });
      const verdict = await verifyJitsiToken(token ?? null, { room, ...(typeof tenant === 'string' ? { tenant } : {}) }, active);
      return sendJson(res, 200, verdict);
    }

    if (!isGet) return send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
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
    return send(res, 200, meetingPage(context, displayRoom, nonce, `Stand-in config: ${describe(active)}.`), htmlHeaders);
  };

  const server = https.createServer({ key: pems.key, cert: pems.cert }, (req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error('jitsi-standin: request failed', error);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

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
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main() {
  const options = standinOptionsFromEnv();
  const running = await startJitsiStandin(options);
  const config = { ...options.config, domain: running.domain } as JitsiServerConfig;
  console.log(`Jitsi stand-in listening on ${running.url} (${describe(config)})`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    running.close().then(() => process.exit(0));
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
