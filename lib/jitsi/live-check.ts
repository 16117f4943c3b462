/**
 * The live check: does the configured Jitsi accept Gatehouse's tokens, and with which role? It logs in
 * the way the Jitsi web client does — XMPP over WebSocket (RFC 7395) at
 * `wss://<domain>[/<tenant>]/xmpp-websocket?room=<room>&token=<jwt>`, SASL ANONYMOUS, then presence to
 * `<room>@conference.<domain>/<nick>` (`conference.<tenant>.<domain>` under a tenant; the XMPP host
 * names are read from the server's config.js like the web client does, because docker-jitsi-meet's are
 * `meet.jitsi` and `muc.meet.jitsi`) — once with a participant token, once with a moderator token and
 * once with a participant token that must wait in the lobby, each for a fresh throw-away room, and
 * reports in plain words.
 *
 * The client is xmpp.js (`@xmpp/client`). Its WebSocket transport uses the global `WebSocket`, which
 * Node 20 does not have, and could not trust the stand-in's self-signed certificate anyway; so the
 * transport's socket is the same class with `ws` underneath (`ca`, handshake timeout).
 * Every attempt is bounded (`timeoutMs`, default 10 s) and never throws.
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { client, xml, type XmppClient } from '@xmpp/client';
import ConnectionWebSocket from '@xmpp/websocket/lib/Connection.js';
import Socket from '@xmpp/websocket/lib/Socket.js';
import type { Element } from '@xmpp/xml';
import WebSocket from 'ws';
import { jitsiSettings } from '@/lib/jitsi/config';
import { standinCertificates } from '@/lib/jitsi/doctor';
import { mintJoinToken } from '@/lib/jitsi/token';

/** The three tokens tried: a participant, a moderator, and a participant who must wait in the lobby. */
type LiveToken = 'participant' | 'moderator' | 'lobby';

export type LiveAttempt = {
  token: LiveToken;
  /**
   * joined: in the room; waiting: held in the lobby (registration-required); refused: Prosody said no
   * (at login or at the room); failed: no answer, TLS or network.
   */
  outcome: 'joined' | 'waiting' | 'refused' | 'failed';
  /** The muc#user item of the joined presence (after Jicofo had a moment to change it). */
  affiliation: string | null;
  role: string | null;
  /** Prosody's own words for a refusal (SASL text or presence error text). */
  reason: string | null;
  detail: string;
};

export type LiveCheckReport = {
  domain: string;
  room: string;
  checkedAt: string;
  /** warn: tokens work with the intended roles, but the lobby is not applied. */
  verdict: 'ok' | 'warn' | 'fail';
  summary: string;
  attempts: LiveAttempt[];
};

export type LiveCheckOptions = {
  /** host[:port] of the Jitsi web server. */
  domain: string;
  tenant?: string;
  /** Mints the token for the throw-away room (Gatehouse's one minter); `lobby`: a participant who must wait. */
  mint: (token: LiveToken, room: string) => Promise<string>;
  /** Extra certificates (PEM) to trust, for the built-in stand-in. */
  ca?: string[];
  /** Per attempt (default 10 000 ms). */
  timeoutMs?: number;
  /** How long to wait after joining for Jicofo to change the role (default 1 500 ms). */
  settleMs?: number;
};

const NS_MUC = 'http://jabber.org/protocol/muc';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_FOCUS = 'http://jitsi.org/protocol/focus';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_NICK = 'http://jabber.org/protocol/nick';
const NS_JITMEET = 'http://jitsi.org/jitmeet';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_SETTLE_MS = 1_500;

type Step = 'connecting' | 'logging in' | 'joining the room';

class StepTimeout extends Error {}

function seconds(ms: number) {
  return `${Math.round(ms / 100) / 10} s`;
}

/** xmpp.js's WebSocket socket, on `ws` with the certificates to trust. */
function socketClass(ca: string[] | undefined, timeoutMs: number) {
  return class TrustingSocket extends Socket {
    override connect(url: string) {
      this.url = url;
      this.secure = true;
      this._attachSocket(new WebSocket(url, ['xmpp'], { ca, handshakeTimeout: timeoutMs, maxPayload: 256 * 1024 }));
    }
  };
}

