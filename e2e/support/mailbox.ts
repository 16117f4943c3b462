/**
 * Test-side client for the SMTP sink (e2e/support/smtp-sink.ts).
 *
 * The sink keeps every message it receives in memory and exposes them over a
 * small HTTP API; these helpers poll that API so a test can wait for the mail
 * the portal sends (e.g. a magic sign-in link) and pull a URL out of it.
 *
 * This module has no side effects, so both tests and the sink itself import it.
 */

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${value}"`);
  }
  return port;
}

/** Port the sink accepts SMTP on (what the portal's mailer must point at). */
export const SMTP_SINK_PORT = portFromEnv('SMTP_SINK_PORT', 2525);
/** Port of the sink's HTTP API. */
export const SMTP_SINK_HTTP_PORT = portFromEnv('SMTP_SINK_HTTP_PORT', 2526);
/** Base URL of the sink's HTTP API; `${SMTP_SINK_API_URL}/health` is its readiness URL. */
export const SMTP_SINK_API_URL = `http://127.0.0.1:${SMTP_SINK_HTTP_PORT}`;

/** A message as stored and served by the sink. */
export interface Message {
  /** The decoded From header (e.g. `Gatehouse <no-reply@example.com>`), or the envelope sender if absent. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  /** Decoded Subject header ('' if absent). */
  subject: string;
  /** Decoded text/plain body with LF line endings ('' if the message has none). */
  text: string;
  /** Decoded text/html body with LF line endings ('' if the message has none). */
  html: string;
  /** Attached files (including inline images referenced by `cid:`), decoded. */
  attachments: Attachment[];
  /** The message exactly as received over SMTP. */
  raw: string;
  /** ISO 8601 timestamp of when the sink finished receiving the message. */
  receivedAt: string;
}

/** A file attached to a message. */
export interface Attachment {
  filename: string;
  /** Lower-cased MIME type, e.g. `text/calendar`. */
  contentType: string;
  /** The Content-ID without angle brackets, for parts an HTML body shows inline (`cid:…`). */
  contentId: string | null;
  /** The decoded bytes as base64. */
  base64: string;
}

/** A text attachment's content (UTF-8, LF line endings), or undefined when the message has no such file. */
export function attachmentText(message: Message, filename: string): string | undefined {
  const file = message.attachments.find((a) => a.filename === filename);
  return file && Buffer.from(file.base64, 'base64').toString('utf8').replace(/\r\n/g, '\n');
}

export interface WaitForMailOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Only consider messages received at or after this instant. */
  since?: Date;
  /** Only consider messages whose subject matches. */
  subject?: RegExp;
}

/** All messages delivered to `to` (case-insensitive), oldest first. */
export async function listMessages(to: string): Promise<Message[]> {
  const res = await fetch(`${SMTP_SINK_API_URL}/messages?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`SMTP sink answered ${res.status} for GET /messages?to=${to}`);
  return (await res.json()) as Message[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls the sink every 100 ms until a message for `to` (matching the filters)
 * has arrived, and returns the most recent such message.
 * Throws an error naming the address when `timeoutMs` (default 10 s) elapses.
 */
export async function waitForMail(to: string, opts: WaitForMailOptions = {}): Promise<Message> {
  const { timeoutMs = 10_000, since, subject } = opts;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;

  for (;;) {
    try {
      const matching = (await listMessages(to)).filter(
        (m) =>
          (since === undefined || Date.parse(m.receivedAt) >= since.getTime()) &&
          (subject === undefined || subject.test(m.subject)),
      );
      const newest = matching.at(-1);
      if (newest) return newest;
      lastError = undefined;
    } catch (error) {
      // Keep polling: the sink may still be starting. Reported if we time out.
      lastError = error;
    }

    if (Date.now() >= deadline) {
      const filters = [
        since && `received since ${since.toISOString()}`,
        subject && `subject matching ${String(subject)}`,
      ].filter(Boolean);
      const detail = filters.length ? ` (${filters.join(', ')})` : '';
      throw new Error(
        `No mail for ${to}${detail} arrived within ${timeoutMs} ms` +
          (lastError ? `; last error talking to the SMTP sink at ${SMTP_SINK_API_URL}: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : ''),
      );
    }
    await sleep(100);
  }
}

/**
 * Returns the first http(s) URL in `text` (optionally the first one that
 * starts with `startsWith`). Throws if there is none.
 */
export function extractFirstUrl(text: string, startsWith?: string): string {
  for (const [candidate] of text.matchAll(/https?:\/\/[^\s<>"'`]+/g)) {
    // Sentence punctuation right after a URL is not part of it.
    const url = candidate.replace(/[.,;:!?)\]}]+$/, '');
    if (startsWith === undefined || url.startsWith(startsWith)) return url;
  }
  const which = startsWith === undefined ? 'a URL' : `a URL starting with ${startsWith}`;
  throw new Error(`Expected ${which} in:\n${text}`);
}

/** Makes the sink answer 421 (temporarily unavailable) for a recipient domain, until `end()` is called. */
export async function startOutage(domain: string): Promise<{ end: () => Promise<void> }> {
  const url = `${SMTP_SINK_API_URL}/outage?domain=${encodeURIComponent(domain)}`;
  await fetch(url, { method: 'POST' });
  return { end: async () => void (await fetch(url, { method: 'DELETE' })) };
}

/** Makes the sink answer every message for `domain` only after `ms` milliseconds, until `end()`. */
export async function startSlowServer(domain: string, ms: number): Promise<{ end: () => Promise<void> }> {
  const url = `${SMTP_SINK_API_URL}/slow?domain=${encodeURIComponent(domain)}`;
  await fetch(`${url}&ms=${ms}`, { method: 'POST' });
  return { end: async () => void (await fetch(url, { method: 'DELETE' })) };
}
