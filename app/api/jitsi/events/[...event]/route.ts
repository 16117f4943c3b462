// POST /api/jitsi/events/[events/]{room/created,room/destroyed,occupant/joined,occupant/left} — Jitsi's
// event_sync component reporting who is in which room (docs/jitsi-token-contract.md, "Server events").
import { headers } from 'next/headers';
import { recordAudit } from '@/lib/audit/record';
import { getEnv } from '@/lib/env';
import { ingestEvent } from '@/lib/jitsi/events/ingest';
import { isEventPath, parseEvent } from '@/lib/jitsi/events/payload';
import { clientAddress, consumeRateLimit } from '@/lib/rate-limit';
import { bearerMatches } from '@/lib/security/bearer';

/** A room/destroyed event lists everyone who was in; 1 MiB holds several thousand. */
const MAX_BODY_BYTES = 1024 * 1024;

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/** The body as text, or null when it is larger than the limit (read no further than that). */
async function boundedText(request: Request): Promise<string | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function POST(request: Request, { params }: { params: Promise<{ event: string[] }> }) {
  const secret = getEnv().JITSI_EVENTS_SECRET;
  if (!secret) return answer(404, { ok: false, error: 'Jitsi events are not enabled on this Gatehouse (JITSI_EVENTS_SECRET is not set).' });
  // event_sync posts to <api_prefix>/events/<kind>: with api_prefix <portal>/api/jitsi/events (the
  // generated setup) that is /api/jitsi/events/events/<kind>; with <portal>/api/jitsi, /api/jitsi/events/<kind>.
  const path = (await params).event.join('/').replace(/^events\//, '');
  if (!bearerMatches(request.headers.get('authorization'), secret)) {
    // One audit event per client and minute at most: a flood of bad requests must not flood the log.
    const client = clientAddress(await headers());
    if ((await consumeRateLimit(`jitsi-events-refused:${client}`, 1, 60)).allowed) {
      await recordAudit({ kind: 'jitsi.events_refused', data: { path: path.slice(0, 100), client, reason: request.headers.has('authorization') ? 'wrong secret' : 'no Authorization header' } });
    }
    return answer(401, { ok: false, error: 'Send the configured secret as "Authorization: Bearer <JITSI_EVENTS_SECRET>" (event_sync api_headers).' });
  }
  if (!isEventPath(path)) return answer(404, { ok: false, error: `Unknown event path /${path}: expected room/created, room/destroyed, occupant/joined or occupant/left.` });
  const raw = await boundedText(request);
  if (raw === null) return answer(413, { ok: false, error: `The event is larger than ${MAX_BODY_BYTES} bytes.` });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return answer(400, { ok: false, error: 'The body is not JSON.' });
  }
  const parsed = parseEvent(path, body);
  if (!parsed.ok) return answer(400, { ok: false, error: parsed.reason });
  const result = await ingestEvent(path, raw, parsed.event);
  return answer(200, { ok: true, result });
}