/** Plain words for a network or TLS failure; never a stack trace. */
function explainConnectionError(error: unknown, where: string): string {
  const err = error as { code?: string; message?: string; event?: { error?: { code?: string; message?: string } } } | null;
  const inner = err?.event?.error ?? err;
  const code = inner?.code ?? '';
  const message = inner?.message ?? String(error);
  const http = /Unexpected server response: (\d+)/.exec(message);
  if (http) {
    return `${where} answered HTTP ${http[1]} instead of opening the XMPP WebSocket: the web server must forward /xmpp-websocket to Prosody (docker-jitsi-meet's web container does; with your own nginx add the xmpp-websocket location).`;
  }
  const tlsWords: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a self-signed certificate nobody trusts',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate chain is incomplete (the intermediate certificate is missing)',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is issued by an authority this server does not trust',
    CERT_HAS_EXPIRED: 'its certificate has expired',
    CERT_NOT_YET_VALID: 'its certificate is not valid yet',
    ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name',
  };
  if (tlsWords[code]) return `The secure connection to ${where} was refused: ${tlsWords[code]}. Browsers refuse it too; fix the certificate (see the certificate check above).`;
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || /SSL|TLS/.test(message)) return `The secure connection to ${where} failed (TLS handshake: ${code || message}). Is it serving HTTPS on that port?`;
  if (code === 'ECONNREFUSED') return `Nothing accepts connections at ${where} (connection refused).`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host name of ${where} does not resolve (DNS).`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${where} closed the connection before answering.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') return `${where} cannot be reached from the portal's server (${code}).`;
  return `The connection to ${where} failed: ${message}.`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new StepTimeout()), ms)))]).finally(() => clearTimeout(timer));
}

function stanzaErrorText(stanza: Element): { condition: string; text: string } {
  const error = stanza.getChild('error');
  const condition = error?.getChildElements().find((child) => child.attrs.xmlns === NS_STANZAS && child.name !== 'text')?.name ?? 'unknown';
  return { condition, text: error?.getChildText('text', NS_STANZAS) ?? '' };
}

export type XmppHosts = { domain: string; muc: string; from: 'config.js' | 'default' };

/**
 * The XMPP host names the web client uses, read from `https://<domain>/config.js` (`hosts.domain`,
 * `hosts.muc` when they are plain strings: docker-jitsi-meet's are `meet.jitsi` and `muc.meet.jitsi`),
 * else the web host and `conference.<host>` (a Jitsi installed from packages). A tenant goes after the
 * MUC's first label, as muc_domain_mapper expects: `conference.<tenant>.<domain>`.
 */
export async function xmppHostsFor(webDomain: string, tenant: string | undefined, ca: string[] | undefined, timeoutMs: number): Promise<XmppHosts> {
  const configJs = await new Promise<string>((resolve) => {
    const request = https.get(`https://${webDomain}/config.js`, { ca, timeout: timeoutMs, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return resolve('');
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.length > 512 * 1024) response.destroy();
      });
      response.on('end', () => resolve(text));
      response.on('close', () => resolve(text));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(''));
  });
  return hostsFromConfigJs(configJs, webDomain, tenant);
}

/** `hosts.domain` and `hosts.muc` from a config.js text, when they are plain strings; see `xmppHostsFor`. */
export function hostsFromConfigJs(configJs: string, webDomain: string, tenant: string | undefined): XmppHosts {
  const literal = (key: string) =>
    new RegExp(`hosts\\.${key}\\s*=\\s*['"]([^'"\\s]+)['"]\\s*[;\\n]`).exec(configJs)?.[1] ??
    new RegExp(`hosts\\s*[:=]\\s*\\{[^}]*?\\b${key}\\s*:\\s*['"]([^'"\\s]+)['"]\\s*[,}\\n]`).exec(configJs)?.[1];
  const host = webDomain.replace(/:\d+$/, '').toLowerCase();
  const domain = literal('domain')?.toLowerCase();
  const muc = literal('muc')?.toLowerCase();
  const base = { domain: domain ?? host, muc: muc ?? `conference.${domain ?? host}`, from: domain || muc ? ('config.js' as const) : ('default' as const) };
  if (!tenant) return base;
  const [first, ...rest] = base.muc.split('.');
  return { ...base, muc: [first, tenant.toLowerCase(), ...rest].join('.') };
}

