/**
 * SMTP sink for the end-to-end suite.
 *
 * Accepts every message on $SMTP_SINK_HOST (default 127.0.0.1):$SMTP_SINK_PORT (default 2525, no TLS, no
 * auth), keeps it in memory, and serves the stored messages over HTTP on
 * 127.0.0.1:$SMTP_SINK_HTTP_PORT (default 2526):
 *
 *   GET    /messages?to=<address>  JSON array of messages for that recipient
 *                                  (case-insensitive; all messages without `to`), oldest first
 *   DELETE /messages[?to=<address>] forget all messages (or only that recipient's)
 *   GET    /health                 200 "ok" (Playwright's readiness URL)
 *   POST   /outage?domain=<d>      answer 421 to recipients at <d> until DELETE /outage?domain=<d>
 *   POST   /slow?domain=<d>&ms=<n> answer each message for <d> only after <n> ms, until DELETE /slow?domain=<d>
 *   (recipients whose local part starts with "bounce" always get 550)
 *
 * Run: node --import tsx e2e/support/smtp-sink.ts   (tests use ./mailbox.ts)
 *
 * mailparser is not a dependency, so the MIME handling below is a deliberately
 * small parser: headers (with RFC 2047 encoded words), nested multiparts,
 * quoted-printable / base64 bodies and charsets via TextDecoder. That covers
 * what nodemailer produces, which is all the portal sends.
 */
import http from 'node:http';
import type net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SMTP_SINK_HTTP_PORT, SMTP_SINK_PORT, type Attachment, type Message } from './mailbox';

// SMTP_SINK_HOST=0.0.0.0 lets containers reach it (scripts/deploy-check.sh); the tests keep the default.
const HOST = process.env.SMTP_SINK_HOST || '127.0.0.1';

// --- MIME parsing -----------------------------------------------------------
// Parsing works on "binary" strings (latin1: one char per byte) so byte
// offsets survive until a body is finally decoded with its charset.

type Headers = Map<string, string>;

interface Entity {
  headers: Headers;
  body: string; // binary string
}

function bytesToString(bytes: Buffer, charset = 'utf-8'): string {
  // RFC 2231 allows a language suffix ("utf-8*en"); plain ASCII is a subset of UTF-8.
  const label = charset.split('*')[0]?.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // unknown charset label
  }
}

function decodeQuotedPrintable(input: string): Buffer {
  const joined = input
    .replace(/[ \t]+(?=\r?\n)/g, '') // transport-added trailing whitespace is not content
    .replace(/=\r?\n/g, ''); // soft line breaks
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (`=?utf-8?Q?...?=` / `=?utf-8?B?...?=`) in a header value. */
function decodeHeaderValue(binary: string): string {
  // Headers may also carry raw UTF-8 (SMTPUTF8), so undo the latin1 view first.
  const value = Buffer.from(binary, 'latin1').toString('utf8');
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1') // whitespace between adjacent encoded words is not content
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, text: string) =>
      bytesToString(
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
        charset,
      ),
    );
}

