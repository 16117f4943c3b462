import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

const INSTALLED = Symbol.for('gatehouse.peerAddressHook');

/**
 * Appends the connection's peer address to X-Forwarded-For, as every proxy hop does. `next start`
 * only fills X-Forwarded-For with the socket address when the header is missing, and route handlers
 * and server actions never see the socket: without this, a client that sends its own
 * X-Forwarded-For chooses the address that rate limits count against. With it, the last entry is
 * always the real peer and `clientAddress` can believe exactly as many entries as there are
 * trusted proxies (TRUSTED_PROXY_HOPS).
 */
function appendPeerAddress(request: IncomingMessage, socket: Socket): void {
  const peer = socket.remoteAddress ?? 'unknown';
  const prior = request.headers['x-forwarded-for'];
  request.headers['x-forwarded-for'] = prior ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${peer}` : peer;
}

/**
 * Runs {@link appendPeerAddress} for every request of every HTTP server in this process, before any
 * handler (Node's `http.server.request.start` channel fires ahead of the `request` event). Called
 * once from `instrumentation.ts`, which Next runs in the server process before it takes requests.
 */
export function installPeerAddressHook(): void {
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    appendPeerAddress(request, socket);
  });
}