async function attempt(options: LiveCheckOptions, token: LiveToken, room: string): Promise<LiveAttempt> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const tenantPath = options.tenant ? `${encodeURIComponent(options.tenant)}/` : '';
  const where = `wss://${options.domain}/${tenantPath}xmpp-websocket`;
  const ca = options.ca?.length ? [...tls.rootCertificates, ...options.ca] : undefined;
  const hosts = await xmppHostsFor(options.domain, options.tenant, ca, Math.min(timeoutMs / 2, 5_000));
  const host = hosts.domain;
  const muc = hosts.muc;
  const occupant = `${room}@${muc}/${randomBytes(4).toString('hex')}`;
  const base = { token, affiliation: null, role: null, reason: null };
  const left = () => Math.max(1, timeoutMs - (Date.now() - started));
  const hostsNote = hosts.from === 'config.js' ? ` (XMPP domain ${host}, rooms on ${muc}, from config.js)` : '';

  let jwt: string;
  try {
    jwt = await options.mint(token, room);
  } catch (error) {
    return { ...base, outcome: 'failed', detail: `Gatehouse could not mint the ${token} token: ${error instanceof Error ? error.message : String(error)}.` };
  }

  const xmpp: XmppClient = client({ service: `${where}?room=${encodeURIComponent(room)}&token=${encodeURIComponent(jwt)}`, domain: host, resource: 'gatehouse-live-check', timeout: timeoutMs });
  xmpp.reconnect.stop();
  const transport = class extends (ConnectionWebSocket as unknown as new (...args: unknown[]) => object) {};
  (transport.prototype as { Socket: unknown }).Socket = socketClass(ca, timeoutMs);
  xmpp.transports.splice(0, xmpp.transports.length, transport);
  let lastError: unknown = null;
  xmpp.on('error', (error) => (lastError = error));

  const presences: Element[] = [];
  let joined: (stanza: Element) => void = () => {};
  const firstPresence = new Promise<Element>((resolve) => (joined = resolve));
  xmpp.on('stanza', (stanza) => {
    if (stanza.is('presence') && stanza.attrs.from === occupant) {
      presences.push(stanza);
      joined(stanza);
    }
  });

  let step: Step = 'connecting';
  xmpp.on('status', (status) => {
    if (status === 'open') step = 'logging in';
    if (status === 'online') step = 'joining the room';
  });
  try {
    // A SASL failure rejects start(); so does a network or TLS error.
    const online = xmpp.start();
    online.catch(() => {});
    await withTimeout(online, left());

    // What the web client does first: ask Jicofo for the conference (it may grant owner on joining).
    await withTimeout(
      xmpp.iqCaller.request(xml('iq', { type: 'set', to: `focus.${host}` }, xml('conference', { xmlns: NS_FOCUS, room: `${room}@${muc}`, 'machine-uid': randomBytes(8).toString('hex') })), left()),
      left(),
    ).catch(() => null);

    // With a display name, as the web client sends it: the lobby refuses joins without one.
    await xmpp.send(xml('presence', { to: occupant }, xml('x', { xmlns: NS_MUC }), xml('nick', { xmlns: NS_NICK }, 'Gatehouse live check')));
    const first = await withTimeout(firstPresence, left());
    if (first.attrs.type === 'error') {
      const { condition, text } = stanzaErrorText(first);
      if (condition === 'registration-required') {
        const lobbyRoom = first.getChild('error')?.getChildText('lobbyroom', NS_JITMEET);
        return { ...base, outcome: 'waiting', detail: `Held in the lobby${lobbyRoom ? ` (${lobbyRoom})` : ''}: the room asked for a moderator to let the ${token} token in.` };
      }
      const reason = text || condition;
      return { ...base, outcome: 'refused', reason, detail: `Logged in, but the room refused the ${token} token: ${condition}${text ? ` — "${text}"` : ''}.` };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(settleMs, left())));
    const item = presences.at(-1)?.getChild('x', NS_MUC_USER)?.getChild('item');
    const affiliation = item?.attrs.affiliation ?? null;
    const role = item?.attrs.role ?? null;
    return { ...base, outcome: 'joined', affiliation, role, detail: `Accepted: joined the room as ${role ?? 'an unknown role'} (affiliation ${affiliation ?? 'unknown'})${hostsNote}.` };
  } catch (error) {
    const sasl = (error as { name?: string; condition?: string; text?: string }) ?? {};
    if (sasl.name === 'SASLError') {
      const reason = sasl.text || sasl.condition || 'not-authorized';
      return { ...base, outcome: 'refused', reason, detail: `Prosody refused the ${token} token at login: ${sasl.condition ?? 'not-authorized'}${sasl.text ? ` — "${sasl.text}"` : ''}.` };
    }
    if (error instanceof StepTimeout) {
      const cause = lastError ? ` (${explainConnectionError(lastError, where)})` : '';
      return { ...base, outcome: 'failed', detail: `No answer within ${seconds(timeoutMs)} while ${step} at ${where}${cause}.` };
    }
    return { ...base, outcome: 'failed', detail: explainConnectionError(lastError ?? error, where) };
  } finally {
    await withTimeout(xmpp.stop(), 1_000).catch(() => {});
    const raw = xmpp.socket?.socket;
    raw?.terminate?.();
  }
}