function parseEntity(binary: string): Entity {
  const match = /\r?\n\r?\n/.exec(binary);
  const headerText = match ? binary.slice(0, match.index) : binary;
  const body = match ? binary.slice(match.index + match[0].length) : '';

  const headers: Headers = new Map();
  for (const line of headerText.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // First occurrence wins (relevant for Received-style repeated headers only).
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** Splits `type/subtype; a=b; c="d"` into a lower-cased type and its parameters. */
function parseParameterized(value: string): { value: string; params: Map<string, string> } {
  const [head = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const [, key, raw] of `;${rest.join(';')}`.matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    if (key === undefined || raw === undefined) continue;
    const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.trim();
    params.set(key.toLowerCase(), unquoted);
  }
  return { value: head.trim().toLowerCase(), params };
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | undefined; // undefined while in the preamble
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(current.join('\r\n'));
      if (trimmed !== delimiter) return parts; // closing delimiter; ignore the epilogue
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) parts.push(current.join('\r\n')); // tolerate a missing closing delimiter
  return parts;
}

function decodeBytes(entity: Entity): Buffer {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(entity.body);
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64');
  return Buffer.from(entity.body, 'latin1');
}

function decodeBody(entity: Entity, charset: string | undefined): string {
  return bytesToString(decodeBytes(entity), charset).replace(/\r\n/g, '\n');
}

type Found = { text?: string; html?: string; attachments: Attachment[] };

/** Finds the first inline text/plain and text/html bodies and every file, descending into multiparts. */
function collectBodies(entity: Entity, found: Found): void {
  const contentType = parseParameterized(entity.headers.get('content-type') ?? 'text/plain');
  const boundary = contentType.params.get('boundary');

  if (contentType.value.startsWith('multipart/') && boundary) {
    for (const part of splitMultipart(entity.body, boundary)) collectBodies(parseEntity(part), found);
    return;
  }
  const disposition = parseParameterized(entity.headers.get('content-disposition') ?? 'inline');
  const filename = disposition.params.get('filename') ?? contentType.params.get('name');
  if (disposition.value === 'attachment' || filename !== undefined) {
    const contentId = entity.headers.get('content-id')?.replace(/^<|>$/g, '') ?? null;
    found.attachments.push({ filename: filename ?? '', contentType: contentType.value, contentId, base64: decodeBytes(entity).toString('base64') });
    return;
  }

  const charset = contentType.params.get('charset');
  if (contentType.value === 'text/plain' && found.text === undefined) found.text = decodeBody(entity, charset);
  if (contentType.value === 'text/html' && found.html === undefined) found.html = decodeBody(entity, charset);
}

function parseMessage(raw: Buffer, envelopeFrom: string, recipients: string[]): Message {
  const entity = parseEntity(raw.toString('latin1'));
  const found: Found = { attachments: [] };
  collectBodies(entity, found);
  const header = (name: string) => {
    const value = entity.headers.get(name);
    return value === undefined ? undefined : decodeHeaderValue(value);
  };
  return {
    from: header('from') ?? envelopeFrom,
    to: recipients,
    subject: header('subject') ?? '',
    text: found.text ?? '',
    html: found.html ?? '',
    attachments: found.attachments,
    raw: raw.toString('utf8'),
    receivedAt: new Date().toISOString(),
  };
}

// --- storage ------------------------------------------------------------------

let messages: Message[] = [];

const isFor = (message: Message, address: string) =>
  message.to.some((recipient) => recipient.toLowerCase() === address.toLowerCase());

// --- SMTP ---------------------------------------------------------------------

/** Recipient domains whose mail server is "down" (421, try again later) until the test ends the outage. */
const outages = new Set<string>();
/** Recipient domains whose mail server answers each message late (milliseconds). */
const slow = new Map<string, number>();

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  banner: 'Gatehouse e2e SMTP sink',
  logger: false,
  // Simulated failures, scoped to recipients so parallel tests are not affected:
  // local part "bounce…" → 550 (permanent); a domain under outage → 421 (temporary).
  onRcptTo(address, _session, callback) {
    const [local = '', domain = ''] = address.address.toLowerCase().split('@');
    if (local.startsWith('bounce')) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox`));
    if (outages.has(domain)) return callback(smtpError(421, '4.3.2 Service not available, try again later'));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', () => {
      try {
        const envelope = session.envelope;
        const message = parseMessage(
          Buffer.concat(chunks),
          envelope.mailFrom ? envelope.mailFrom.address : '',
          envelope.rcptTo.map((r) => r.address),
        );
        messages.push(message);
        console.log(`smtp-sink: received "${message.subject}" for ${message.to.join(', ')}`);
        const delay = Math.max(0, ...envelope.rcptTo.map((r) => slow.get(r.address.toLowerCase().split('@')[1] ?? '') ?? 0));
        setTimeout(() => callback(), delay);
      } catch (error) {
        console.error('smtp-sink: could not parse message', error);
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    });
  },
});
smtp.on('error', (error) => console.error('smtp-sink: SMTP error', error));

// --- HTTP API -----------------------------------------------------------------

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = typeof body !== 'string';
  res.writeHead(status, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(json ? JSON.stringify(body) : body);
}

const api = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const to = url.searchParams.get('to');

  if (url.pathname === '/health' && req.method === 'GET') return send(res, 200, 'ok');

  const domain = url.searchParams.get('domain')?.toLowerCase();
  if (url.pathname === '/outage' && domain) {
    if (req.method === 'POST') outages.add(domain);
    else if (req.method === 'DELETE') outages.delete(domain);
    else return send(res, 405, 'method not allowed');
    return send(res, 204, '');
  }

  if (url.pathname === '/slow' && domain) {
    if (req.method === 'POST') slow.set(domain, Number(url.searchParams.get('ms') ?? 1000));
    else if (req.method === 'DELETE') slow.delete(domain);
    else return send(res, 405, 'method not allowed');
    return send(res, 204, '');
  }

  if (url.pathname === '/messages') {
    if (req.method === 'GET') {
      return send(res, 200, to === null ? messages : messages.filter((m) => isFor(m, to)));
    }
    if (req.method === 'DELETE') {
      messages = to === null ? [] : messages.filter((m) => !isFor(m, to));
      return send(res, 204, '');
    }
    return send(res, 405, 'method not allowed');
  }
  return send(res, 404, 'not found');
});

// --- lifecycle ----------------------------------------------------------------

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE: fail loudly instead of hanging
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

await listen(smtp.server, SMTP_SINK_PORT);
await listen(api, SMTP_SINK_HTTP_PORT);
console.log(`smtp-sink: SMTP on ${HOST}:${SMTP_SINK_PORT}, HTTP API on http://${HOST}:${SMTP_SINK_HTTP_PORT}`);

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`smtp-sink: ${signal} received, shutting down`);
  // The process exits on its own once both servers are closed; this only
  // guards against a client connection that refuses to go away.
  setTimeout(() => process.exit(0), 3000).unref();
  api.close();
  api.closeAllConnections();
  smtp.close();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
