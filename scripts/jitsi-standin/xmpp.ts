/**
 * The stand-in's XMPP over WebSocket endpoint (RFC 7395), where a real Jitsi's Prosody listens:
 * `wss://<domain>/xmpp-websocket?room=<room>&token=<jwt>` (also `/<tenant>/xmpp-websocket`). It answers
 * the few steps the Jitsi web client — and Gatehouse's live check — makes, with Prosody's replies:
 *
 *   <open/>                → <open/> + features: SASL ANONYMOUS only (authentication = "token")
 *   <auth ANONYMOUS/>      → the token's login checks (lib/jitsi/verify.ts): <success/>, or
 *                            <failure><not-authorized/><text>Prosody's reason</text></failure>
 *   <open/> again          → features: resource binding
 *   <iq><bind/></iq>       → the full JID
 *   <iq to="focus.…">      → Jicofo's answer to a conference request (ready="true")
 *   <presence to="<room>@conference.<domain>/<nick>"> (or conference.<tenant>.<domain>)
 *                          → the join checks: the joined presence with the muc#user item
 *                            (affiliation owner + role moderator from token_affiliation, else member +
 *                            participant) and status 110, or the presence error not-allowed with
 *                            Prosody's text ("Room and token mismatched"); a token that must wait
 *                            (lobby claims, see conference.ts) gets the lobby's answers instead:
 *                            not-acceptable + displayname-required (406) without a <nick/>, else
 *                            registration-required (407) naming the lobby room
 *
 * Test controls (`misconfiguration`, env JITSI_STANDIN_MISCONFIGURATION) make it behave like the usual
 * self-hosting mistakes: 'everyone-moderator' (Jicofo authentication or auto-owner: every occupant
 * becomes owner), 'no-token-affiliation' (the module is missing: nobody gets owner) and
 * 'no-lobby-modules' (token_lobby_ondemand and the lobby are missing: nobody waits).
 * Bounded: frames of at most 64 KiB, 50 stanzas and 30 s of idle time per connection.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import xml, { type Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { verifyJitsiToken, type JitsiServerConfig } from '../../lib/jitsi/verify';
import { waitsInLobby } from './conference';

/** A WebSocket message as text (ws hands over a Buffer, an ArrayBuffer or fragments). */
const rawText = (data: RawData) => (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');

export type Misconfiguration = 'everyone-moderator' | 'no-token-affiliation' | 'no-lobby-modules';
export const MISCONFIGURATIONS: readonly Misconfiguration[] = ['everyone-moderator', 'no-token-affiliation', 'no-lobby-modules'];

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_MUC = 'http://jabber.org/protocol/muc';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_FOCUS = 'http://jitsi.org/protocol/focus';
const NS_NICK = 'http://jabber.org/protocol/nick';
const NS_JITMEET = 'http://jitsi.org/jitmeet';

const MAX_FRAME_BYTES = 64 * 1024;
const MAX_STANZAS = 50;
const IDLE_MS = 30_000;
const PATH = /^\/(?:([^/]+)\/)?xmpp-websocket$/;

/** The XMPP domain is the Jitsi host without its port. */
export function xmppDomainOf(domain: string): string {
  return domain.replace(/:\d+$/, '').toLowerCase();
}

type Session = {
  ws: WebSocket;
  config: JitsiServerConfig;
  misconfiguration: Misconfiguration | null;
  token: string | null;
  tenant: string | undefined;
  domain: string;
  stage: 'start' | 'authenticating' | 'authenticated' | 'bound';
  jid: string | null;
  stanzas: number;
};

function send(session: Session, element: Element) {
  if (session.ws.readyState === session.ws.OPEN) session.ws.send(element.toString());
}

function close(session: Session) {
  send(session, xml('close', { xmlns: NS_FRAMING }));
  session.ws.close(1000);
}

function openReply(session: Session) {
  return xml('open', { xmlns: NS_FRAMING, from: session.domain, id: randomUUID(), version: '1.0', 'xml:lang': 'en' });
}

/** Prosody's error reply to a stanza (st.error_reply): addressed back to the sender's full JID. */
function stanzaError(session: Session, stanza: Element, type: string, condition: string, text?: string): Element {
  return xml(
    stanza.name,
    { type: 'error', from: stanza.attrs.to, to: session.jid ?? undefined, id: stanza.attrs.id },
    stanza.name === 'presence' ? xml('x', { xmlns: NS_MUC }) : null,
    xml('error', { type }, xml(condition, { xmlns: NS_STANZAS }), text ? xml('text', { xmlns: NS_STANZAS }, text) : null),
  );
}

/**
 * What muc_lobby_rooms answers a join that must wait (token_lobby_ondemand has switched the room's lobby
 * on): without a display name `not-acceptable` (406) with displayname-required, else
 * `registration-required` (407) naming the lobby room.
 */
function lobbyAnswer(session: Session, stanza: Element, occupant: { room: string; tenant?: string }): Element {
  const reply = (type: string, condition: string, code: string, extra: Element) =>
    xml(
      'presence',
      { type: 'error', from: stanza.attrs.to, to: session.jid ?? undefined, id: stanza.attrs.id },
      xml('error', { type, code }, xml(condition, { xmlns: NS_STANZAS }), extra),
      xml('x', { xmlns: NS_MUC }),
    );
  if (!stanza.getChildText('nick', NS_NICK)?.trim()) return reply('modify', 'not-acceptable', '406', xml('displayname-required', { xmlns: NS_JITMEET, lobby: 'true' }));
  const node = occupant.tenant ? `[${occupant.tenant}]${occupant.room}` : occupant.room;
  return reply('auth', 'registration-required', '407', xml('lobbyroom', { xmlns: NS_JITMEET }, `${node}@lobby.${session.domain}`));
}

/** The MUC room a presence addresses, or null when `to` is not an occupant JID of this server's conference component. */
function roomOf(session: Session, to: string | undefined): { room: string; tenant?: string; nick: string } | null {
  const match = /^([^@/]+)@([^/]+)\/(.+)$/.exec(to ?? '');
  if (!match) return null;
  const [, room, host, nick] = match as unknown as [string, string, string, string];
  if (host === `conference.${session.domain}`) return { room, nick };
  const tenantMatch = new RegExp(`^conference\\.([^.]+)\\.${session.domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).exec(host);
  return tenantMatch ? { room, tenant: tenantMatch[1], nick } : null;
}

async function onStanza(session: Session, stanza: Element) {
  if (stanza.is('open', NS_FRAMING)) {
    if (stanza.attrs.to?.toLowerCase() !== session.domain) {
      send(session, openReply(session));
      send(session, xml('error', { xmlns: NS_STREAMS }, xml('host-unknown', { xmlns: 'urn:ietf:params:xml:ns:xmpp-streams' })));
      return close(session);
    }
    send(session, openReply(session));
    if (session.stage === 'start') {
      send(session, xml('features', { xmlns: NS_STREAMS }, xml('mechanisms', { xmlns: NS_SASL }, xml('mechanism', {}, 'ANONYMOUS'))));
    } else {
      send(session, xml('features', { xmlns: NS_STREAMS }, xml('bind', { xmlns: NS_BIND })));
    }
    return;
  }
  if (stanza.is('close', NS_FRAMING)) return close(session);

  if (stanza.is('auth', NS_SASL) && session.stage === 'start') {
    if (stanza.attrs.mechanism !== 'ANONYMOUS') return send(session, xml('failure', { xmlns: NS_SASL }, xml('invalid-mechanism')));
    session.stage = 'authenticating';
    // Login checks only: the room is checked when the person joins it (token_verification).
    const verdict = await verifyJitsiToken(session.token, { room: '', tenant: session.tenant }, session.config);
    if (!verdict.accepted && verdict.stage === 'login') {
      session.stage = 'start';
      return send(session, xml('failure', { xmlns: NS_SASL }, xml('not-authorized'), xml('text', { 'xml:lang': 'en' }, verdict.reason)));
    }
    session.stage = 'authenticated';
    return send(session, xml('success', { xmlns: NS_SASL }));
  }

  if (session.stage === 'start' || session.stage === 'authenticating') {
    send(session, xml('error', { xmlns: NS_STREAMS }, xml('not-authorized', { xmlns: 'urn:ietf:params:xml:ns:xmpp-streams' })));
    return close(session);
  }

  if (stanza.is('iq')) {
    const bind = stanza.getChild('bind', NS_BIND);
    if (bind && stanza.attrs.type === 'set' && session.stage === 'authenticated') {
      const resource = bind.getChildText('resource') || randomUUID().slice(0, 8);
      session.jid = `${randomUUID()}@${session.domain}/${resource}`;
      session.stage = 'bound';
      return send(session, xml('iq', { type: 'result', id: stanza.attrs.id }, xml('bind', { xmlns: NS_BIND }, xml('jid', {}, session.jid))));
    }
    const conference = stanza.getChild('conference', NS_FOCUS);
    if (conference && stanza.attrs.to === `focus.${session.domain}` && stanza.attrs.type === 'set') {
      return send(
        session,
        xml('iq', { type: 'result', id: stanza.attrs.id, from: stanza.attrs.to, to: session.jid ?? undefined }, xml('conference', { xmlns: NS_FOCUS, room: conference.attrs.room, ready: 'true', focusjid: `focus@auth.${session.domain}/focus` })),
      );
    }
    if (stanza.attrs.type === 'get' || stanza.attrs.type === 'set') send(session, stanzaError(session, stanza, 'cancel', 'service-unavailable'));
    return;
  }

  if (stanza.is('presence') && session.jid) {
    const occupant = roomOf(session, stanza.attrs.to);
    if (!occupant) return send(session, stanzaError(session, stanza, 'cancel', 'remote-server-not-found'));
    const from = stanza.attrs.to as string;
    if (stanza.attrs.type === 'unavailable') {
      return send(session, xml('presence', { type: 'unavailable', from, to: session.jid }, xml('x', { xmlns: NS_MUC_USER }, xml('item', { affiliation: 'none', role: 'none' }), xml('status', { code: '110' }))));
    }
    const verdict = await verifyJitsiToken(session.token, { room: occupant.room, tenant: occupant.tenant ?? session.tenant }, session.config);
    if (!verdict.accepted) return send(session, stanzaError(session, stanza, 'cancel', 'not-allowed', verdict.reason));
    if (session.misconfiguration !== 'no-lobby-modules' && waitsInLobby(verdict)) return send(session, lobbyAnswer(session, stanza, occupant));
    const owner = session.misconfiguration === 'everyone-moderator' || (session.misconfiguration !== 'no-token-affiliation' && verdict.role === 'moderator');
    const affiliation = owner ? 'owner' : session.misconfiguration === 'no-token-affiliation' ? 'none' : 'member';
    return send(
      session,
      xml(
        'presence',
        { from, to: session.jid },
        xml('x', { xmlns: NS_MUC_USER }, xml('item', { affiliation, role: owner ? 'moderator' : 'participant', jid: session.jid }), xml('status', { code: '110' })),
      ),
    );
  }
}

/**
 * Serves the XMPP WebSocket on `server`'s upgrade requests. `current` gives the Jitsi configuration
 * (null while starting); `misconfiguration` the test control.
 */
export function attachXmppWebSocket(server: Server, current: () => JitsiServerConfig | null, misconfiguration: () => Misconfiguration | null): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false) });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://standin.invalid');
    const match = PATH.exec(url.pathname);
    const config = current();
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!match || !config) return refuse(config ? '404 Not Found' : '503 Service Unavailable');
    let tenant: string | undefined;
    try {
      tenant = match[1] ? decodeURIComponent(match[1]) : undefined;
    } catch {
      return refuse('404 Not Found');
    }
    if (!String(req.headers['sec-websocket-protocol'] ?? '').split(',').some((p) => p.trim() === 'xmpp')) return refuse('400 Bad Request');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session: Session = {
        ws,
        config,
        misconfiguration: misconfiguration(),
        token: url.searchParams.get('token'),
        tenant,
        domain: xmppDomainOf(config.domain),
        stage: 'start',
        jid: null,
        stanzas: 0,
      };
      let idle = setTimeout(() => ws.terminate(), IDLE_MS);
      let queue = Promise.resolve();
      ws.on('message', (data: RawData) => {
        clearTimeout(idle);
        idle = setTimeout(() => ws.terminate(), IDLE_MS);
        if (++session.stanzas > MAX_STANZAS) return ws.close(1008, 'too many stanzas');
        queue = queue.then(async () => {
          let stanza: Element | null;
          try {
            stanza = parse(rawText(data));
          } catch {
            stanza = null;
          }
          if (!stanza) {
            send(session, xml('error', { xmlns: NS_STREAMS }, xml('not-well-formed', { xmlns: 'urn:ietf:params:xml:ns:xmpp-streams' })));
            return close(session);
          }
          await onStanza(session, stanza);
        });
        queue.catch(() => ws.terminate());
      });
      ws.on('close', () => clearTimeout(idle));
      ws.on('error', () => ws.terminate());
    });
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