function judge(participant: LiveAttempt, moderator: LiveAttempt, lobby: LiveAttempt): Pick<LiveCheckReport, 'verdict' | 'summary'> {
  const refused = [participant, moderator].filter((a) => a.outcome === 'refused');
  if (refused.length) return { verdict: 'fail', summary: `Jitsi refused Gatehouse's ${refused.map((a) => `${a.token} token`).join(' and ')}: "${refused[0]?.reason}". Nobody can join until this is fixed.` };
  const failed = [participant, moderator].find((a) => a.outcome === 'failed');
  if (failed) return { verdict: 'fail', summary: `The live check could not finish: ${failed.detail}` };
  if (participant.outcome === 'waiting' || moderator.outcome === 'waiting') {
    return {
      verdict: 'fail',
      summary: 'Tokens without a lobby claim were held in the lobby: the lobby is switched on for every room, so everyone waits. Let token_lobby_ondemand switch it on (docker-jitsi-meet: remove AUTO_LOBBY / autolobby modules; keep ENABLE_LOBBY=1).',
    };
  }
  if (participant.role === 'moderator') {
    return {
      verdict: 'fail',
      summary:
        'Everyone becomes moderator: the participant token was made moderator. Jicofo is handing out owner rights itself — turn off its authentication and set enable-auto-owner = false (docker-jitsi-meet: JICOFO_ENABLE_AUTH=0, ENABLE_AUTO_OWNER=0).',
    };
  }
  if (moderator.role !== 'moderator') {
    return {
      verdict: 'fail',
      summary:
        'Moderator rights are not applied: the moderator token joined as participant. Add "token_affiliation" to the conference component\'s modules_enabled (docker-jitsi-meet: XMPP_MUC_MODULES=token_affiliation).',
    };
  }
  const roles = 'a participant token joins as participant and a moderator token as moderator';
  if (lobby.outcome === 'waiting') return { verdict: 'ok', summary: `Jitsi accepts Gatehouse's tokens: ${roles}, and a token that must wait is held in the lobby.` };
  if (lobby.outcome === 'joined') {
    return {
      verdict: 'warn',
      summary: `Jitsi accepts Gatehouse's tokens (${roles}), but the lobby is not applied: a token that must wait walked straight in. Rooms set to let guests or everyone wait will not hold anyone back until "token_lobby_ondemand" and "token_lobby_bypass" are on the conference component and the lobby is enabled (see the Prosody lines on this page).`,
    };
  }
  return { verdict: 'warn', summary: `Jitsi accepts Gatehouse's tokens (${roles}), but the lobby check did not finish: ${lobby.detail}` };
}

/** Logs in with a participant token, a moderator token and a lobby token, each for its own throw-away room. Never throws. */
export async function runLiveCheck(options: LiveCheckOptions): Promise<LiveCheckReport> {
  const room = `gatehouse-check-${randomBytes(6).toString('hex')}`;
  const checkedAt = new Date().toISOString();
  const participant = await attempt(options, 'participant', room);
  const moderator = await attempt(options, 'moderator', `${room}-m`);
  const lobby = await attempt(options, 'lobby', `${room}-l`);
  return { domain: options.domain, room, checkedAt, ...judge(participant, moderator, lobby), attempts: [participant, moderator, lobby] };
}

/**
 * The live check for Gatehouse's own Jitsi settings, with tokens from the one minter (a 'Gatehouse live
 * check' identity, no recording or streaming rights). With the built-in stand-in its certificate is trusted.
 */
export function runLiveCheckForGatehouse(options: { timeoutMs?: number } = {}): Promise<LiveCheckReport> {
  const settings = jitsiSettings();
  const ca = standinCertificates(settings);
  return runLiveCheck({
    domain: settings.domain,
    tenant: settings.tenant,
    ca: ca.length ? ca : undefined,
    timeoutMs: options.timeoutMs,
    mint: async (token, room) => {
      const identity = { id: 'gatehouse-live-check', name: 'Gatehouse live check', email: '' };
      const noExtras = { moderatorRecording: false, moderatorLivestreaming: false, moderatorTranscription: false };
      const role = token === 'moderator' ? 'moderator' : 'participant';
      const lobby = token === 'moderator' ? { wait: false, bypass: true } : { wait: token === 'lobby', bypass: false };
      return (await mintJoinToken({ identity, room: { jitsiName: room, ...noExtras }, role, lobby }, settings)).token;
    },
  });
}
